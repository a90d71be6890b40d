/** A median level as words: "Often", or "Sometimes–Often" when it falls between two levels. */
export function levelName(scale: readonly string[], median: number | null): string {
  if (median === null) return 'no answers';
  return Number.isInteger(median)
    ? (scale[median] ?? '')
    : `${scale[Math.floor(median)]}–${scale[Math.ceil(median)]}`;
}
