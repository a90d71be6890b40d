import type { CellInput } from './cell-values.ts';
import type { Column } from './column-kinds.ts';

export type CellFromText =
  | { readonly ok: true; readonly input: CellInput }
  | { readonly ok: false; readonly message: string };

const YES = new Set(['yes', 'y', 'true', 'x', '✓', '✔', '1']);
const NO = new Set(['', 'no', 'n', 'false', '0']);

/**
 * What a pasted piece of text means in a column: the reverse of the export's cell text, so a
 * block copied out of Pathways (or typed in a spreadsheet) pastes back. "30 min" and "1,250" are
 * numbers, "Yes" ticks a box, option labels pick options (several split by ";" or ",").
 */
export function cellInputFromText(column: Column, raw: string): CellFromText {
  const text = raw.trim();
  const fail = (what: string): CellFromText => ({
    ok: false,
    message: `"${text}" is not ${what} for "${column.title}"`,
  });
  switch (column.kind) {
    case 'text':
    case 'person':
      return { ok: true, input: raw };
    case 'date':
      return { ok: true, input: text === '' ? null : text };
    case 'minutes':
    case 'number': {
      if (text === '') return { ok: true, input: null };
      const number = Number(text.replace(/\s*min(utes)?$/i, '').replace(/,/g, ''));
      return Number.isFinite(number)
        ? { ok: true, input: number }
        : fail(column.kind === 'minutes' ? 'a number of minutes' : 'a number');
    }
    case 'checkbox': {
      const word = text.toLowerCase();
      if (YES.has(word)) return { ok: true, input: true };
      return NO.has(word) ? { ok: true, input: false } : fail('yes or no');
    }
    case 'choice': {
      if (text === '') return { ok: true, input: null };
      const option = column.options.find(
        (candidate) => candidate.label.toLowerCase() === text.toLowerCase(),
      );
      return option === undefined ? fail('one of its options') : { ok: true, input: option.id };
    }
    case 'multi-choice': {
      // Exports join labels with "; "; a spreadsheet may use commas, which a label may also hold.
      const pick = (separator: RegExp): string[] | null => {
        const labels =
          text === ''
            ? []
            : text
                .split(separator)
                .map((label) => label.trim().toLowerCase())
                .filter((label) => label !== '');
        const ids = labels.map(
          (label) => column.options.find((option) => option.label.toLowerCase() === label)?.id,
        );
        return ids.every((id) => id !== undefined) ? (ids as string[]) : null;
      };
      const ids = pick(/;/) ?? pick(/,/);
      return ids === null ? fail('a list of its options') : { ok: true, input: ids };
    }
    case 'rating':
    case 'rate':
    case 'unknown':
      return { ok: false, message: `"${column.title}" cannot be pasted into` };
  }
}
