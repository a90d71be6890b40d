import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { identityApi, type Me } from '../identity/identity-api.ts';

/** Why the callback sent someone back here, in words they can act on. */
function refusalText(params: URLSearchParams): string | null {
  const domain = params.get('domain');
  switch (params.get('refused')) {
    case null:
      return null;
    case 'domain':
      return `Your account${domain ? ` (@${domain})` : ''} is not one of this district's, so Pathways did not sign you in. Sign in with your district account, or ask the person who runs your workspace for a share link.`;
    case 'student':
      return 'Student accounts cannot sign in: Pathways is for district staff and partner providers, and holds no student information.';
    case 'no-email':
      return 'Your provider did not share a verified email address, so Pathways cannot tell which district you belong to.';
    case 'expired':
      return 'The sign-in took too long or was started in another browser. Please try again.';
    case 'unavailable':
      return 'The district sign-in service did not answer. Please try again in a few minutes.';
    default:
      return 'The sign-in did not complete. Please try again.';
  }
}

/** `/sign-in`: the district sign-in buttons (one per configured provider), or who is signed in and their workspaces. */
export function SignInPage() {
  const params = new URLSearchParams(window.location.search);
  const refused = refusalText(params);
  const next = params.get('next') ?? '/';
  const [me, setMe] = useState<Me | null>(null);
  const [providers, setProviders] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Sign in · Pathways';
    identityApi.me().then(setMe, () => setError('Could not reach the server.'));
    identityApi.providers().then(setProviders, () => {});
  }, []);

  const signOut = async () => {
    await identityApi.signOut().catch(() => undefined);
    setMe({ signedIn: false });
  };

  return (
    <>
      <header className="topbar">
        <nav aria-label="Breadcrumb">
          <Link href="/">Pathways</Link>
        </nav>
      </header>
      <main id="main" className="page narrow">
        <h1>Sign in</h1>
        {refused !== null && (
          <p className="form-error" role="alert">
            {refused}
          </p>
        )}
        {error !== null && <p className="form-error">{error}</p>}
        {me?.signedIn === true ? (
          <section aria-labelledby="signed-in-heading">
            <h2 id="signed-in-heading">
              Signed in as {me.name} ({me.email})
            </h2>
            {(me.workspaces ?? []).length === 0 ? (
              <p className="empty">
                You are not a member of any workspace yet. The person who runs your workspace can
                invite this email address.
              </p>
            ) : (
              <ul className="workspace-list">
                {(me.workspaces ?? []).map((workspace) => (
                  <li key={workspace.id}>
                    <Link href={`/w/${workspace.id}`}>{workspace.name}</Link>{' '}
                    <span className="role">{workspace.role}</span>
                  </li>
                ))}
              </ul>
            )}
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </section>
        ) : (
          me !== null && (
            <section aria-labelledby="providers-heading">
              <h2 id="providers-heading">With your district account</h2>
              {providers.length === 0 ? (
                <p className="empty">
                  Sign-in is not set up on this server. Open the share link you were sent.
                </p>
              ) : (
                <ul className="provider-list">
                  {providers.map((provider) => (
                    <li key={provider.id}>
                      <a
                        className="button primary"
                        href={`/auth/login?provider=${encodeURIComponent(provider.id)}&next=${encodeURIComponent(next)}`}
                      >
                        Sign in with {provider.name}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
              <p className="hint">
                Share links keep working without signing in, unless a workspace requires sign-in.
              </p>
            </section>
          )
        )}
      </main>
    </>
  );
}
