import type { DocumentView, SectionView } from '../schema/index.ts';
import { exportHtmlBody } from './html.ts';

/** What a first screen shows of a document: enough to fill a tall window, not the whole document. */
export interface FirstScreenLimits {
  /** Sections from the top; the live page's first commit draws three (client/pages/document-page.tsx). */
  readonly sections: number;
  /** Rows of each table shown; a 1920×1080 window shows about twenty under a section header. */
  readonly rows: number;
}

export const FIRST_SCREEN_LIMITS: FirstScreenLimits = { sections: 3, rows: 24 };

/** Heading ids of the first screen; never the live page's (`section-…`), which shares the page with it. */
const ID_PREFIX = 'first-screen-section';

/**
 * The top of a document as read-only HTML, for the page the server sends before the app has
 * loaded: the title and the first sections, each table cut to its first rows. It is the HTML
 * export's own rendering (exportHtmlBody), so it goes through the schema's readers and escapes
 * every piece of user text the same way; nothing here writes markup of its own from the document.
 */
export function renderFirstScreen(
  view: DocumentView,
  limits: FirstScreenLimits = FIRST_SCREEN_LIMITS,
): string {
  const sections = view.sections
    .slice(0, limits.sections)
    .map((section) => firstRowsOf(section, limits.rows));
  return exportHtmlBody({ ...view, sections }, ID_PREFIX);
}

function firstRowsOf(section: SectionView, rows: number): SectionView {
  if (section.kind !== 'table' || section.table.rows.length <= rows) return section;
  return { ...section, table: { ...section.table, rows: section.table.rows.slice(0, rows) } };
}
