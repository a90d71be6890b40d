/** Characters left at which an answer's count is announced: close to the limit, never before. */
const ANNOUNCE_STEPS = [10, 20, 50, 100, 200];

/**
 * What a polite live region says about an answer's length. Between steps the text stays the
 * same, so a screen reader hears it when a step is crossed, not on every keystroke.
 */
export function nearLimitAnnouncement(left: number): string {
  if (left < 0) return 'Over the character limit';
  if (left === 0) return 'No characters left';
  const step = ANNOUNCE_STEPS.find((threshold) => left <= threshold);
  return step === undefined ? '' : `${step} or fewer characters left`;
}
