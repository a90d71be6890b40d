import type { CellValue } from '../tables/cell-values.ts';
import type { Column } from '../tables/column-kinds.ts';
import type { TableView } from '../schema/table.ts';

/** The answers to one practice of a rubric: how many participants chose each level, and the centre. */
export interface PracticeResult {
  readonly rowId: string;
  /** The practice's text: the first text column of the row. */
  readonly practice: string;
  /** Answers per level, in scale order (index 0 = "Never"). */
  readonly counts: readonly number[];
  readonly responses: number;
  /** Median level index (x.5 between two levels), null with no answers. The scale is ordinal, so the median is the central value. */
  readonly median: number | null;
  readonly mean: number | null;
}

export interface RubricResult {
  readonly scale: readonly string[];
  readonly practices: readonly PracticeResult[];
}

function median(sortedLevels: readonly number[]): number | null {
  const n = sortedLevels.length;
  if (n === 0) return null;
  const middle = Math.floor(n / 2);
  return n % 2 === 1
    ? sortedLevels[middle]!
    : (sortedLevels[middle - 1]! + sortedLevels[middle]!) / 2;
}

function practiceText(
  cells: Readonly<Record<string, CellValue>>,
  textColumns: readonly Column[],
): string {
  for (const column of textColumns) {
    const cell = cells[column.id];
    if (cell !== undefined && cell.kind === 'text' && cell.text.trim() !== '')
      return cell.text.trim();
  }
  return '';
}

/**
 * Aggregates a rating column (the first one, unless `ratingColumnId` names another). Rows
 * without a practice and without answers (the toolkit's blank "add your own" rows) are left out.
 */
export function aggregateRubric(table: TableView, ratingColumnId?: string): RubricResult | null {
  const column = table.columns.find(
    (candidate) =>
      candidate.kind === 'rating' &&
      (ratingColumnId === undefined || candidate.id === ratingColumnId),
  );
  if (column === undefined || column.kind !== 'rating') return null;
  const textColumns = table.columns.filter((candidate) => candidate.kind === 'text');
  const practices: PracticeResult[] = [];
  for (const row of table.rows) {
    const cell = row.cells[column.id];
    const answers = cell?.kind === 'rating' ? cell.answers : [];
    const practice = practiceText(row.cells, textColumns);
    if (practice === '' && answers.length === 0) continue;
    const counts = column.scale.map(() => 0);
    for (const answer of answers) counts[answer.level] = (counts[answer.level] ?? 0) + 1;
    const levels = answers.map((answer) => answer.level).sort((a, b) => a - b);
    practices.push({
      rowId: row.id,
      practice,
      counts,
      responses: levels.length,
      median: median(levels),
      mean:
        levels.length === 0 ? null : levels.reduce((sum, level) => sum + level, 0) / levels.length,
    });
  }
  return { scale: column.scale, practices };
}

export interface PracticeChange {
  readonly rowId: string;
  readonly practice: string;
  readonly median: number | null;
  readonly previousMedian: number | null;
  /** Change of the median in levels (+1 = one step up the scale); null when either round has no answers. */
  readonly medianChange: number | null;
  readonly meanChange: number | null;
}

/**
 * Compares a round with an earlier one. Practices match by row id (the same document, or a
 * version of it), else by their text, so a rubric rebuilt by hand still compares.
 */
export function compareRubricRounds(
  current: RubricResult,
  previous: RubricResult,
): PracticeChange[] {
  const byRow = new Map(previous.practices.map((result) => [result.rowId, result]));
  const byText = new Map(previous.practices.map((result) => [result.practice, result]));
  return current.practices.map((result) => {
    const earlier = byRow.get(result.rowId) ?? byText.get(result.practice);
    const change = (now: number | null, before: number | null | undefined): number | null =>
      now === null || before === null || before === undefined ? null : now - before;
    return {
      rowId: result.rowId,
      practice: result.practice,
      median: result.median,
      previousMedian: earlier?.median ?? null,
      medianChange: change(result.median, earlier?.median),
      meanChange: change(result.mean, earlier?.mean),
    };
  });
}

/**
 * The practices the group rates lowest, where the next conversation starts: by median, then
 * mean; practices nobody has rated yet are left out rather than counted as lowest.
 */
export function lowestRatedPractices(result: RubricResult, count: number): PracticeResult[] {
  return result.practices
    .filter((practice) => practice.median !== null)
    .sort((a, b) => a.median! - b.median! || a.mean! - b.mean!)
    .slice(0, count);
}
