/**
 * Moving around a table section by keyboard, as in a spreadsheet. Cells are `td[data-col]` in
 * `tr[data-row]`; a cell is entered by focusing its first control (a cell at rest is a focusable
 * preview that turns into its editor when focused, see CellPreview).
 *
 * - Arrow keys move to the next cell when the caret is at the edge of the text (any arrow in a
 *   single-line field for up and down; in a long-text cell, from its first or last line).
 * - Enter and Shift+Enter move down and up; Alt+Enter starts a new line in a long-text cell.
 * - Tab and Shift+Tab move across, as the browser does.
 * - Escape leaves the cell: its preview keeps the focus, "selected"; Enter, F2 or typing edits it,
 *   and the arrows move the selection.
 */
export interface GridMove {
  readonly rows: number;
  readonly columns: number;
  /** Whether the cell moved to opens its editor, or is only selected. */
  readonly intent: 'edit' | 'select';
  /** Where the caret goes in the cell moved to. */
  readonly caret: 'start' | 'end';
}

const isTextField = (element: Element): element is HTMLInputElement | HTMLTextAreaElement =>
  element instanceof HTMLTextAreaElement ||
  (element instanceof HTMLInputElement && (element.type === 'text' || element.type === 'search'));

/** The move a key asks for from the focused element in a cell, or null to leave the key alone. */
export function moveForKey(
  event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey' | 'isComposing'>,
  target: Element,
): GridMove | null {
  if (event.isComposing || event.ctrlKey || event.metaKey) return null;
  const selected = target.classList.contains('cell-preview');
  const intent = selected ? 'select' : 'edit';
  const step = (rows: number, columns: number, caret: 'start' | 'end' = 'end'): GridMove => ({
    rows,
    columns,
    intent,
    caret,
  });
  if (event.key === 'Enter' && !event.altKey && !selected) return step(event.shiftKey ? -1 : 1, 0);
  if (!event.key.startsWith('Arrow') || event.altKey || event.shiftKey) return null;
  if (selected || (target instanceof HTMLInputElement && target.type === 'checkbox')) {
    return (
      {
        ArrowUp: step(-1, 0),
        ArrowDown: step(1, 0),
        ArrowLeft: step(0, -1),
        ArrowRight: step(0, 1),
      }[event.key] ?? null
    );
  }
  // Date, time, number and choice fields use their arrows themselves.
  if (!isTextField(target)) return null;
  const { value, selectionStart: start, selectionEnd: end } = target;
  if (start === null || end === null || start !== end) return null;
  const multiline = target instanceof HTMLTextAreaElement;
  switch (event.key) {
    case 'ArrowLeft':
      return start === 0 ? step(0, -1) : null;
    case 'ArrowRight':
      return start === value.length ? step(0, 1, 'start') : null;
    case 'ArrowUp':
      return !multiline || !value.slice(0, start).includes('\n') ? step(-1, 0) : null;
    case 'ArrowDown':
      return !multiline || !value.slice(start).includes('\n') ? step(1, 0) : null;
    default:
      return null;
  }
}

/** The table position of the cell an element is in, or null outside the grid's cells. */
export function cellPosition(element: Element): { row: number; column: number } | null {
  const cell = element.closest('td[data-col]');
  const row = cell?.closest('tr[data-row]');
  if (cell == null || row == null) return null;
  return {
    row: Number((row as HTMLElement).dataset.row),
    column: Number((cell as HTMLElement).dataset.col),
  };
}

/** The element that takes the focus for a cell: its preview or its first control. */
export function cellFocusTarget(
  table: HTMLElement,
  row: number,
  column: number,
): HTMLElement | null {
  return table.querySelector<HTMLElement>(
    `tr[data-row="${row}"] > td[data-col="${column}"] :is(.cell-preview, input, textarea, select, button):not([disabled])`,
  );
}

/**
 * Moves the focus from `from` by `move`, skipping cells with nothing to focus (computed rates);
 * returns false at the table's edge. The preview of the cell moved to learns the intent and caret
 * from data attributes, read by its focus handler.
 */
export function focusMovedCell(
  table: HTMLElement,
  from: { row: number; column: number },
  move: GridMove,
): boolean {
  const columns = table.querySelectorAll('thead th').length;
  let { row, column } = from;
  for (;;) {
    row += move.rows;
    column += move.columns;
    if (
      row < 0 ||
      column < 0 ||
      column >= columns ||
      table.querySelector(`tr[data-row="${row}"]`) === null
    )
      return false;
    const target = cellFocusTarget(table, row, column);
    if (target === null) {
      if (move.columns === 0) return false;
      continue;
    }
    focusCell(target, move.intent, move.caret);
    return true;
  }
}

export function focusCell(
  target: HTMLElement,
  intent: 'edit' | 'select',
  caret: 'start' | 'end',
): void {
  if (target.classList.contains('cell-preview')) {
    target.dataset.intent = intent;
    target.dataset.caret = caret;
  }
  target.focus();
}
