import { showCount, type Shown } from '#core/metrics';

/** A count as a viewer may see it: the number, or "fewer than 10" when small cells are suppressed. */
export interface ShownCount {
  /** What to draw; null when nothing may be drawn (empty or suppressed). */
  readonly value: number | null;
  readonly text: string;
}

export function shownCount(count: number | null, threshold: number): ShownCount {
  return fromShown(showCount(count, threshold), (value) => value.toLocaleString('en-US'));
}

export function fromShown(shown: Shown, format: (value: number) => string): ShownCount {
  switch (shown.kind) {
    case 'empty':
      return { value: null, text: '' };
    case 'suppressed':
      return { value: null, text: shown.text };
    case 'value':
      return { value: shown.value, text: format(shown.value) };
  }
}

export function formatPercent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** "+15 points", "−3 points", "no change": a change of rates in percentage points. */
export function formatPoints(points: number): string {
  const rounded = Math.round(points * 10) / 10;
  // A change that rounds to nothing is no change, not "−0 points".
  if (rounded === 0) return 'no change';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)} ${Math.abs(rounded) === 1 ? 'point' : 'points'}`;
}

export function formatCountChange(change: number): string {
  if (change === 0) return 'no change';
  return `${change > 0 ? '+' : '−'}${Math.abs(change).toLocaleString('en-US')}`;
}
