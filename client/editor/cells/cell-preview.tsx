import { cellText } from '#core/export/cell-text';
import { useRef } from 'react';
import type { CellValue, Column } from '#core/tables';
import { caretOffsetAt } from './caret-from-point.ts';

/**
 * Kinds shown as text until someone works in the cell. A 200-row table would otherwise hold
 * thousands of live form controls (and a Y.Text observer per text cell), which is most of what it
 * costs to open and to lay out. Checkboxes, ratings and computed rates are cheap or show more
 * than text can, so they stay as they are.
 */
export function previewsAsText(column: Column): boolean {
  switch (column.kind) {
    case 'text':
    case 'person':
    case 'date':
    case 'minutes':
    case 'number':
    case 'choice':
    case 'multi-choice':
      return true;
    default:
      return false;
  }
}

/** The accessible name of a cell's control, the same before and after it becomes one. */
export function cellLabel(column: Column, label: string): string {
  return column.kind === 'minutes' ? `${label}, in minutes` : label;
}

interface CellPreviewProps {
  readonly column: Column;
  readonly value: CellValue | undefined;
  readonly label: string;
  /** The id of what explains a flagged value, read out with the cell. */
  readonly describedBy?: string;
  /**
   * Focus (by Tab, or a click or tap) turns it into the cell's editor, which takes the focus with
   * the caret where the pointer was (`caret`, an offset in the text), or at the end.
   */
  readonly onActivate: (caret: number | null) => void;
}

/**
 * A cell's value as text, focusable and named like the cell's editor; focusing it (Tab or a
 * click) swaps in the real editor, so the table is worked by keyboard and pointer as before. It
 * is a textbox whose value is the text (a button would have to be named by the text).
 */
export function CellPreview({ column, value, label, describedBy, onActivate }: CellPreviewProps) {
  const text = cellText(value, column);
  // Pointer down comes before the focus it causes; what it points at is kept for that focus.
  const pointedAt = useRef<number | null>(null);
  return (
    <div
      role="textbox"
      tabIndex={0}
      className={`cell-preview cell-preview-${column.kind}`}
      aria-label={cellLabel(column, label)}
      aria-describedby={describedBy}
      aria-multiline={column.kind === 'text' ? 'true' : undefined}
      onPointerDown={(event) =>
        (pointedAt.current = caretOffsetAt(event.currentTarget, event.clientX, event.clientY))
      }
      onPointerCancel={() => (pointedAt.current = null)}
      onFocus={(event) => {
        // A keyboard move into the cell says, on the element, whether to edit it or only select it (grid-keys.ts).
        const { intent, caret: caretAt } = event.currentTarget.dataset;
        delete event.currentTarget.dataset.intent;
        delete event.currentTarget.dataset.caret;
        const caret = pointedAt.current ?? (caretAt === 'start' ? 0 : null);
        pointedAt.current = null;
        if (intent !== 'select') onActivate(caret);
      }}
      onKeyDown={(event) => {
        // A selected cell: Enter or F2 edits it, and so does typing, whose letter goes to the editor that takes the focus.
        const typing = event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
        if (event.key === 'Enter' || event.key === 'F2') event.preventDefault();
        if (event.key === 'Enter' || event.key === 'F2' || typing) onActivate(null);
      }}
    >
      {text}
    </div>
  );
}
