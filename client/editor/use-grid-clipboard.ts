import { useCallback, useState } from 'react';
import type * as Y from 'yjs';
import { cellText } from '#core/export/cell-text';
import { pasteBlock, type TableView } from '#core/schema';
import { formatTsv, parseTsv } from '#core/tables';
import { cellPosition } from './grid-keys.ts';

export interface GridPosition {
  readonly row: number;
  readonly column: number;
}

/** A block of selected cells, from where Shift+arrows started to where they are now. */
export interface CellRange {
  readonly anchor: GridPosition;
  readonly focus: GridPosition;
}

export function rangeBounds(range: CellRange): {
  top: number;
  bottom: number;
  left: number;
  right: number;
} {
  return {
    top: Math.min(range.anchor.row, range.focus.row),
    bottom: Math.max(range.anchor.row, range.focus.row),
    left: Math.min(range.anchor.column, range.focus.column),
    right: Math.max(range.anchor.column, range.focus.column),
  };
}

const isTextField = (element: Element): boolean =>
  element instanceof HTMLTextAreaElement ||
  (element instanceof HTMLInputElement && element.type === 'text');

/**
 * Copy and paste of blocks of cells with spreadsheets, tab-separated. A selected cell (see
 * grid-keys.ts) grows into a block with Shift+arrows; Ctrl+C copies the block (or the one cell).
 * A paste of several cells fills the table from the cell it lands in, down and right, adding
 * rows; one value pasted into a field, or lines into a long-text cell, paste as text does.
 */
export function useGridClipboard(doc: Y.Doc, table: TableView, readOnly: boolean) {
  const [range, setRange] = useState<CellRange | null>(null);
  const [notice, setNotice] = useState('');

  const extendRange = useCallback(
    (from: GridPosition, rows: number, columns: number) => {
      setRange((current) => {
        const anchor = current?.anchor ?? from;
        const base = current?.focus ?? from;
        const focus = {
          row: Math.max(0, Math.min(table.rows.length - 1, base.row + rows)),
          column: Math.max(0, Math.min(table.columns.length - 1, base.column + columns)),
        };
        const next = { anchor, focus };
        const { top, bottom, left, right } = rangeBounds(next);
        setNotice(`${bottom - top + 1} × ${right - left + 1} cells selected; Ctrl+C copies them.`);
        return next;
      });
    },
    [table.rows.length, table.columns.length],
  );

  const clearRange = useCallback(() => {
    setRange(null);
    setNotice('');
  }, []);

  const onCopy = (event: React.ClipboardEvent<HTMLElement>): void => {
    const target = event.target as HTMLElement;
    const at = cellPosition(target);
    if (at === null || !target.classList.contains('cell-preview')) return;
    const { top, bottom, left, right } = rangeBounds(range ?? { anchor: at, focus: at });
    const block = table.rows
      .slice(top, bottom + 1)
      .map((row) =>
        table.columns
          .slice(left, right + 1)
          .map((column) => cellText(row.cells[column.id], column)),
      );
    event.clipboardData.setData('text/plain', formatTsv(block));
    event.preventDefault();
  };

  const onPaste = (event: React.ClipboardEvent<HTMLElement>): void => {
    const target = event.target as HTMLElement;
    const at = cellPosition(target);
    if (at === null || readOnly) return;
    const block = parseTsv(event.clipboardData.getData('text/plain'));
    if (block.length === 0) return;
    const single = block.length === 1 && block[0]!.length === 1;
    const lines = block.every((row) => row.length === 1);
    if (isTextField(target) && (single || (lines && target instanceof HTMLTextAreaElement))) return;
    if (single && !target.classList.contains('cell-preview')) return;
    event.preventDefault();
    const result = pasteBlock(doc, table.id, at, block);
    if (result === null) return;
    const added =
      result.addedRows > 0
        ? `, ${result.addedRows} ${result.addedRows === 1 ? 'row' : 'rows'} added`
        : '';
    const left = result.problems.length > 0 ? `. Left out: ${result.problems.join('; ')}` : '';
    setNotice(
      `Pasted ${result.written} ${result.written === 1 ? 'cell' : 'cells'}${added}${left}.`,
    );
  };

  return { range, notice, extendRange, clearRange, onCopy, onPaste };
}
