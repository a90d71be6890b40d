import type { MetricsFlag } from '#core/metrics';
import type { TableView } from '#core/schema';
import { revealTableRow } from '../editor/use-row-window.ts';

/** Takes the person to the cell, whose label is "<column>, row <n>" like every table cell's. */
function focusCell(sectionId: string, rowId: string, label: string): void {
  const section = document.querySelector(
    `section[aria-labelledby="section-${CSS.escape(sectionId)}"]`,
  );
  if (section === null) return;
  const find = () => section.querySelector<HTMLElement>(`[aria-label="${CSS.escape(label)}"]`);
  revealTableRow(section, rowId);
  find()?.scrollIntoView({ block: 'center' });
  // A long table mounts the rows around the cell once it has scrolled there; the focus waits for that, so no re-render moves the cell from under it.
  requestAnimationFrame(() => requestAnimationFrame(() => find()?.focus()));
}

/** The numbers that need a second look, by row and column; nothing is ever changed for the person. */
export function MetricsFlags({
  table,
  flags,
}: {
  readonly table: TableView;
  readonly flags: readonly MetricsFlag[];
}) {
  if (flags.length === 0) return null;
  const rowNumber = new Map(table.rows.map((row, index) => [row.id, index + 1]));
  const columnTitle = new Map(table.columns.map((column) => [column.id, column.title]));
  return (
    <div className="metrics-flags" role="region" aria-label="Numbers to check">
      <h4>{flags.length === 1 ? 'One number' : `${flags.length} numbers`} to check</h4>
      <ul>
        {flags.map((flag) => (
          <li key={`${flag.row}/${flag.columnId}/${flag.code}`}>
            <button
              type="button"
              className="quiet"
              onClick={() =>
                focusCell(
                  table.id,
                  flag.row,
                  `${columnTitle.get(flag.columnId) ?? flag.columnId}, row ${rowNumber.get(flag.row)}`,
                )
              }
            >
              Row {rowNumber.get(flag.row)}, {columnTitle.get(flag.columnId) ?? flag.columnId}
            </button>
            : {flag.message}
          </li>
        ))}
      </ul>
      <p className="data-view-note">
        Nothing is corrected automatically: fix the cell in the table if it is a typo.
      </p>
    </div>
  );
}
