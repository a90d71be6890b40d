import * as Y from 'yjs';
import {
  addTableSection,
  initializeDocument,
  readTable,
  type TableView,
} from '../../core/schema/index.ts';
import { METRICS_COLUMNS as C } from '../../core/schema/data-review-columns.ts';

export interface CountsRow {
  period: string;
  provider: string;
  referred?: number;
  offered?: number;
  initiated?: number;
  active?: number;
  trained?: number;
  total?: number;
}

/** A metrics table shaped like the data-review template's, built through the schema API. */
export function metricsTable(rows: readonly CountsRow[]): TableView {
  const doc = new Y.Doc();
  initializeDocument(doc, { title: 'Data review', template: null }, (d) => {
    addTableSection(d, {
      id: 'metrics',
      title: 'Metrics by period',
      columns: [
        { id: C.period, kind: 'text', title: 'Period' },
        { id: C.provider, kind: 'text', title: 'Provider' },
        { id: C.referred, kind: 'number', title: 'Students referred' },
        { id: C.offered, kind: 'number', title: 'Offered services' },
        { id: C.initiated, kind: 'number', title: 'Initiated services' },
        { id: C.active, kind: 'number', title: 'Still active after one month' },
        { id: C.providersTrained, kind: 'number', title: 'Providers trained' },
        { id: C.providersTotal, kind: 'number', title: 'Providers in total' },
        {
          id: C.offeredRate,
          kind: 'rate',
          title: 'Offered',
          numerator: C.offered,
          denominator: C.referred,
        },
      ],
      rows: rows.map((row) => ({
        values: {
          [C.period]: row.period,
          [C.provider]: row.provider,
          ...(row.referred !== undefined && { [C.referred]: row.referred }),
          ...(row.offered !== undefined && { [C.offered]: row.offered }),
          ...(row.initiated !== undefined && { [C.initiated]: row.initiated }),
          ...(row.active !== undefined && { [C.active]: row.active }),
          ...(row.trained !== undefined && { [C.providersTrained]: row.trained }),
          ...(row.total !== undefined && { [C.providersTotal]: row.total }),
        },
      })),
    });
  });
  return readTable(doc, 'metrics')!.value;
}
