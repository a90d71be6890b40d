import * as decoding from 'lib0/decoding';
import type { Browser, CDPSession, Page, WebSocket } from 'playwright-core';
import type { BenchChild } from '../child-processes.ts';
import { readMachineBusyMs } from '../machine-load.ts';
import { quantile } from '../stats.ts';
import { summariseProfile, type CpuProfile, type ProfileSummary } from './cpu-profile.ts';
import { documentPath, type BenchDocument } from './documents.ts';
import type { CrowdJoin, CrowdStats, KeptClear } from './editor-crowd.ts';
import { readFramesBetweenKeys, type FramesBetweenKeys } from './frames-between-keys.ts';
import { readKeystrokeAnatomy, type KeystrokeAnatomy } from './keystroke-anatomy.ts';
import {
  startThreadTrace,
  summariseThreadTime,
  type PhaseThreadTime,
  type TraceEvent,
} from './thread-time.ts';
import {
  installProbe,
  readPageClock,
  readProbeWindow,
  sampleTaskDelay,
  waitForLoadMarks,
  waitForPageCondition,
  type KeyRecord,
  type ProbeWindow,
} from './page-probe.ts';

/** Where the person in the browser types in a document, and what the crowd leaves alone for it. */
export interface TypingPlaces {
  /** Accessible name of the table cell typed into, e.g. 'Task, row 1'. */
  readonly cellLabel: string;
  readonly keepClear: KeptClear;
}

export interface TypingRun {
  readonly document: BenchDocument;
  readonly places: TypingPlaces;
  /** 0 for typing alone. */
  readonly remoteEditors: number;
  readonly remoteKeysPerSecond: number;
  readonly noteChars: number;
  readonly cellChars: number;
  readonly keyDelayMs: number;
  /** Record a CPU profile over the typing (the figures of such a run are skewed by the profiler). */
  readonly profile: boolean;
}

export interface Percentiles {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export interface KeystrokeFigures {
  readonly keys: number;
  readonly keysPerSecond: number;
  /** Custom probe: event timestamp → end of the next frame. */
  readonly probe: Percentiles;
  /** Event timestamp → the next frame's requestAnimationFrame (its start). */
  readonly toFrame: Percentiles;
  /** Event timestamp → the page's first keydown listener: waiting for the main thread. */
  readonly inputDelay: Percentiles;
  /**
   * Event Timing, per keystroke the longest of its keydown/keypress/beforeinput/input entries.
   * Entries under 16 ms are never reported, so a keystroke without one counts as 0 here and a
   * percentile of 0 reads "under 16 ms".
   */
  readonly eventTiming: Percentiles;
  readonly slowKeys: number;
  /** The typed text is in the editor afterwards (a sanity check, not an assertion). */
  readonly landed: boolean;
}

export interface MainThreadShare {
  /** Shares of the typing window's wall time, from Chromium's Performance.getMetrics. */
  readonly busy: number;
  /** The renderer main thread's CPU time; well under `busy` means it was waiting for a core. */
  readonly onCpu: number;
  readonly script: number;
  readonly styleAndLayout: number;
  readonly layouts: number;
  readonly styleRecalcs: number;
  readonly domNodes: number;
}

export interface RemoteTraffic {
  readonly seconds: number;
  readonly updateFrames: number;
  readonly awarenessFrames: number;
  /** Client states inside those awareness frames (the relay batches them every 25 ms). */
  readonly awarenessStates: number;
  readonly bytes: number;
}

export interface TypingResult {
  readonly document: string;
  readonly remoteEditors: number;
  readonly note: KeystrokeFigures;
  readonly cell: KeystrokeFigures;
  readonly longTasks: { readonly count: number; readonly totalMs: number; readonly maxMs: number };
  /** Long animation frames (over 50 ms) and the script entry points that filled them. */
  readonly longFrames: {
    readonly count: number;
    readonly totalMs: number;
    readonly topScripts: readonly {
      readonly source: string;
      readonly ms: number;
      readonly count: number;
    }[];
  };
  readonly mainThread: MainThreadShare;
  /** Ordinary-task delay, sampled every 100 ms over the typing: how far behind the page runs. */
  readonly taskDelay: Percentiles;
  /** React commits over the typing: inside keyboard events (synchronous), socket messages, other tasks. */
  readonly commits: { readonly key: number; readonly socket: number; readonly task: number };
  readonly traffic: RemoteTraffic;
  /** The whole machine's CPU over the typing, in cores (this process, Chromium, server, remote editors and anything else); null without /proc/stat. */
  readonly machineCores: number | null;
  readonly crowd: CrowdStats | null;
  readonly profile: ProfileSummary | null;
  readonly rawProfile: CpuProfile | null;
  /** The profiled run's Chromium trace, for DevTools' Performance panel (empty when not profiled). */
  readonly rawTrace: readonly TraceEvent[];
  /** The main thread's CPU time per keystroke, note and cell, from a trace of the profiled run. */
  readonly threadTime: readonly PhaseThreadTime[];
  /** Each keystroke split into its parts (handlers, waiting for the frame, the frame), from the same trace. */
  readonly keystrokes: KeystrokeAnatomy | null;
  /** The frames committed between keystrokes and what caused each, from the same trace. */
  readonly framesBetweenKeys: FramesBetweenKeys | null;
}

const LOAD_TIMEOUT_MS = 60_000;
/** Long enough for every remote editor's presence to arrive and the first moves to settle. */
const CROWD_WARM_UP_MS = 3_000;
const SETTLE_MS = 500;
const PHRASE = 'the district will share the referral numbers with each provider every month ';

const textOf = (length: number, offset: number): string =>
  Array.from({ length }, (_, i) => PHRASE[(i + offset) % PHRASE.length]).join('');

function percentiles(values: readonly number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
  };
}

const TYPING_EVENTS = new Set(['keydown', 'keypress', 'beforeinput', 'input']);

function keystrokeFigures(window: ProbeWindow, to: number, landed: boolean): KeystrokeFigures {
  // Only printable keys: the caret keys pressed before typing are not part of the run.
  const keys = window.keys.filter((key) => key.at <= to && key.key.length === 1);
  const painted = keys.filter(
    (key): key is KeyRecord & { painted: number } => key.painted !== null,
  );
  const framed = keys.filter((key): key is KeyRecord & { frame: number } => key.frame !== null);
  const eventTiming = keys.map((key) =>
    Math.max(
      0,
      ...window.events
        .filter((e) => TYPING_EVENTS.has(e.name) && Math.abs(e.start - key.at) < 1)
        .map((e) => e.duration),
    ),
  );
  const seconds = keys.length < 2 ? Number.NaN : (keys.at(-1)!.at - keys[0]!.at) / 1000;
  return {
    keys: keys.length,
    keysPerSecond: (keys.length - 1) / seconds,
    probe: percentiles(painted.map((key) => key.painted - key.at)),
    toFrame: percentiles(framed.map((key) => key.frame - key.at)),
    inputDelay: percentiles(keys.map((key) => key.handled - key.at)),
    eventTiming: percentiles(eventTiming),
    slowKeys: eventTiming.filter((ms) => ms > 0).length,
    landed,
  };
}

/** Counts what the relay sends the page, by y-websocket message type. */
class TrafficCounter {
  private counting = false;
  private startedAt = 0;
  private stoppedAt = 0;
  private counts = { updateFrames: 0, awarenessFrames: 0, awarenessStates: 0, bytes: 0 };

  watch(page: Page): void {
    page.on('websocket', (socket: WebSocket) => {
      if (!new URL(socket.url()).pathname.startsWith('/sync')) return;
      socket.on('framereceived', ({ payload }) => {
        if (!this.counting || typeof payload === 'string') return;
        this.counts.bytes += payload.length;
        try {
          const decoder = decoding.createDecoder(payload);
          const type = decoding.readVarUint(decoder);
          if (type === 0 && decoding.readVarUint(decoder) === 2) this.counts.updateFrames++;
          else if (type === 1) {
            this.counts.awarenessFrames++;
            this.counts.awarenessStates += decoding.readVarUint(
              decoding.createDecoder(decoding.readVarUint8Array(decoder)),
            );
          }
        } catch {
          // Not a y-websocket frame; only its bytes count.
        }
      });
    });
  }

  start(): void {
    this.counting = true;
    this.startedAt = performance.now();
  }

  stop(): RemoteTraffic {
    this.counting = false;
    this.stoppedAt = performance.now();
    return { seconds: (this.stoppedAt - this.startedAt) / 1000, ...this.counts };
  }
}

async function readMetrics(cdp: CDPSession): Promise<Map<string, number>> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return new Map(metrics.map((metric) => [metric.name, metric.value]));
}

function mainThreadShare(before: Map<string, number>, after: Map<string, number>): MainThreadShare {
  const delta = (name: string): number => (after.get(name) ?? 0) - (before.get(name) ?? 0);
  const seconds = delta('Timestamp');
  return {
    busy: delta('TaskDuration') / seconds,
    onCpu: delta('ThreadTime') / seconds,
    script: delta('ScriptDuration') / seconds,
    styleAndLayout: (delta('LayoutDuration') + delta('RecalcStyleDuration')) / seconds,
    layouts: delta('LayoutCount'),
    styleRecalcs: delta('RecalcStyleCount'),
    domNodes: after.get('Nodes') ?? Number.NaN,
  };
}

function longFrameSummary(window: ProbeWindow): TypingResult['longFrames'] {
  const bySource = new Map<string, { ms: number; count: number }>();
  for (const frame of window.frames) {
    for (const script of frame.scripts) {
      const key = `${script.invokerType} ${script.invoker} → ${script.source}`;
      const entry = bySource.get(key) ?? { ms: 0, count: 0 };
      entry.ms += script.duration;
      entry.count++;
      bySource.set(key, entry);
    }
  }
  const topScripts = [...bySource]
    .map(([source, { ms, count }]) => ({ source, ms, count }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);
  return {
    count: window.frames.length,
    totalMs: window.frames.reduce((sum, frame) => sum + frame.duration, 0),
    topScripts,
  };
}

/**
 * Opens the document, lets the crowd type (if any), then types `noteChars` at the end of the
 * first paragraph of the first note and `cellChars` at the end of a table cell, keystroke by
 * keystroke through Playwright as a person would, and reads what the page recorded.
 */
export async function runTyping(
  browser: Browser,
  baseUrl: string,
  crowd: BenchChild,
  run: TypingRun,
  crowdJoin: Omit<CrowdJoin, 'documentId' | 'token' | 'editors' | 'keysPerSecond' | 'keepClear'>,
): Promise<TypingResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  let crowdJoined = false;
  try {
    await installProbe(context);
    const page = await context.newPage();
    const traffic = new TrafficCounter();
    traffic.watch(page);
    const loaded = waitForLoadMarks(page, LOAD_TIMEOUT_MS);
    await page.goto(new URL(documentPath(run.document), baseUrl).href, {
      waitUntil: 'commit',
      timeout: LOAD_TIMEOUT_MS,
    });
    await loaded;
    // A first visit caches the whole app for offline use once the page is idle; typing is measured
    // on a page that has finished that one-time download, as every later visit is.
    await waitForPageCondition(
      page,
      'navigator.serviceWorker.controller !== null',
      LOAD_TIMEOUT_MS,
      100,
    );
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');

    let crowdStats: CrowdStats | null = null;
    if (run.remoteEditors > 0) {
      await crowd.request('crowd:join', {
        ...crowdJoin,
        documentId: run.document.id,
        token: run.document.token,
        editors: run.remoteEditors,
        keysPerSecond: run.remoteKeysPerSecond,
        keepClear: run.places.keepClear,
      } satisfies CrowdJoin);
      crowdJoined = true;
      await crowd.request('crowd:start');
      await page.waitForTimeout(CROWD_WARM_UP_MS);
    } else {
      await page.waitForTimeout(SETTLE_MS);
    }

    let stopTrace: (() => Promise<TraceEvent[]>) | null = null;
    if (run.profile) {
      stopTrace = await startThreadTrace(cdp);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
      await cdp.send('Profiler.start');
    }
    const metricsBefore = await readMetrics(cdp);
    const machineBefore = { busyMs: readMachineBusyMs(), at: performance.now() };
    traffic.start();
    await sampleTaskDelay(page, true);

    const noteText = textOf(run.noteChars, 0);
    const paragraph = page.locator('.ProseMirror p').first();
    await paragraph.click({ timeout: LOAD_TIMEOUT_MS });
    await page.keyboard.press('End');
    await page.evaluate(() => performance.mark('bench-note'));
    const noteFrom = await readPageClock(page);
    await page.keyboard.type(noteText, { delay: run.keyDelayMs });
    await page.waitForTimeout(SETTLE_MS);
    const noteTo = await readPageClock(page);

    const cellText = textOf(run.cellChars, 17);
    const cell = page.getByLabel(run.places.cellLabel, { exact: true });
    await cell.click({ timeout: LOAD_TIMEOUT_MS });
    await page.keyboard.press('Control+End');
    await page.evaluate(() => performance.mark('bench-cell'));
    const cellFrom = await readPageClock(page);
    await page.keyboard.type(cellText, { delay: run.keyDelayMs });
    await page.waitForTimeout(SETTLE_MS);

    await page.evaluate(() => performance.mark('bench-end'));
    await sampleTaskDelay(page, false);
    const remote = traffic.stop();
    const machineAfter = { busyMs: readMachineBusyMs(), at: performance.now() };
    const metricsAfter = await readMetrics(cdp);
    let rawProfile: CpuProfile | null = null;
    if (run.profile) rawProfile = (await cdp.send('Profiler.stop')).profile as CpuProfile;
    const rawTrace = stopTrace === null ? [] : await stopTrace();
    const threadTime = summariseThreadTime(rawTrace, ['bench-note', 'bench-cell', 'bench-end']);
    if (run.remoteEditors > 0) crowdStats = await crowd.request<CrowdStats>('crowd:stop');

    const window = await readProbeWindow(page, noteFrom);
    const noteLanded = ((await page.locator('.ProseMirror').first().textContent()) ?? '').includes(
      noteText,
    );
    const cellLanded = (await cell.inputValue()).endsWith(cellText);
    return {
      document: run.document.label,
      remoteEditors: run.remoteEditors,
      note: keystrokeFigures(window, noteTo, noteLanded),
      cell: keystrokeFigures(
        { ...window, keys: window.keys.filter((key) => key.at >= cellFrom) },
        Number.POSITIVE_INFINITY,
        cellLanded,
      ),
      longTasks: {
        count: window.longTasks.length,
        totalMs: window.longTasks.reduce((sum, task) => sum + task.duration, 0),
        maxMs: Math.max(0, ...window.longTasks.map((task) => task.duration)),
      },
      longFrames: longFrameSummary(window),
      mainThread: mainThreadShare(metricsBefore, metricsAfter),
      taskDelay: percentiles(window.delays.map((sample) => sample.delay)),
      commits: {
        key: window.commits.filter((commit) => commit.during === 'key').length,
        socket: window.commits.filter((commit) => commit.during === 'socket').length,
        task: window.commits.filter((commit) => commit.during === 'task').length,
      },
      traffic: remote,
      machineCores:
        machineBefore.busyMs === null || machineAfter.busyMs === null
          ? null
          : (machineAfter.busyMs - machineBefore.busyMs) / (machineAfter.at - machineBefore.at),
      crowd: crowdStats,
      profile: rawProfile === null ? null : summariseProfile(rawProfile),
      rawProfile,
      rawTrace,
      threadTime,
      keystrokes: readKeystrokeAnatomy(rawTrace),
      framesBetweenKeys: readFramesBetweenKeys(rawTrace),
    };
  } finally {
    if (crowdJoined) await crowd.request('crowd:leave').catch(() => {});
    await context.close();
  }
}
