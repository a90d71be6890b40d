// First of all, so a document page's code and connection are under way while React and the app
// load and evaluate (ES modules run in import order).
import './early-start.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { App } from './app.tsx';
import './styles.css';

// The service worker caches the app shell, so a page reloaded offline still opens.
registerSW({ immediate: true });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
