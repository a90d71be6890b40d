import type * as Y from 'yjs';
import { sectionsArray } from '#core/schema';

/**
 * Whether the document page has the document to show in the server's first screen's place. The
 * page's view catches up with the document a frame after it changes (useDocumentView), so an open
 * session whose view is still empty waits for that frame unless the stored document has no
 * sections, or none the view could read: the first screen never gives way to an empty page that
 * then fills (a blank frame, and the page below the header shifting).
 */
export function liveDocumentDrawn(
  doc: Y.Doc,
  loading: boolean,
  view: { readonly sections: readonly unknown[]; readonly problems: readonly { path: string }[] },
): boolean {
  if (view.sections.length > 0) return true;
  const unreadable = view.problems.some((problem) => problem.path.startsWith('sections'));
  return !loading && (sectionsArray(doc).length === 0 || unreadable);
}
