/** The scrape token the benchmark starts ours with (metrics are off without one). */
export const BENCH_METRICS_TOKEN = 'bench-metrics-token';

/** The grace period ours runs with in the benchmark (R24), unless PATHWAYS_ROOM_GRACE_MS says otherwise. */
export const BENCH_ROOM_GRACE_MS = 2000;

/** What the benchmark reads from ours's GET /metrics (Prometheus text format). */
export interface OursMetrics {
  readonly openRooms: number;
  /** Persistence rounds so far (one SQLite transaction each) and their total time. */
  readonly persistRounds: number;
  readonly persistSeconds: number;
  /** Rounds that took longer than 10 ms: each one stalled the whole event loop that long. */
  readonly persistRoundsOver10ms: number;
  /** Logs compacted into snapshots so far. */
  readonly compactions: number;
}

function readSample(text: string, name: string): number {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^${escaped} ([0-9.eE+-]+)$`, 'm').exec(text);
  if (match === null) throw new Error(`GET /metrics has no ${name} line`);
  return Number(match[1]);
}

export async function readOursMetrics(httpUrl: string): Promise<OursMetrics> {
  const text = await (
    await fetch(new URL('/metrics', httpUrl), {
      headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
    })
  ).text();
  const persistRounds = readSample(text, 'pathways_persist_seconds_count');
  return {
    openRooms: readSample(text, 'pathways_rooms'),
    persistRounds,
    persistSeconds: readSample(text, 'pathways_persist_seconds_sum'),
    compactions: readSample(text, 'pathways_compactions_total'),
    persistRoundsOver10ms:
      persistRounds - readSample(text, 'pathways_persist_seconds_bucket{le="0.01"}'),
  };
}

/** Cumulative counts of ours's persistence-round histogram, by upper bound in seconds. */
export async function readPersistBuckets(httpUrl: string): Promise<Map<number, number>> {
  const text = await (
    await fetch(new URL('/metrics', httpUrl), {
      headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
    })
  ).text();
  const buckets = new Map<number, number>();
  for (const match of text.matchAll(
    /^pathways_persist_seconds_bucket\{le="([^"]+)"\} ([0-9.eE+-]+)$/gm,
  ))
    buckets.set(
      match[1] === '+Inf' ? Number.POSITIVE_INFINITY : Number(match[1]),
      Number(match[2]),
    );
  return buckets;
}

/** A quantile read from a histogram: `ms`, or at least `ms` when it fell past the last finite bucket. */
export interface HistogramQuantile {
  readonly ms: number;
  readonly beyondLastBucket: boolean;
}

/**
 * The q-quantile, in ms, of the rounds between two readings of one or more nodes' histograms,
 * interpolated inside its bucket as Prometheus's histogram_quantile does: as exact as the buckets.
 */
export function persistQuantileMs(
  before: readonly Map<number, number>[],
  after: readonly Map<number, number>[],
  q: number,
): HistogramQuantile | null {
  const bounds = [...(after[0]?.keys() ?? [])].sort((a, b) => a - b);
  const counts = bounds.map((bound) =>
    after.reduce(
      (sum, reading, i) => sum + (reading.get(bound) ?? 0) - (before[i]?.get(bound) ?? 0),
      0,
    ),
  );
  const total = counts[counts.length - 1] ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  for (let i = 0; i < bounds.length; i++) {
    if (counts[i]! < rank) continue;
    const lower = i === 0 ? 0 : bounds[i - 1]!;
    const below = i === 0 ? 0 : counts[i - 1]!;
    // The +Inf bucket has no upper bound to interpolate to: report its lower one.
    if (!Number.isFinite(bounds[i]!)) return { ms: lower * 1000, beyondLastBucket: true };
    return {
      ms:
        (lower + ((bounds[i]! - lower) * (rank - below)) / Math.max(1, counts[i]! - below)) * 1000,
      beyondLastBucket: false,
    };
  }
  return null;
}
