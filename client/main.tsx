// The entry stays small: React and the app are a chunk of their own, because evaluating them takes
// a few hundred milliseconds on a slow laptop, and a document page's socket should be open and
// answered by then. The app's chunk is asked for first: browsers fetch six files at a time.
import { startDocumentPageEarly } from './early-start.ts';
import './tokens.css';
import './styles.css';
import './document.css';
import './first-screen.css';

void import('./render-app.tsx');
startDocumentPageEarly(window.location.pathname);
