import { useLayoutEffect, useRef } from 'react';
import type { Column } from '#core/tables';
import type { ActiveCell } from './active-cell.ts';
import {
  cellFocusTarget,
  cellPosition,
  focusCell,
  focusMovedCell,
  moveForKey,
} from './grid-keys.ts';
import type { useGridClipboard } from './use-grid-clipboard.ts';

/** A cell to focus once it is rendered (a new row's first cell when columnId is null). */
export interface PendingFocus {
  readonly rowId: string;
  readonly columnId: string | null;
  readonly intent: 'edit' | 'select';
}

interface GridKeyboardOptions {
  readonly columns: readonly Column[];
  readonly readOnly: boolean;
  readonly active: ActiveCell | null;
  readonly release: (cell: ActiveCell) => void;
  readonly clipboard: ReturnType<typeof useGridClipboard>;
}

/**
 * The table's keyboard (the keys are in grid-keys.ts): one keydown handler on the <table> for
 * every cell, Shift+arrows growing the copy block, Escape leaving a cell selected, Alt+Enter a new
 * line, and focus for a cell that is not rendered yet (a row just added).
 */
export function useGridKeyboard({
  columns,
  readOnly,
  active,
  release,
  clipboard,
}: GridKeyboardOptions) {
  const tableRef = useRef<HTMLTableElement>(null);
  // A cell to focus once it is rendered: a new row's first cell, or the cell Escape left.
  const pendingFocus = useRef<PendingFocus | null>(null);
  useLayoutEffect(() => {
    const pending = pendingFocus.current;
    const table = tableRef.current;
    if (pending === null || table === null) return;
    const row = table.querySelector<HTMLElement>(`tr[data-row-id="${CSS.escape(pending.rowId)}"]`);
    if (row === null) return;
    const rowIndex = Number(row.dataset.row);
    const columnIndex =
      pending.columnId === null ? 0 : columns.findIndex((column) => column.id === pending.columnId);
    for (let column = Math.max(0, columnIndex); column < columns.length; column++) {
      const target = cellFocusTarget(table, rowIndex, column);
      if (target === null) continue;
      pendingFocus.current = null;
      focusCell(target, pending.intent, 'end');
      return;
    }
    pendingFocus.current = null;
  });

  const onKeyDown = (event: React.KeyboardEvent<HTMLTableElement>): void => {
    const target = event.target as HTMLElement;
    const from = cellPosition(target);
    if (from === null || readOnly) return;
    if (
      target.classList.contains('cell-preview') &&
      event.shiftKey &&
      !event.altKey &&
      !event.ctrlKey &&
      !event.metaKey
    ) {
      const step = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[
        event.key
      ];
      if (step !== undefined) {
        event.preventDefault();
        clipboard.extendRange(from, step[0]!, step[1]!);
        return;
      }
    }
    if (
      clipboard.range !== null &&
      !event.shiftKey &&
      !['Control', 'Meta', 'c', 'C'].includes(event.key)
    )
      clipboard.clearRange();
    if (event.key === 'Escape' && !target.classList.contains('cell-preview')) {
      const rowId = target.closest<HTMLElement>('tr[data-row-id]')!.dataset.rowId!;
      const columnId = columns[from.column]!.id;
      event.preventDefault();
      pendingFocus.current = { rowId, columnId, intent: 'select' };
      if (active?.rowId === rowId && active.columnId === columnId) release(active);
      else target.closest<HTMLElement>('td')?.querySelector<HTMLElement>('.cell-preview')?.focus();
      return;
    }
    if (event.key === 'Enter' && event.altKey && target instanceof HTMLTextAreaElement) {
      // A new line in a long-text cell; insertText keeps the browser's own undo.
      event.preventDefault();
      document.execCommand('insertText', false, '\n');
      return;
    }
    const move = moveForKey(event.nativeEvent, target);
    if (move === null) return;
    // At the table's edge the key does nothing, rather than a new line or a caret jump.
    if (focusMovedCell(event.currentTarget, from, move) || event.key === 'Enter')
      event.preventDefault();
  };
  const focusWhenShown = (pending: PendingFocus): void => {
    pendingFocus.current = pending;
  };
  return { tableRef, onKeyDown, focusWhenShown };
}
