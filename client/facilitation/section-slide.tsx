import { lazy, Suspense, type ReactNode } from 'react';
// The one helper, not the export index: that would pull every exporter (and papaparse) into this chunk.
import { cellText } from '#core/export/cell-text';
import type { Inline, NoteBlock, SectionView, TableView } from '#core/schema';
import { PATHWAY_STEPS_SECTION_ID } from '#core/schema/referral-pathway-columns';

const PathwayDiagram = lazy(() =>
  import('../pathway/pathway-diagram.tsx').then((module) => ({ default: module.PathwayDiagram })),
);

/**
 * One section as the projector shows it: read-only, large, no editing chrome. Links are shown
 * as text: nobody clicks on a projector, and a live link would take the room elsewhere.
 */
export function SectionSlide({
  section,
  headingId,
}: {
  readonly section: SectionView;
  readonly headingId: string;
}) {
  return (
    <article className="slide" aria-labelledby={headingId}>
      <h2 id={headingId} className="slide-title">
        {section.title === '' ? 'Untitled section' : section.title}
      </h2>
      {section.kind === 'note' && <Blocks blocks={section.blocks} />}
      {/* The room follows a pathway by its drawing; the table stays below for the details. */}
      {section.kind === 'table' && section.id === PATHWAY_STEPS_SECTION_ID && (
        <Suspense fallback={null}>
          <PathwayDiagram table={section.table} />
        </Suspense>
      )}
      {section.kind === 'table' && <SlideTable table={section.table} />}
      {section.kind === 'unknown' && (
        <p>This section was made with a newer version of Pathways; open the document to see it.</p>
      )}
    </article>
  );
}

function Runs({ content }: { readonly content: readonly Inline[] }) {
  return (
    <>
      {content.map((run, index) => {
        let node: ReactNode = run.text;
        if (run.code) node = <code>{node}</code>;
        if (run.bold) node = <strong>{node}</strong>;
        if (run.italic) node = <em>{node}</em>;
        if (run.strike) node = <s>{node}</s>;
        return <span key={index}>{node}</span>;
      })}
    </>
  );
}

function Blocks({ blocks }: { readonly blocks: readonly NoteBlock[] }) {
  return (
    <>
      {blocks.map((block, index) => {
        switch (block.type) {
          case 'paragraph':
            return block.content.length === 0 ? null : (
              <p key={index}>
                <Runs content={block.content} />
              </p>
            );
          case 'heading':
            // The slide title is the h2, so note headings start at h3.
            return block.level === 1 ? (
              <h3 key={index}>
                <Runs content={block.content} />
              </h3>
            ) : (
              <h4 key={index}>
                <Runs content={block.content} />
              </h4>
            );
          case 'bulletList':
            return (
              <ul key={index}>
                {block.items.map((item, itemIndex) => (
                  <li key={itemIndex}>
                    <Blocks blocks={item} />
                  </li>
                ))}
              </ul>
            );
          case 'orderedList':
            return (
              <ol key={index} start={block.start ?? 1}>
                {block.items.map((item, itemIndex) => (
                  <li key={itemIndex}>
                    <Blocks blocks={item} />
                  </li>
                ))}
              </ol>
            );
          case 'blockquote':
            return (
              <blockquote key={index}>
                <Blocks blocks={block.blocks} />
              </blockquote>
            );
          case 'horizontalRule':
            return <hr key={index} />;
        }
      })}
    </>
  );
}

/** Columns whose values are short ("30 min", a date): kept on one line. */
const SHORT_KINDS = new Set(['minutes', 'number', 'date', 'checkbox', 'rate']);

function SlideTable({ table }: { readonly table: TableView }) {
  if (table.rows.length === 0) return <p>No rows yet.</p>;
  return (
    <table className="slide-table">
      <thead>
        <tr>
          {table.columns.map((column) => (
            <th key={column.id} scope="col">
              {column.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr key={row.id}>
            {table.columns.map((column) => (
              <td
                key={column.id}
                className={SHORT_KINDS.has(column.kind) ? 'slide-cell-short' : undefined}
              >
                {cellText(row.cells[column.id], column)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
