/**
 * Series colours for charts: each has at least 4.5:1 contrast on white (WCAG 1.4.11 asks 3:1 for
 * graphics), and series also differ by marker shape and direct labels, never by colour alone.
 */
export const SERIES_COLOURS = [
  '#0b4f9c',
  '#a4161a',
  '#1d6b34',
  '#8a4b00',
  '#5b2a86',
  '#005f73',
  '#7a1f5c',
  '#3d4a5c',
] as const;

export const SERIES_SYMBOLS = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'star',
  'cross',
  'wye',
  'asterisk',
] as const;

/** A light tint of the accent for bars, with the dark accent as their outline. */
export const BAR_FILL = '#9ec1ea';
export const BAR_STROKE = '#0b4f9c';

/** A small outline of a series' marker for legends, centred on 0,0 (the common shapes; others draw a circle). */
export function symbolPath(symbol: (typeof SERIES_SYMBOLS)[number]): string {
  switch (symbol) {
    case 'square':
      return 'M-4,-4H4V4H-4Z';
    case 'triangle':
      return 'M0,-5L4.5,3.5H-4.5Z';
    case 'diamond':
      return 'M0,-5L5,0L0,5L-5,0Z';
    default:
      return 'M-4,0A4,4 0 1,0 4,0A4,4 0 1,0 -4,0';
  }
}
