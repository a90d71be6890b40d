import type { Role } from '../sync/device-store.ts';
import { ApiError } from '../sync/api.ts';

export interface Me {
  readonly signedIn: boolean;
  readonly signInAvailable?: boolean;
  /** The account's id, when signed in: presence and rubric answers are keyed by it. */
  readonly id?: string;
  readonly name?: string;
  readonly email?: string;
  readonly workspaces?: readonly {
    readonly id: string;
    readonly name: string;
    readonly role: Role;
  }[];
}

export interface Member {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly name: string | null;
  readonly joined: boolean;
  readonly invitedAt: string;
  readonly lastActiveAt: string | null;
}

export interface AuditEventView {
  readonly id: number;
  readonly at: string;
  readonly actor: {
    readonly type: string;
    readonly id?: string;
    readonly name?: string;
    readonly role?: string;
  };
  readonly action: string;
  readonly target?: string;
  readonly outcome: string;
  readonly detail?: string;
}

/**
 * Identity calls. `token` may be empty: a signed-in member's session cookie goes with every
 * same-origin request, so the owner pages work with a link, a sign-in or both.
 */
async function call<T>(
  path: string,
  token: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(token !== '' && { authorization: `Bearer ${token}` }),
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new ApiError(
      0,
      'You seem to be offline: members and the audit log need a connection to the server.',
    );
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new ApiError(response.status, body?.error ?? `The server answered ${response.status}.`);
  }
  return (path.includes('/audit') ? await response.text() : await response.json()) as T;
}

const ws = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}`;

export const identityApi = {
  me: () => call<Me>('/api/me', ''),
  providers: () => call<{ id: string; name: string }[]>('/auth/providers', ''),
  signOut: () => call<Me>('/auth/logout', '', { method: 'POST' }),
  listMembers: (workspaceId: string, token: string) =>
    call<{ members: Member[]; signInRequired: boolean }>(`${ws(workspaceId)}/members`, token),
  putMember: (workspaceId: string, token: string, email: string, role: Role) =>
    call<Member>(`${ws(workspaceId)}/members`, token, { body: { email, role } }),
  removeMember: (workspaceId: string, token: string, id: string) =>
    call<unknown>(`${ws(workspaceId)}/members?id=${encodeURIComponent(id)}`, token, {
      method: 'DELETE',
    }),
  setSignInRequired: (workspaceId: string, token: string, signInRequired: boolean) =>
    call<unknown>(`${ws(workspaceId)}/settings`, token, {
      method: 'PUT',
      body: { signInRequired },
    }),
  readAudit: async (workspaceId: string, token: string, query: string): Promise<AuditEventView[]> =>
    (await call<string>(`${ws(workspaceId)}/audit?format=jsonl${query}`, token))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as AuditEventView),
};
