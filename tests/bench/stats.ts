/** The value at quantile `q` (0–1) of ascending `sorted`, nearest-rank; NaN when empty. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(values: readonly number[]): number {
  return quantile(Float64Array.from(values).sort(), 0.5);
}

/** Several generators' samples as one ascending array. */
export function mergeSorted(parts: readonly Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all.sort();
}

/** Two significant decimals under 10, one under 100, none above: easy to scan in a table. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  if (Math.abs(bytes) >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  if (Math.abs(bytes) >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${Math.round(bytes)} B`;
}

/**
 * The p99 of each whole second of the window, by when the keystroke was typed: a burst (all
 * clients renewing presence in the same second) shows as one bad second, steady lag as many.
 */
export function quantileBySecond(
  parts: readonly { latencies: Float64Array; typedAt: Float64Array }[],
  q: number,
): number[] {
  const seconds: number[][] = [];
  for (const { latencies, typedAt } of parts) {
    for (let i = 0; i < latencies.length; i++)
      (seconds[Math.max(0, Math.floor(typedAt[i]! / 1000))] ??= []).push(latencies[i]!);
  }
  return Array.from(seconds, (values) => quantile(Float64Array.from(values ?? []).sort(), q));
}
