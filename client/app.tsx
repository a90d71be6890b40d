import { lazy, Suspense, useState } from 'react';
import { Route, Switch } from 'wouter';
import { loadDocumentPage, loadedDocumentPage } from './pages/document-page-module.ts';
import { HomePage } from './pages/home-page.tsx';
import { WorkspacePage } from './pages/workspace-page.tsx';

// The editor (Tiptap, ProseMirror) is most of the code; the home and workspace pages do without it.
const LazyDocumentPage = lazy(() =>
  loadDocumentPage().then((module) => ({ default: module.DocumentPage })),
);
const FollowUpsPage = lazy(() =>
  import('./pages/follow-ups-page.tsx').then((module) => ({ default: module.FollowUpsPage })),
);
// The projector view needs no editor at all, only the document and the timer.
const PresentPage = lazy(() =>
  import('./pages/present-page.tsx').then((module) => ({ default: module.PresentPage })),
);
const PrintPage = lazy(() =>
  import('./pages/print-page.tsx').then((module) => ({ default: module.PrintPage })),
);
// The survey form is all a survey link opens; it loads on its own, without the editor.
const JoinCodePage = lazy(() =>
  import('./pages/join-code-page.tsx').then((module) => ({ default: module.JoinCodePage })),
);
// Sign-in and the owners' members and audit pages: rarely opened, so loaded on their own.
const SignInPage = lazy(() =>
  import('./pages/sign-in-page.tsx').then((module) => ({ default: module.SignInPage })),
);
const MembersPage = lazy(() =>
  import('./pages/members-page.tsx').then((module) => ({ default: module.MembersPage })),
);
const AuditPage = lazy(() =>
  import('./pages/audit-page.tsx').then((module) => ({ default: module.AuditPage })),
);
const SurveyPage = lazy(() =>
  import('./survey/survey-page.tsx').then((module) => ({ default: module.SurveyPage })),
);

/** The pages of DESIGN.md (home, workspace, document, present), the print view, the workspace's follow-ups and the survey form. Each page keys on its id so switching resets it. */
export function App() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {/* One fallback for every lazily loaded page; home and workspace never wait for one. */}
      <Suspense fallback={<p className="page">Opening…</p>}>
        <Switch>
          {/* Before `/w/:ws`, so the workspace route never takes this one. */}
          <Route path="/w/:ws/follow-ups">
            {(params) => <FollowUpsPage key={params.ws} workspaceId={params.ws} />}
          </Route>
          <Route path="/w/:ws/members">
            {(params) => <MembersPage key={params.ws} workspaceId={params.ws} />}
          </Route>
          <Route path="/w/:ws/audit">
            {(params) => <AuditPage key={params.ws} workspaceId={params.ws} />}
          </Route>
          <Route path="/sign-in">
            <SignInPage />
          </Route>
          <Route path="/w/:ws">
            {(params) => <WorkspacePage key={params.ws} workspaceId={params.ws} />}
          </Route>
          <Route path="/d/:doc/present">
            {(params) => <PresentPage key={params.doc} documentId={params.doc} />}
          </Route>
          <Route path="/d/:doc/print">
            {(params) => <PrintPage key={params.doc} documentId={params.doc} />}
          </Route>
          <Route path="/d/:doc">
            {(params) => <DocumentRoute key={params.doc} documentId={params.doc} />}
          </Route>
          <Route path="/j/:code">
            {(params) => <JoinCodePage key={params.code} code={params.code} />}
          </Route>
          <Route path="/s/:token">
            {(params) => <SurveyPage key={params.token} token={params.token} />}
          </Route>
          <Route path="/">
            <HomePage />
          </Route>
          <Route>
            <main id="main" className="page narrow">
              <h1>Page not found</h1>
              <p>
                <a href="/">Go to your workspaces</a>
              </p>
            </main>
          </Route>
        </Switch>
      </Suspense>
    </>
  );
}

/**
 * The document page, drawn at once when its code has already arrived (early-start.ts loads it
 * with the entry). Through the lazy component it would first show the fallback, and React then
 * holds the page back for up to 300 ms so that the fallback does not flash.
 */
function DocumentRoute({ documentId }: { readonly documentId: string }) {
  // Chosen once per mount: swapping the component type later would remount the page.
  const [Page] = useState(() => loadedDocumentPage()?.DocumentPage ?? LazyDocumentPage);
  return <Page documentId={documentId} />;
}
