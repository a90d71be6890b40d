import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/**
 * Tables with more rows than this mount only the rows near their scroll box's view. Below it every
 * row is in the page, so a template's tables keep find-in-page and cost nothing extra.
 */
export const WINDOWED_FROM_ROWS = 60;

/** Rows mounted beyond each edge of the view, so the arrow keys always find the next row in the page. */
const OVERSCAN_ROWS = 10;

/** A text cell's row before it is measured (one line, its padding and border). */
const ESTIMATED_ROW_PX = 45;

/** What the table body shows, top to bottom: rows by index, and empty rows as tall as the rows left out. */
export type RowSlot =
  | { readonly kind: 'row'; readonly index: number }
  | { readonly kind: 'gap'; readonly key: string; readonly height: number };

export interface RowWindow {
  readonly slots: readonly RowSlot[];
  /** Ref for each mounted row's <tr> (it must carry `data-index`), so its real height is used. */
  readonly measureRow: (row: HTMLTableRowElement | null) => void;
}

interface RowWindowOptions {
  readonly scrollRef: RefObject<HTMLElement | null>;
  readonly rowIds: readonly string[];
  /** Rows that stay mounted wherever the view is: the one being edited, the one about to take the focus. */
  readonly keepRowIds: readonly string[];
}

/**
 * The rows of a long table that are mounted: those in or near the view of its scroll box (the
 * table's own box on wide screens; on phones the box grows with its rows, so all are mounted),
 * plus the rows in `keepRowIds`. Typing in a 200-row table with every row mounted cost a style
 * and layout pass over 25,000 elements per keystroke. Everything is mounted while printing.
 */
export function useRowWindow({ scrollRef, rowIds, keepRowIds }: RowWindowOptions): RowWindow {
  const printing = usePrinting();
  const windowed = rowIds.length > WINDOWED_FROM_ROWS && !printing;
  const latest = useRef({ rowIds, keepRowIds });
  latest.current = { rowIds, keepRowIds };
  const virtualizer = useVirtualizer<HTMLElement, HTMLTableRowElement>({
    count: rowIds.length,
    enabled: windowed,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (index) => latest.current.rowIds[index] ?? index,
    overscan: OVERSCAN_ROWS,
    useFlushSync: false,
    rangeExtractor: useCallback(
      (range: { startIndex: number; endIndex: number; overscan: number; count: number }) => {
        const indexes = new Set<number>();
        for (
          let index = Math.max(0, range.startIndex - range.overscan);
          index <= Math.min(range.count - 1, range.endIndex + range.overscan);
          index++
        )
          indexes.add(index);
        for (const id of latest.current.keepRowIds) {
          const index = latest.current.rowIds.indexOf(id);
          if (index !== -1) indexes.add(index);
        }
        return [...indexes].sort((a, b) => a - b);
      },
      [],
    ),
  });
  const measureRow = useCallback(
    (row: HTMLTableRowElement | null) => virtualizer.measureElement(row),
    [virtualizer],
  );

  if (!windowed)
    return {
      slots: rowIds.map((_, index) => ({ kind: 'row', index })),
      measureRow: measureNothing,
    };
  // A kept row far from the view changes the range without a scroll; ask for it explicitly.
  const items = virtualizer.getVirtualItems();
  const shown = new Set(items.map((item) => item.index));
  const missing = keepRowIds
    .map((id) => rowIds.indexOf(id))
    .filter((index) => index !== -1 && !shown.has(index));
  const all =
    missing.length === 0
      ? items
      : [
          ...items,
          ...missing
            .map((index) => virtualizer.measurementsCache[index]!)
            .filter((item) => item !== undefined),
        ].sort((a, b) => a.index - b.index);
  const slots: RowSlot[] = [];
  let end = 0;
  for (const item of all) {
    if (item.start > end)
      slots.push({ kind: 'gap', key: `gap-${item.index}`, height: item.start - end });
    slots.push({ kind: 'row', index: item.index });
    end = item.end;
  }
  const total = virtualizer.getTotalSize();
  if (total > end) slots.push({ kind: 'gap', key: 'gap-end', height: total - end });
  return { slots, measureRow };
}

const measureNothing = (): void => {};

/**
 * Asks the table inside `section` to mount a row, synchronously, so that its cells can be found
 * and focused right after (a long table mounts only the rows near its view).
 */
export function revealTableRow(section: Element, rowId: string): void {
  section.dispatchEvent(new CustomEvent<string>(REVEAL_ROW_EVENT, { detail: rowId }));
}

export const REVEAL_ROW_EVENT = 'pathways-reveal-row';

/** Whether the page is being printed; the print snapshot is taken right after `beforeprint`, so it renders synchronously. */
function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const before = (): void => flushSync(() => setPrinting(true));
    const after = (): void => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return printing;
}
