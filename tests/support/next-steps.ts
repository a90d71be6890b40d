import type * as Y from 'yjs';
import { readTable } from '../../core/schema/index.ts';
import { NEXT_STEPS_COLUMNS, NEXT_STEPS_SECTION_ID } from '../../core/templates/index.ts';

/** The id of the first row of a document's next steps; the document must have arrived. */
export function firstNextStepRowId(doc: Y.Doc): string {
  const row = readTable(doc, NEXT_STEPS_SECTION_ID)?.value.rows[0];
  if (row === undefined) throw new Error('the document has no next steps yet');
  return row.id;
}

/** The task of a document's first next step; empty while the document has not arrived. */
export function firstNextStepTask(doc: Y.Doc): string {
  const cell = readTable(doc, NEXT_STEPS_SECTION_ID)?.value.rows[0]?.cells[NEXT_STEPS_COLUMNS.task];
  return cell?.kind === 'text' ? cell.text : '';
}
