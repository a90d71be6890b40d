import { lazy, Suspense, useRef } from 'react';
import { useNearViewport } from './use-near-viewport.ts';
import { useSettled } from './use-settled.ts';
import type * as Y from 'yjs';
import { readSmallCellThreshold, type TableView } from '#core/schema';
import { METRICS_SECTION_ID } from '#core/schema/data-review-columns';
import { PATHWAY_STEPS_SECTION_ID } from '#core/schema/referral-pathway-columns';
import { RUBRIC_SECTION_ID } from '#core/schema/section-ids';
import type { Role } from '../sync/device-store.ts';

// Charts are only on data-review and assessment documents; everyone else skips their code.
const MetricsPanel = lazy(() =>
  import('./metrics-panel.tsx').then((module) => ({ default: module.MetricsPanel })),
);
const RubricPanel = lazy(() =>
  import('./rubric-panel.tsx').then((module) => ({ default: module.RubricPanel })),
);
// The pathway's layout library loads only on documents with a referral pathway.
const PathwayDiagram = lazy(() =>
  import('../pathway/pathway-diagram.tsx').then((module) => ({ default: module.PathwayDiagram })),
);

const HEADINGS: Record<string, string> = {
  [METRICS_SECTION_ID]: 'Data view',
  [RUBRIC_SECTION_ID]: 'Results by round',
  [PATHWAY_STEPS_SECTION_ID]: 'Flow diagram',
};

interface SectionInsightsProps {
  readonly doc: Y.Doc;
  readonly documentId: string;
  readonly table: TableView;
  readonly role: Role;
  readonly readOnly: boolean;
}

/** The charts follow the table once typing in it pauses this long, and at least this often while it goes on. */
const REDRAW_SETTLE_MS = 700;
const REDRAW_MAX_WAIT_MS = 3000;
/** The charts are drawn, and kept current, only this close to the window. */
const NEAR_PX = 600;

/**
 * What a table means, under the tables that have a meaning: the metrics funnel, the rubric's
 * rounds, the referral pathway's flow. Their code loads, and they follow the table, only while
 * they are near the window: under a 200-row table they would otherwise be redrawn for every few
 * keystrokes of everyone typing, out of sight.
 */
export function SectionInsights({
  doc,
  documentId,
  table: liveTable,
  role,
  readOnly,
}: SectionInsightsProps) {
  const placeholder = useRef<HTMLDivElement>(null);
  const near = useNearViewport(placeholder, NEAR_PX);
  const lastNear = useRef<TableView | null>(null);
  if (near) lastNear.current = liveTable;
  const table = useSettled(lastNear.current, REDRAW_SETTLE_MS, REDRAW_MAX_WAIT_MS);
  const heading = HEADINGS[liveTable.id];
  if (heading === undefined) return null;
  const threshold = readSmallCellThreshold(doc);
  return (
    <div ref={placeholder} className="data-view-slot">
      {/* Until it is drawn, its heading is there for screen readers' heading lists; reaching it scrolls it near. */}
      {table === null && <h3 className="visually-hidden">{heading}</h3>}
      {table !== null && (
        <Suspense fallback={<p className="data-view-note">Loading charts…</p>}>
          {table.id === METRICS_SECTION_ID ? (
            <MetricsPanel
              doc={doc}
              table={table}
              readOnly={readOnly}
              threshold={threshold}
              displayThreshold={role === 'viewer' ? threshold : 0}
            />
          ) : table.id === RUBRIC_SECTION_ID ? (
            <RubricPanel doc={doc} documentId={documentId} table={table} readOnly={readOnly} />
          ) : (
            <PathwayDiagram table={table} />
          )}
        </Suspense>
      )}
    </div>
  );
}
