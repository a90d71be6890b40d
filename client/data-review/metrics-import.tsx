import { useId, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { parseMetricsCsv, type MetricsImport as ParsedImport } from '#core/metrics';
import { addRow, type TableView } from '#core/schema';

/** The most a metrics file can be: years of monthly rows fit in a few kilobytes. */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * Import of metrics from a CSV file, checked as the table is: every problem is listed by line
 * and column, and the good rows are added only when the person says so.
 */
export function MetricsImport({ doc, table }: { readonly doc: Y.Doc; readonly table: TableView }) {
  const inputId = useId();
  const resultId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [parsed, setParsed] = useState<(ParsedImport & { fileName: string }) | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const read = async (file: File | undefined) => {
    setMessage(null);
    if (file === undefined) return;
    if (file.size > MAX_FILE_BYTES) {
      setParsed(null);
      setMessage(
        `${file.name} is ${Math.round(file.size / 1024)} KiB; a metrics file is at most 1,024 KiB.`,
      );
      return;
    }
    setParsed({ ...parseMetricsCsv(await file.text(), table), fileName: file.name });
  };

  const confirm = () => {
    if (parsed === null) return;
    doc.transact(() => {
      for (const row of parsed.goodRows) addRow(doc, table.id, row);
    });
    setMessage(
      `Added ${parsed.goodRows.length} ${parsed.goodRows.length === 1 ? 'row' : 'rows'} from ${parsed.fileName}.`,
    );
    setParsed(null);
    if (input.current !== null) input.current.value = '';
  };

  const cancel = () => {
    setParsed(null);
    setMessage('Import cancelled; nothing was added.');
    if (input.current !== null) input.current.value = '';
  };

  return (
    <div className="metrics-import">
      <label htmlFor={inputId}>Import metrics from a CSV file</label>
      <p className="data-view-note">
        The first line names the columns, as in the table above (Period, Provider, Students
        referred, …). Counts only, never student names or ids.
      </p>
      <input
        id={inputId}
        ref={input}
        type="file"
        accept=".csv,text/csv"
        aria-describedby={resultId}
        onChange={(event) => void read(event.currentTarget.files?.[0])}
      />
      <div id={resultId} role="status" aria-live="polite">
        {message !== null && <p>{message}</p>}
        {parsed !== null && parsed.fatal !== null && <p className="error">{parsed.fatal}</p>}
        {parsed !== null && parsed.fatal === null && (
          <div className="import-review">
            <p>
              {parsed.fileName}: {parsed.goodRows.length}{' '}
              {parsed.goodRows.length === 1 ? 'row is' : 'rows are'} ready to add
              {parsed.problems.length > 0 &&
                `, ${parsed.problems.length} ${parsed.problems.length === 1 ? 'problem' : 'problems'} found`}
              .
            </p>
            {parsed.problems.length > 0 && (
              <ul className="import-problems">
                {parsed.problems.map((problem, index) => (
                  <li key={index}>
                    <strong>
                      Line {problem.line}
                      {problem.column !== null && `, ${problem.column}`}:
                    </strong>{' '}
                    {problem.message}
                  </li>
                ))}
              </ul>
            )}
            {parsed.problems.length > 0 && parsed.goodRows.length > 0 && (
              <p>
                Lines with a problem are left out. Fix them in the file and import again, or add
                them by hand.
              </p>
            )}
          </div>
        )}
      </div>
      {parsed !== null && parsed.fatal === null && (
        <div className="import-actions">
          <button
            type="button"
            className="primary"
            disabled={parsed.goodRows.length === 0}
            onClick={confirm}
          >
            Add {parsed.goodRows.length} {parsed.goodRows.length === 1 ? 'row' : 'rows'}
          </button>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
