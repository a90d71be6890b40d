import type * as Y from 'yjs';
import { cellInputFromText } from '../tables/cell-from-text.ts';
import { addRow, readTable } from './table.ts';
import { setCell } from './table-cells.ts';

export interface PastedBlock {
  /** Cells written. */
  readonly written: number;
  /** Rows added below the table's last row to hold the block. */
  readonly addedRows: number;
  /** What was left out, each in words: a value that does not fit its column, cells past the last column. */
  readonly problems: readonly string[];
}

/**
 * Writes a block of pasted text cells (see parseTsv) into a table from one cell down and right,
 * as a spreadsheet does, adding rows when the block runs past the last row. One change, so it
 * reaches everyone at once. A value that does not fit its column (a word in a number column) is
 * left out and reported rather than stored; computed and rating columns are skipped.
 */
export function pasteBlock(
  doc: Y.Doc,
  sectionId: string,
  at: { readonly row: number; readonly column: number },
  block: readonly (readonly string[])[],
): PastedBlock | null {
  const table = readTable(doc, sectionId)?.value;
  if (table === undefined) return null;
  const problems: string[] = [];
  let written = 0;
  let addedRows = 0;
  doc.transact(() => {
    const rowIds = table.rows.map((row) => row.id);
    block.forEach((cells, offset) => {
      const rowIndex = at.row + offset;
      while (rowIds.length <= rowIndex) {
        const created = addRow(doc, sectionId);
        if (!created.ok) return;
        rowIds.push(created.id);
        addedRows++;
      }
      cells.forEach((text, columnOffset) => {
        const column = table.columns[at.column + columnOffset];
        if (column === undefined) {
          if (text !== '') problems.push(`Row ${rowIndex + 1}: "${text}" is past the last column`);
          return;
        }
        const input = cellInputFromText(column, text);
        if (!input.ok) {
          if (text !== '') problems.push(`Row ${rowIndex + 1}: ${input.message}`);
          return;
        }
        const result = setCell(doc, sectionId, rowIds[rowIndex]!, column.id, input.input);
        if (result.ok) written++;
        else problems.push(`Row ${rowIndex + 1}: ${result.message}`);
      });
    });
  });
  return { written, addedRows, problems };
}
