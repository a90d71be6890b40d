import type * as Y from 'yjs';
import type { CellValue } from '../tables/cell-values.ts';
import type { Column } from '../tables/column-kinds.ts';
import type { Entry, OrderedEntry } from './ordered-list.ts';
import type { Problem } from './problems.ts';
import { readRowCells } from './rows.ts';

export interface RowView {
  readonly id: string;
  /** By column id; every column of the table has an entry. */
  readonly cells: Readonly<Record<string, CellValue>>;
}

interface RowRead {
  readonly row: RowView;
  readonly problems: readonly Problem[];
}

/**
 * A table's rows as last read, kept between reads so that only the rows a change touched are read
 * again: with 30 people typing into a 200-row table, each frame's read of the table is then one
 * or two rows, not two hundred. Whoever keeps it must `forget` every type a transaction changed.
 */
export class RowReads {
  private columnsKey: string | null = null;
  private reads = new Map<Entry, RowRead>();

  /** Forgets the row holding `type` (the row's map or anything inside it), so it is read again. */
  forget(type: Y.AbstractType<unknown>): void {
    for (let at: Y.AbstractType<unknown> | null = type; at !== null; at = at.parent) {
      if (this.reads.delete(at as Entry)) return;
    }
  }

  /** The rows of `entries`, read again only where forgotten or when the columns changed. */
  readRows(
    entries: readonly OrderedEntry[],
    columns: readonly Column[],
    path: string,
    problems: Problem[],
  ): RowView[] {
    const columnsKey = JSON.stringify(columns);
    if (columnsKey !== this.columnsKey) {
      this.reads.clear();
      this.columnsKey = columnsKey;
    }
    const next = new Map<Entry, RowRead>();
    const rows = entries.map((entry) => {
      let read = this.reads.get(entry.map);
      if (read === undefined || read.row.id !== entry.id) {
        const rowProblems: Problem[] = [];
        const cells = readRowCells(entry.map, columns, `${path}[${entry.id}]`, rowProblems);
        read = { row: { id: entry.id, cells }, problems: rowProblems };
      }
      problems.push(...read.problems);
      next.set(entry.map, read);
      return read.row;
    });
    // Rows no longer in the table are dropped with the old map.
    this.reads = next;
    return rows;
  }
}
