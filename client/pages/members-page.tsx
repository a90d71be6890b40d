import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import '../identity/identity.css';
import { identityApi, type Member } from '../identity/identity-api.ts';
import { useOwnerToken } from '../identity/use-owner-token.ts';
import { ApiError } from '../sync/api.ts';
import type { Role } from '../sync/device-store.ts';

const ROLES: readonly Role[] = ['owner', 'editor', 'viewer'];
const when = (iso: string | null) =>
  iso === null
    ? 'Not yet'
    : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(iso),
      );
const message = (failure: unknown) =>
  failure instanceof ApiError ? failure.message : 'Something went wrong.';

/** `/w/:ws/members` (owners): who is in the workspace, their roles and last activity; invite, change, remove; require sign-in. */
export function MembersPage({ workspaceId }: { readonly workspaceId: string }) {
  const token = useOwnerToken(workspaceId);
  const emailId = useId();
  const roleId = useId();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [signInRequired, setSignInRequired] = useState(false);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('editor');

  const refresh = useCallback(async () => {
    try {
      const answer = await identityApi.listMembers(workspaceId, token);
      setMembers(answer.members);
      setSignInRequired(answer.signInRequired);
    } catch (failure) {
      setStatus({ kind: 'error', text: message(failure) });
    }
  }, [workspaceId, token]);

  useEffect(() => {
    document.title = 'Members · Pathways';
    void refresh();
  }, [refresh]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setStatus({ kind: 'ok', text: done });
      await refresh();
    } catch (failure) {
      setStatus({ kind: 'error', text: message(failure) });
    }
  };

  const invite = (event: FormEvent) => {
    event.preventDefault();
    void act(
      () => identityApi.putMember(workspaceId, token, email, role),
      `Invited ${email} as ${role}. They join when they first sign in.`,
    ).then(() => setEmail(''));
  };

  return (
    <>
      <header className="topbar">
        <nav aria-label="Breadcrumb">
          <Link href="/">Pathways</Link> <span aria-hidden="true">›</span>{' '}
          <Link href={`/w/${workspaceId}`}>Workspace</Link>
        </nav>
      </header>
      <main id="main" className="page">
        <h1>Members</h1>
        <p>
          <Link href={`/w/${workspaceId}/audit`}>Audit log: who did what, and when</Link>
        </p>
        <p
          role="status"
          className={status?.kind === 'error' ? 'form-error' : 'notice'}
          hidden={status === null}
        >
          {status?.text}
        </p>
        {members !== null && (
          <>
            <div className="table-scroll">
              <table className="people-table">
                <caption className="visually-hidden">Members and invitations</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Last activity</th>
                    <th scope="col">
                      <span className="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {members.map((member) => (
                    <tr key={member.id}>
                      <td>{member.name ?? <em>Invited, not signed in yet</em>}</td>
                      <td>{member.email}</td>
                      <td>
                        <select
                          aria-label={`Role of ${member.email}`}
                          value={member.role}
                          onChange={(event) =>
                            void act(
                              () =>
                                identityApi.putMember(
                                  workspaceId,
                                  token,
                                  member.email,
                                  event.target.value as Role,
                                ),
                              `${member.email} is now ${event.target.value}.`,
                            )
                          }
                        >
                          {ROLES.map((option) => (
                            <option key={option}>{option}</option>
                          ))}
                        </select>
                      </td>
                      <td>{when(member.lastActiveAt)}</td>
                      <td>
                        <button
                          type="button"
                          className="danger"
                          onClick={() =>
                            void act(
                              () => identityApi.removeMember(workspaceId, token, member.id),
                              `Removed ${member.email}; their open documents closed.`,
                            )
                          }
                        >
                          Remove <span className="visually-hidden">{member.email}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {members.length === 0 && (
              <p className="empty">
                No members yet: people reach this workspace through its share links only.
              </p>
            )}
            <form className="card" onSubmit={invite}>
              <h2>Invite someone</h2>
              <label htmlFor={emailId}>District email</label>
              <input
                id={emailId}
                type="email"
                required
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                autoComplete="off"
              />
              <label htmlFor={roleId}>Role</label>
              <select
                id={roleId}
                value={role}
                onChange={(event) => setRole(event.target.value as Role)}
              >
                {ROLES.map((option) => (
                  <option key={option}>{option}</option>
                ))}
              </select>
              <button type="submit" className="primary">
                Invite
              </button>
            </form>
            <label className="inline-check">
              <input
                type="checkbox"
                checked={signInRequired}
                onChange={(event) =>
                  void act(
                    () => identityApi.setSignInRequired(workspaceId, token, event.target.checked),
                    event.target.checked
                      ? 'Share links now work only for people who are signed in.'
                      : 'Share links work without signing in again.',
                  )
                }
              />
              Sign-in required: share links work only for people signed in with a district account
            </label>
          </>
        )}
      </main>
    </>
  );
}
