import Papa from 'papaparse/papaparse.js';
import type { RowInit, TableView } from '../schema/table.ts';
import { METRICS_COLUMNS } from '../schema/data-review-columns.ts';
import {
  COUNT_KEYS,
  validateMetricsRows,
  metricsRowsOf,
  type CountKey,
  type MetricsRow,
} from './validation.ts';

/** A problem with one field of the file, named the way the person sees the file in a spreadsheet. */
export interface ImportProblem {
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  /** The column's header as written in the file, or null for a problem with the whole record. */
  readonly column: string | null;
  readonly message: string;
}

export interface MetricsImport {
  /** Rows with no problem, ready for `addRow`; written only once the person confirms. */
  readonly goodRows: readonly RowInit[];
  /** Lines of the good rows, in the same order. */
  readonly goodLines: readonly number[];
  readonly problems: readonly ImportProblem[];
  /** Set when nothing can be read at all (no period column, an empty file). */
  readonly fatal: string | null;
}

const FIELDS = ['period', 'provider', ...COUNT_KEYS] as const;
type Field = (typeof FIELDS)[number];

/** Our CSV export puts `'` before text a spreadsheet would run as a formula; importing takes it off. */
function unguard(field: string): string {
  return /^'[=+\-@\t\r]/.test(field) ? field.slice(1) : field;
}

function headerKey(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Headers match a column's id or its title in this document, so a file exported here comes back. */
function mapHeaders(header: readonly string[], table: TableView): Map<number, Field> {
  const fieldByName = new Map<string, Field>();
  for (const field of FIELDS) {
    const id = METRICS_COLUMNS[field];
    fieldByName.set(headerKey(id), field);
    const column = table.columns.find((candidate) => candidate.id === id);
    if (column !== undefined) fieldByName.set(headerKey(column.title), field);
  }
  const mapped = new Map<number, Field>();
  header.forEach((name, index) => {
    const field = fieldByName.get(headerKey(unguard(name)));
    if (field !== undefined && ![...mapped.values()].includes(field)) mapped.set(index, field);
  });
  return mapped;
}

/** A count as a person writes it: "12", " 12 ", "1,200". Anything else is a problem, not a guess. */
function parseCount(
  text: string,
): { ok: true; value: number | null } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  const plain = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(trimmed) ? trimmed.replace(/,/g, '') : trimmed;
  if (!/^-?\d+(\.\d+)?$/.test(plain))
    return { ok: false, message: `"${trimmed}" is not a number.` };
  return { ok: true, value: Number(plain) };
}

interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

function readRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let consumed = 0;
  Papa.parse(text.replace(/^\uFEFF/, ''), {
    skipEmptyLines: 'greedy',
    step: (result) => {
      // The cursor is past this record; its first line is after the newlines consumed before it.
      const before = text.slice(consumed, result.meta.cursor);
      const leadingBlank = /^(?:\r?\n)*/.exec(before)?.[0] ?? '';
      const startLine = line + (leadingBlank.match(/\n/g)?.length ?? 0);
      records.push({ line: startLine, fields: result.data });
      line += before.match(/\n/g)?.length ?? 0;
      consumed = result.meta.cursor;
    },
  });
  return records;
}

/**
 * Reads a CSV of metrics for `table` and checks it as the table itself is checked: counts must be
 * whole and not negative, each funnel stage at most the one before, each period and provider
 * once (in the file and against the rows already in the table). Nothing is dropped silently:
 * every problem names its line and column, and rows are only offered, never written.
 */
export function parseMetricsCsv(text: string, table: TableView): MetricsImport {
  const empty = (fatal: string): MetricsImport => ({
    goodRows: [],
    goodLines: [],
    problems: [],
    fatal,
  });
  const records = readRecords(text);
  const [header, ...body] = records;
  if (header === undefined) return empty('The file is empty.');
  const fieldAt = mapHeaders(header.fields, table);
  if (![...fieldAt.values()].includes('period'))
    return empty(
      'The file has no "Period" column, so its rows cannot be placed. Check that the first line holds the column headers.',
    );

  const problems: ImportProblem[] = [];
  const parsed: MetricsRow<number>[] = [];
  const headerOf = (field: Field) =>
    header.fields[[...fieldAt].find(([, candidate]) => candidate === field)![0]]!.trim();
  for (const record of body) {
    const values: Partial<Record<Field, string>> = {};
    for (const [index, field] of fieldAt) values[field] = unguard(record.fields[index] ?? '');
    const counts = {} as Record<CountKey, number | null>;
    let readable = true;
    for (const key of COUNT_KEYS) {
      const count = parseCount(values[key] ?? '');
      if (count.ok) counts[key] = count.value;
      else {
        counts[key] = null;
        readable = false;
        problems.push({ line: record.line, column: headerOf(key), message: count.message });
      }
    }
    const period = (values.period ?? '').trim();
    if (period === '') {
      problems.push({
        line: record.line,
        column: headerOf('period'),
        message: 'The period is empty.',
      });
      readable = false;
    }
    if (record.fields.length > header.fields.length) {
      problems.push({
        line: record.line,
        column: null,
        message: `The line has ${record.fields.length} fields but the header has ${header.fields.length}.`,
      });
      readable = false;
    }
    if (readable)
      parsed.push({
        row: record.line,
        label: `line ${record.line}`,
        period,
        provider: (values.provider ?? '').trim(),
        counts,
      });
  }

  const flagged = new Set<number>(problems.map((problem) => problem.line));
  for (const flag of validateMetricsRows(parsed, metricsRowsOf(table))) {
    const field = FIELDS.find((candidate) => METRICS_COLUMNS[candidate] === flag.columnId)!;
    // A flag is only ever about a field the line has a value in, so the file has its column.
    problems.push({ line: flag.row, column: headerOf(field), message: flag.message });
    flagged.add(flag.row);
  }

  const good = parsed.filter((row) => !flagged.has(row.row));
  const inTable = new Set(table.columns.map((column) => column.id));
  const valuesOf = (row: MetricsRow<number>): Record<string, string | number> => {
    const values: Record<string, string | number> = {
      [METRICS_COLUMNS.period]: row.period,
      [METRICS_COLUMNS.provider]: row.provider,
    };
    for (const key of COUNT_KEYS)
      if (row.counts[key] !== null) values[METRICS_COLUMNS[key]] = row.counts[key];
    return Object.fromEntries(Object.entries(values).filter(([columnId]) => inTable.has(columnId)));
  };
  return {
    goodRows: good.map((row) => ({ values: valuesOf(row) })),
    goodLines: good.map((row) => row.row),
    problems: problems.sort((a, b) => a.line - b.line),
    fatal: null,
  };
}
