import { lazy, Suspense } from 'react';
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
export function SectionInsights({ doc, table, role, readOnly }: SectionInsightsProps) {
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
