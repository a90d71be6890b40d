import { Route, Switch } from 'wouter';
import { DocumentPage } from './pages/document-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { WorkspacePage } from './pages/workspace-page.tsx';

/** The pages of DESIGN.md: home, workspace, document. Each page keys on its id so switching resets it. */
export function App() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Switch>
        <Route path="/w/:ws">{(params) => <WorkspacePage key={params.ws} workspaceId={params.ws} />}</Route>
        <Route path="/d/:doc">{(params) => <DocumentPage key={params.doc} documentId={params.doc} />}</Route>
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
    </>
  );
}
