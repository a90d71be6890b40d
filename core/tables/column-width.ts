import type { Column } from './column-kinds.ts';

/**
 * The width a column starts at, in CSS pixels, by what its cells hold: long text wide, a name or
 * a choice middling, a date, number, checkbox or rate narrow. Wide enough for the longest word of
 * its title too (about 9 px a character at the header's size and weight, plus padding), so no
 * header word is broken, and for a long title in about three lines. Someone's resize (`column.width`) wins over all of this.
 */
const WIDTH_BY_KIND: Readonly<Record<Column['kind'], number>> = {
  text: 280,
  person: 168,
  date: 144,
  minutes: 104,
  number: 104,
  checkbox: 88,
  choice: 168,
  'multi-choice': 200,
  rating: 200,
  rate: 96,
  unknown: 160,
};

const HEADER_CHARACTER_PX = 9;
const HEADER_PADDING_PX = 24;
const MAX_TITLE_PX = 240;

/** The width a column shows at: the one someone resized it to, else what its kind and title suggest. */
export function columnWidth(column: Column): number {
  return column.width ?? suggestedColumnWidth(column);
}

/** What a column's kind and title suggest, before anyone resizes it. */
export function suggestedColumnWidth(column: Column): number {
  const longestWord = Math.max(0, ...column.title.split(/\s+/).map((word) => word.length));
  // A long title (a checkbox column's question) gets room for about three lines, not ten.
  const threeLines = Math.min(
    MAX_TITLE_PX,
    (column.title.length * HEADER_CHARACTER_PX) / 3 + HEADER_PADDING_PX,
  );
  return Math.round(
    Math.max(
      WIDTH_BY_KIND[column.kind],
      longestWord * HEADER_CHARACTER_PX + HEADER_PADDING_PX,
      threeLines,
    ),
  );
}
