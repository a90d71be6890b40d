import { lazy, Suspense } from 'react';
import { useThrottled } from './use-throttled.ts';
import type * as Y from 'yjs';
import { readSmallCellThreshold, type TableView } from '../../core/schema/index.ts';
import { METRICS_SECTION_ID, RUBRIC_SECTION_ID } from '../../core/templates/index.ts';
import type { Role } from '../sync/device-store.ts';

// Charts are only on data-review and assessment documents; everyone else skips their code.
const MetricsPanel = lazy(() => import('./metrics-panel.tsx').then((module) => ({ default: module.MetricsPanel })));
const RubricPanel = lazy(() => import('./rubric-panel.tsx').then((module) => ({ default: module.RubricPanel })));

interface SectionInsightsProps {
  readonly doc: Y.Doc;
  readonly table: TableView;
  readonly role: Role;
  readonly readOnly: boolean;
}

/** What a table means, under the tables that have a meaning: the metrics funnel, the rubric's rounds. */
/** How often the charts follow the table while people type in it. */
const REDRAW_INTERVAL_MS = 400;

export function SectionInsights({ doc, table: liveTable, role, readOnly }: SectionInsightsProps) {
  const table = useThrottled(liveTable, REDRAW_INTERVAL_MS);
  if (table.id !== METRICS_SECTION_ID && table.id !== RUBRIC_SECTION_ID) return null;
  const threshold = readSmallCellThreshold(doc);
  return (
    <Suspense fallback={<p className="data-view-note">Loading charts…</p>}>
      {table.id === METRICS_SECTION_ID ? (
        <MetricsPanel doc={doc} table={table} readOnly={readOnly} threshold={threshold} displayThreshold={role === 'viewer' ? threshold : 0} />
      ) : (
        <RubricPanel doc={doc} table={table} readOnly={readOnly} />
      )}
    </Suspense>
  );
}
