import type * as DocumentPageModule from './document-page.tsx';

/**
 * The document page's code, loaded once for whoever asks first: early-start.ts as the entry
 * module runs, or the router. Kept free of React so that the entry module stays small.
 */
let loading: Promise<typeof DocumentPageModule> | null = null;
let loaded: typeof DocumentPageModule | null = null;

export function loadDocumentPage(): Promise<typeof DocumentPageModule> {
  loading ??= import('./document-page.tsx').then((module) => (loaded = module));
  return loading;
}

/** The page's code if it has arrived, to render without a loading state. */
export function loadedDocumentPage(): typeof DocumentPageModule | null {
  return loaded;
}

/** Whether this page load has started loading the document page (only a document's address does). */
export function documentPageRequested(): Promise<unknown> | null {
  return loading;
}
