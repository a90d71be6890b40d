import { useEffect, useId, useState } from 'react';
import { Link } from 'wouter';
import { api, ApiError } from '../sync/api.ts';
import {
  listJoinedWorkspaces,
  rememberWorkspace,
  type JoinedWorkspace,
} from '../sync/device-store.ts';
import { ShareLinks } from './share-links.tsx';

export function HomePage() {
  const id = useId();
  const [workspaces, setWorkspaces] = useState<JoinedWorkspace[]>(() => listJoinedWorkspaces());
  const [name, setName] = useState('');
  const [created, setCreated] = useState<JoinedWorkspace | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Pathways';
  }, []);

  return (
    <>
      <header className="topbar">
        <span className="brand">Pathways</span>
        <nav aria-label="Account">
          <a href="/sign-in">Sign in with your district account</a>
        </nav>
      </header>
      <main id="main" className="page">
        <h1>Your workspaces</h1>
        <p className="lede">
          Shared worksheets for your district and its community mental-health providers: roles,
          referral pathways, meetings, data reviews and the practice rubric.
        </p>
        {workspaces.length === 0 ? (
          <p className="empty">
            This device has not joined a workspace yet. Open a share link you were sent, or create a
            workspace below.
          </p>
        ) : (
          <ul className="workspace-list">
            {workspaces.map((workspace) => (
              <li key={workspace.id}>
                <Link href={`/w/${workspace.id}`}>{workspace.name}</Link>{' '}
                <span className="role">({workspace.role})</span>
              </li>
            ))}
          </ul>
        )}
        <form
          className="card"
          aria-labelledby={`${id}-heading`}
          onSubmit={async (event) => {
            event.preventDefault();
            try {
              const answer = await api.createWorkspace(name.trim());
              const workspace: JoinedWorkspace = {
                id: answer.id,
                name: answer.name,
                token: answer.tokens.owner,
                role: 'owner',
                shareTokens: { editor: answer.tokens.editor, viewer: answer.tokens.viewer },
              };
              rememberWorkspace(workspace);
              setWorkspaces(listJoinedWorkspaces());
              setCreated(workspace);
              setName('');
              setError(null);
            } catch (failure) {
              setError(
                failure instanceof ApiError ? failure.message : 'Could not create the workspace.',
              );
            }
          }}
        >
          <h2 id={`${id}-heading`}>Create a workspace</h2>
          <label htmlFor={`${id}-name`}>District or partnership name</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            required
            maxLength={200}
            placeholder="e.g. Riverside USD and Harbor Health"
          />
          {error !== null && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary">
            Create workspace
          </button>
        </form>
        {created !== null && created.shareTokens !== undefined && (
          <div className="created" aria-live="polite">
            <p>
              <strong>{created.name}</strong> is ready.{' '}
              <Link href={`/w/${created.id}`}>Open the workspace</Link>
            </p>
            <ShareLinks workspaceId={created.id} tokens={created.shareTokens} />
          </div>
        )}
      </main>
    </>
  );
}
