import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { App } from './app.tsx';
import { documentPageRequested } from './pages/document-page-module.ts';

function render(): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// On a document's address, the first render waits for the page's code (already on its way, see
// early-start.ts), so it draws the document rather than a loading state; index.html shows
// "Opening…" meanwhile. A failed load is the router's to report, so it does not hold the app.
// (Not a top-level await: with one, the bundler splits the app into twice as many files.)
const documentPage = documentPageRequested();
if (documentPage === null) render();
else void documentPage.then(render, render);

// The service worker caches the app shell, so a page reloaded offline still opens. Installing it
// downloads the whole app once more (every page's code), so it waits until the page has opened and
// the browser is idle, instead of competing with the page's own requests and its main thread.
const whenIdle = (run: () => void) =>
  typeof requestIdleCallback === 'function'
    ? requestIdleCallback(run, { timeout: 5000 })
    : setTimeout(run, 1000);
whenIdle(() => registerSW({ immediate: true }));
