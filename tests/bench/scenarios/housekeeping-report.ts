import type { Outcome } from '../report.ts';
import { formatBytes, formatNumber } from '../stats.ts';
import type { HousekeepingSummary, PhaseDelay } from './housekeeping.ts';

const delay = (d: PhaseDelay): string =>
  `${formatNumber(d.p99Ms)} / ${formatNumber(d.maxMs)}, ${Math.round(d.busyShare * 100)}%`;

/** The event loop's p99 during compaction, worker ÷ on the loop: the line the closing note quotes. */
export function housekeepingHeadline(outcome: Outcome<HousekeepingSummary>): string | null {
  if (!outcome.ok) return null;
  const before = outcome.value.runs.find((run) => run.mode === 'on the loop');
  const after = outcome.value.runs.find((run) => run.mode === 'worker');
  if (before === undefined || after === undefined) return null;
  return `Event-loop delay p99 during compaction of the large document: ${formatNumber(after.compacting.p99Ms)} ms in the worker against ${formatNumber(before.compacting.p99Ms)} ms on the loop (${formatNumber(after.compacting.p99Ms / before.compacting.p99Ms)}×); at session end (compaction and version) ${formatNumber(after.sessionEnd.p99Ms)} against ${formatNumber(before.sessionEnd.p99Ms)} ms; max ${formatNumber(after.compacting.maxMs)} / ${formatNumber(after.sessionEnd.maxMs)} against ${formatNumber(before.compacting.maxMs)} / ${formatNumber(before.sessionEnd.maxMs)} ms.`;
}

/** The housekeeping section of the benchmark report (scenarios/housekeeping.ts). */
export function renderHousekeeping(outcome: Outcome<HousekeepingSummary>): string {
  const lines = ['## Housekeeping: compaction and session end of a large document, under load', ''];
  if (!outcome.ok) return [...lines, `failed: ${outcome.error}`].join('\n');
  const v = outcome.value;
  lines.push(
    `Ours only, twice on fresh data: compaction and the session's version encoded on the event loop (PATHWAYS_COMPACT_OFF_LOOP_MIN_BYTES=off, as before R28), then in the compaction worker (the default). One document of ${v.historyUpdates.toLocaleString('en-US')} single-character updates at scattered places (fragmented: the costly kind to encode and build) while ${v.fanOutRooms} other rooms × ${v.clientsPerRoom} clients type. Each phase resets the server's event-loop delay histogram (p99 / max ms, then the main thread's busy share: its event-loop utilisation, which the worker's work does not count in): quiet (typing only, 3 s), first load (a client opens the document, its room reads and builds it), compacting (${v.compactUpdates.toLocaleString('en-US')} more updates, a compaction per 1,000), session end (last client leaves; grace period, closing compaction, "Session ended" version).`,
    '',
    "| mode | quiet: loop delay | first load: ms; loop delay | compacting: loop delay (compactions) | session end: loop delay (compactions) | other rooms' fan-out p50 / p99 ms | stored after |",
    '|---|---|---|---|---|---|---|',
  );
  for (const run of v.runs) {
    lines.push(
      `| ${run.mode} | ${delay(run.quiet)} | ${formatNumber(run.firstLoad.ms)}; ${delay(run.firstLoad)} | ${delay(run.compacting)} (${run.compacting.compactions}) | ${delay(run.sessionEnd)} (${run.sessionEnd.compactions}) | ${formatNumber(run.fanOut.p50Ms)} / ${formatNumber(run.fanOut.p99Ms)} | ${formatBytes(run.storedBytes)} |`,
    );
  }
  const { hold } = v;
  lines.push(
    '',
    `The same compaction alone (tests/bench/compaction-hold.ts: the real RoomPersistence on SQLite, a ${formatBytes(hold.documentBytes)} document of ${hold.edits.toLocaleString('en-US')} scattered edits, the two modes alternating, median of ${hold.repeats}; a probe on a 1 ms timer records the longest block; the machine's own noise, a second of doing nothing, blocked it ${formatNumber(hold.idleMaxBlockMs)} ms):`,
    '',
    '| mode | compaction: longest block, ms | compaction: main thread busy / wall, ms | session end: longest block, ms | session end: busy / wall, ms |',
    '|---|---|---|---|---|',
    ...hold.figures.map(
      (f) =>
        `| ${f.mode} | ${formatNumber(f.compactionMaxBlockMs)} | ${formatNumber(f.compactionBusyMs)} / ${formatNumber(f.compactionWallMs)} | ${formatNumber(f.sessionEndMaxBlockMs)} | ${formatNumber(f.sessionEndBusyMs)} / ${formatNumber(f.sessionEndWallMs)} |`,
    ),
  );
  const headline = housekeepingHeadline(outcome);
  if (headline !== null) lines.push('', headline);
  return lines.join('\n');
}
