import type { DocumentView, TableView } from '../schema/index.ts';

/**
 * The table a single-table export (CSV) should use: the table section with `sectionId`, or the
 * first table of the document when no id is given. An id that names no table gives null rather
 * than some other table, so asking for one table never silently hands out a different one.
 */
export function findTable(view: DocumentView, sectionId?: string): TableView | null {
  for (const section of view.sections) {
    if (section.kind !== 'table') continue;
    if (sectionId === undefined || section.id === sectionId) return section.table;
  }
  return null;
}
