import type * as Y from 'yjs';
import type { TableView } from '#core/schema';

/** What every panel under a meeting calendar's meetings table is given. */
export interface CalendarPanelProps {
  readonly doc: Y.Doc;
  readonly calendarId: string;
  readonly token: string;
  readonly table: TableView;
  readonly readOnly: boolean;
  readonly workspaceId: string | null;
}
