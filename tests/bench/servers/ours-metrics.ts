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
  const text = await (await fetch(new URL('/metrics', httpUrl), { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })).text();
  const persistRounds = readSample(text, 'pathways_persist_seconds_count');
  return {
    openRooms: readSample(text, 'pathways_rooms'),
    persistRounds,
    persistSeconds: readSample(text, 'pathways_persist_seconds_sum'),
    compactions: readSample(text, 'pathways_compactions_total'),
    persistRoundsOver10ms: persistRounds - readSample(text, 'pathways_persist_seconds_bucket{le="0.01"}'),
  };
}
