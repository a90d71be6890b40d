import { useLayoutEffect } from 'react';
import { Link } from 'wouter';
import { replaceFirstScreen } from '../first-screen.ts';

/** Shown when this device has no link for what was asked: it says what to do, not just "denied". */
export function NoAccess({ what }: { readonly what: 'document' | 'workspace' }) {
  useLayoutEffect(replaceFirstScreen, []);
  return (
    <main id="main" className="page narrow">
      <h1>This {what} needs a share link</h1>
      <p>
        Pathways workspaces are private to the people invited. Open the link you were sent (it ends
        in “?token=…”), or ask the person who runs the workspace for one.
      </p>
      <p>
        Invited as a member?{' '}
        <a href={`/sign-in?next=${encodeURIComponent(window.location.pathname)}`}>
          Sign in with your district account
        </a>
        .
      </p>
      <p>
        <Link href="/">Go to your workspaces</Link>
      </p>
    </main>
  );
}
