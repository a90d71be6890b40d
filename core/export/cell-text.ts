import type { CellValue, Column } from '../tables/index.ts';

/**
 * A ticked checkbox reads "Yes" and an unticked one is blank, in every format. A word rather than
 * ✓ because it survives any font, reads aloud, and filters the same in a spreadsheet as on paper;
 * blank rather than "No" because an unticked box in a handout usually means "not yet".
 */
export const CHECKED_TEXT = 'Yes';

/**
 * One cell as the text a person reads in an export, the same in Markdown, HTML, CSV and iCalendar.
 *
 * - text, person, date: the text as typed (a date may be free text such as "Next semester");
 * - minutes: "30 min"; number: the number; rate: a whole percentage ("75%"), blank when not computable;
 * - checkbox: "Yes" or blank; choice: the option's label; multi-choice: labels joined with "; ";
 * - rating: the answers counted per level, in scale order, e.g. "Often: 2, Always: 1";
 * - a kind from a newer build, or a value that does not match its column: blank.
 *
 * @example cellText({ kind: 'minutes', value: 30 }, column) // "30 min"
 */
export function cellText(value: CellValue | undefined, column: Column): string {
  if (value === undefined) return '';
  switch (value.kind) {
    case 'text':
    case 'person':
    case 'date':
      return value.text;
    case 'minutes':
      return value.value === null ? '' : `${value.value} min`;
    case 'number':
      return value.value === null ? '' : String(value.value);
    case 'checkbox':
      return value.checked ? CHECKED_TEXT : '';
    case 'choice':
      if (column.kind !== 'choice' || value.optionId === null) return '';
      return column.options.find((option) => option.id === value.optionId)?.label ?? '';
    case 'multi-choice':
      if (column.kind !== 'multi-choice') return '';
      // Column option order, as the reader returns it, so every export lists picks alike.
      return column.options
        .filter((option) => value.optionIds.includes(option.id))
        .map((option) => option.label)
        .join('; ');
    case 'rating':
      return column.kind === 'rating' ? ratingSummary(value.answers, column.scale) : '';
    case 'rate':
      return value.value === null ? '' : `${Math.round(value.value * 100)}%`;
    case 'unknown':
      return '';
  }
}

/** "Often: 2, Always: 1": answers counted per level, levels nobody chose left out. */
function ratingSummary(
  answers: readonly { readonly level: number }[],
  scale: readonly string[],
): string {
  const counts = scale.map(() => 0);
  for (const answer of answers) {
    if (answer.level >= 0 && answer.level < counts.length)
      counts[answer.level] = (counts[answer.level] ?? 0) + 1;
  }
  return scale
    .map((level, index) => ({ level, count: counts[index] ?? 0 }))
    .filter(({ count }) => count > 0)
    .map(({ level, count }) => `${level}: ${count}`)
    .join(', ');
}
