import type * as Y from 'yjs';
import { readTable, type Problem, type Read } from '../schema/index.ts';
import { AGENDA_COLUMNS, AGENDA_SECTION_ID } from '../schema/section-ids.ts';

/** One agenda row as the timer sees it. */
export interface AgendaTopic {
  readonly rowId: string;
  /** The topic text, trimmed; empty when nobody wrote one. */
  readonly topic: string;
  /** Planned minutes; null when the cell is empty (the topic then has no time budget: 0). */
  readonly minutes: number | null;
}

/**
 * The document's agenda table (`AGENDA_SECTION_ID`, columns `AGENDA_COLUMNS`), or null when it
 * has none. A topic or minutes column someone deleted reads as empty text / no minutes.
 */
export function readAgenda(doc: Y.Doc): Read<readonly AgendaTopic[]> | null {
  const table = readTable(doc, AGENDA_SECTION_ID);
  if (table === null) return null;
  const problems: Problem[] = [...table.problems];
  const topics = table.value.rows.map((row): AgendaTopic => {
    const topic = row.cells[AGENDA_COLUMNS.topic];
    const minutes = row.cells[AGENDA_COLUMNS.minutes];
    return {
      rowId: row.id,
      topic:
        topic !== undefined && (topic.kind === 'text' || topic.kind === 'person')
          ? topic.text.trim()
          : '',
      minutes:
        minutes !== undefined &&
        (minutes.kind === 'minutes' || minutes.kind === 'number') &&
        minutes.value !== null &&
        minutes.value >= 0
          ? minutes.value
          : null,
    };
  });
  return { value: topics, problems };
}
