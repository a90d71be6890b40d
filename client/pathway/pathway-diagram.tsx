import { useMemo } from 'react';
import { renderPathwayFigure } from '#core/export/pathway-svg';
import { readPathwayFlow } from '#core/pathway/flow';
import type { TableView } from '#core/schema';
import './pathway-diagram.css';

interface PathwayDiagramProps {
  readonly table: TableView;
}

/**
 * The referral pathway drawn under its steps table, redrawn as anyone edits a step, a role, a
 * time target or a branch. The same figure as the handout and the HTML export (core draws it,
 * escaping every piece of text), so what the room sees is what gets printed.
 */
export function PathwayDiagram({ table }: PathwayDiagramProps) {
  const figure = useMemo(
    () =>
      renderPathwayFigure(
        readPathwayFlow(table),
        table.title || 'Referral pathway',
        `diagram-${table.id}`,
      ),
    [table],
  );
  if (figure === '')
    return <p className="data-view-note">Name a step in the table to draw the pathway.</p>;
  return (
    <section className="pathway-diagram-panel" aria-labelledby={`diagram-${table.id}-heading`}>
      <h3 id={`diagram-${table.id}-heading`}>Flow diagram</h3>
      {/* Core's figure escapes every piece of document text (tests/unit/pathway/flow.test.ts). */}
      <div
        className="pathway-scroll"
        tabIndex={0}
        aria-label="Flow diagram, scrolls sideways when wide"
        dangerouslySetInnerHTML={{ __html: figure }}
      />
    </section>
  );
}
