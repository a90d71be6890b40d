import type { Outcome } from '../report.ts';
import { availableParallelism } from 'node:os';
import { formatBytes, formatNumber, median } from '../stats.ts';
import type { ClientBenchConfig } from './config.ts';
import { renderGoals } from './goals.ts';
import type { FirstLoadResult, LoadSample } from './first-load.ts';
import type { KeystrokeFigures, Percentiles, TypingResult } from './typing.ts';

export interface ClientBenchResults {
  readonly loads: readonly Outcome<FirstLoadResult>[];
  readonly typing: readonly Outcome<TypingResult>[];
  /** Extra runs with the profiler on; their latencies are not reported. */
  readonly profiles: readonly {
    readonly label: string;
    readonly outcome: Outcome<TypingResult>;
    readonly path: string | null;
  }[];
}

export interface RunInfo {
  readonly startedAt: Date;
  readonly elapsedMs: number;
  readonly chromium: string;
  readonly serverLoggedProblems: number;
  /** The commit measured (with "+ local changes" when client/ or core/ differ from it), if git could tell. */
  readonly commit: string | null;
  /** The built client's script files. */
  readonly bundle: readonly string[];
}

const ms = (value: number): string => formatNumber(value);
const share = (value: number): string =>
  Number.isFinite(value) ? `${Math.round(value * 100)}%` : 'n/a';
/** Event Timing reports nothing under 16 ms; a 0 percentile means the keystroke was faster. */
const eventMs = (value: number): string => (value === 0 ? '<16' : ms(value));
const maxOf = (values: readonly number[]): number => Math.max(...values);
const condition = (editors: number): string =>
  editors === 0 ? 'typing alone' : `${editors} remote editors`;

const FLOOR_CONDITION = 'cold, load floor (React, Tiptap, y-websocket; nothing else)';

function loadRows(load: FirstLoadResult): string[] {
  const rows: string[] = [];
  const caches = [
    ['cold', load.cold],
    ['warm', load.warm],
    ...(load.floor.length > 0 ? [[FLOOR_CONDITION, load.floor] as const] : []),
  ] as const;
  for (const [cache, samples] of caches) {
    const measures = [
      ['load → first screen visible (painted)', (s: LoadSample) => s.firstScreenMs],
      ['load → editor editable (painted)', (s: LoadSample) => s.editorMs],
      ['load → "All changes synced" (painted)', (s: LoadSample) => s.syncedMs],
    ] as const;
    for (const [what, pick] of measures) {
      const values = samples.map(pick);
      rows.push(
        `| ${what} | ${load.document} | ${cache} | ${values.length} runs | ${ms(median(values))} | — | — | ${ms(maxOf(values))} |`,
      );
    }
  }
  if (load.floor.length > 0) {
    const ratio =
      median(load.cold.map((s) => s.editorMs)) / median(load.floor.map((s) => s.editorMs));
    rows.push(
      `| load → editor editable: ours cold ÷ load floor (medians) | ${load.document} | cold | ${load.cold.length} runs each | ${formatNumber(ratio)}× | — | — | — |`,
    );
  }
  return rows;
}

function percentileCells(p: Percentiles, format: (value: number) => string = ms): string {
  return `${format(p.p50)} | ${format(p.p95)} | ${format(p.p99)} | ${format(p.max)}`;
}

function typingRows(result: TypingResult): string[] {
  const rows: string[] = [];
  for (const [where, figures] of [
    ['note', result.note],
    ['table cell', result.cell],
  ] as [string, KeystrokeFigures][]) {
    const who = condition(result.remoteEditors);
    rows.push(
      `| typing in a ${where}: keydown → next frame (probe) | ${result.document} | ${who} | ${figures.probe.count} keys | ${percentileCells(figures.probe)} |`,
    );
    rows.push(
      `| typing in a ${where}: Event Timing duration | ${result.document} | ${who} | ${figures.eventTiming.count} keys | ${percentileCells(figures.eventTiming, eventMs)} |`,
    );
  }
  return rows;
}

function loadDetails(load: FirstLoadResult): string[] {
  const caches = [
    ['cold', load.cold],
    ['warm', load.warm],
    ...(load.floor.length > 0 ? [['load floor, cold', load.floor] as const] : []),
  ] as const;
  return caches.map(([cache, samples]) => {
    const nav = (pick: (s: LoadSample) => number) => ms(median(samples.map(pick)));
    const fromWorker = samples.filter((s) => s.navigation.fromServiceWorker).length;
    const machine = load.machineCores === null ? 'n/a' : formatNumber(load.machineCores);
    const longTasks = `${Math.round(median(samples.map((s) => s.longTasksBeforeEditor.count)))}, ${nav((s) => s.longTasksBeforeEditor.totalMs)} ms, longest ${nav((s) => s.longTasksBeforeEditor.maxMs)} ms`;
    return `| ${load.document} | ${cache} | ${machine} | ${longTasks} | ${nav((s) => s.originMs)} | ${nav((s) => s.navigation.responseEndMs)} | ${nav((s) => s.navigation.domContentLoadedMs)} | ${nav((s) => s.navigation.loadEventEndMs)} | ${fromWorker}/${samples.length} | ${formatBytes(median(samples.map((s) => s.navigation.jsTransferredBytes)))} | ${formatBytes(median(samples.map((s) => s.navigation.jsDecodedBytes)))} (${samples[0]?.navigation.jsFiles ?? 0} files) |`;
  });
}

function keystrokeDetails(result: TypingResult): string {
  const delay = (f: KeystrokeFigures) =>
    `${ms(f.inputDelay.p50)} / ${ms(f.inputDelay.p95)} / ${ms(f.inputDelay.max)}`;
  const landed =
    result.note.landed && result.cell.landed
      ? 'yes'
      : `note ${result.note.landed ? 'yes' : 'NO'}, cell ${result.cell.landed ? 'yes' : 'NO'}`;
  return [
    `| ${result.document} | ${condition(result.remoteEditors)}`,
    `${formatNumber(result.note.keysPerSecond)} / ${formatNumber(result.cell.keysPerSecond)}`,
    delay(result.note),
    delay(result.cell),
    `${ms(result.note.toFrame.p50)} / ${ms(result.note.toFrame.p95)}`,
    `${ms(result.cell.toFrame.p50)} / ${ms(result.cell.toFrame.p95)}`,
    `${result.note.slowKeys} / ${result.cell.slowKeys}`,
    `${landed} |`,
  ].join(' | ');
}

function pageWorkDetails(result: TypingResult): string {
  const t = result.traffic;
  const perSecond = (count: number) => formatNumber(count / t.seconds);
  const crowd =
    result.crowd === null
      ? '—'
      : `${formatNumber(result.crowd.keystrokes / result.crowd.seconds)} keys/s, ${formatNumber(result.crowd.awarenessChanges / result.crowd.seconds)} presence changes/s, ${share(result.crowd.cpuShare)} of a core`;
  const received =
    t.updateFrames + t.awarenessFrames === 0
      ? 'nothing'
      : `${perSecond(t.updateFrames)} updates/s, ${perSecond(t.awarenessFrames)} presence frames/s (${perSecond(t.awarenessStates)} states/s), ${formatBytes(t.bytes / t.seconds)}/s`;
  return [
    `| ${result.document} | ${condition(result.remoteEditors)}`,
    `${share(result.mainThread.busy)} (script ${share(result.mainThread.script)}, style+layout ${share(result.mainThread.styleAndLayout)}; on a core ${share(result.mainThread.onCpu)})`,
    result.machineCores === null
      ? 'n/a'
      : `${formatNumber(result.machineCores)} of ${availableParallelism()}`,
    `${ms(result.taskDelay.p50)} / ${ms(result.taskDelay.p95)} / ${ms(result.taskDelay.max)}`,
    `${result.commits.key + result.commits.socket + result.commits.task} (${result.commits.key} in key events)`,
    `${result.longTasks.count}, ${ms(result.longTasks.totalMs)} ms, max ${ms(result.longTasks.maxMs)}`,
    `${result.longFrames.count}, ${ms(result.longFrames.totalMs)} ms`,
    `${formatNumber(result.mainThread.layouts)} / ${formatNumber(result.mainThread.styleRecalcs)}`,
    formatNumber(result.mainThread.domNodes),
    received,
    `${crowd} |`,
  ].join(' | ');
}

function failureLines(label: string, outcome: Outcome<unknown>): string[] {
  return outcome.ok ? [] : [`- ${label}: FAILED: ${outcome.error}`];
}

export function renderClientReport(
  results: ClientBenchResults,
  config: ClientBenchConfig,
  info: RunInfo,
): string {
  const loads = results.loads.flatMap((o) => (o.ok ? [o.value] : []));
  const typing = results.typing.flatMap((o) => (o.ok ? [o.value] : []));
  const lines: string[] = [];
  lines.push(`# Client benchmark, ${info.startedAt.toISOString()}`, '');
  lines.push(
    `Client at ${info.commit ?? 'an unknown commit'} (${info.bundle.join(', ')}). Node ${process.version}, ${info.chromium} headless, ${availableParallelism()} cores, ${Math.round(info.elapsedMs / 1000)} s. Server: ours (SQLite) in its own process on 127.0.0.1; remote editors: stock y-websocket clients in another process. ` +
      `Loads: ${config.loadRuns} runs per document and cache state. Typing: ${config.noteChars} characters into a note and ${config.cellChars} into a table cell with Playwright's keyboard.type (delay ${config.keyDelayMs} ms), ` +
      `alone and with ${config.remoteEditors} remote editors at ${config.remoteKeysPerSecond} keys/s each. Large document: data-review with ${config.largeRows} metrics rows added by a stock client.`,
    '',
  );
  const failures = [
    ...results.loads.flatMap((o, i) => failureLines(`load ${i + 1}`, o)),
    ...results.typing.flatMap((o, i) => failureLines(`typing ${i + 1}`, o)),
    ...results.profiles.flatMap((p) => failureLines(p.label, p.outcome)),
  ];
  if (failures.length > 0) lines.push('Failed scenarios:', '', ...failures, '');

  lines.push(...renderGoals(loads, typing));
  lines.push(
    '| measurement | document | condition | n | median / p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const load of loads) lines.push(...loadRows(load));
  for (const result of typing) lines.push(...typingRows(result));
  lines.push(
    '',
    "First screen visible: the server's read-only first screen of the document painted, or the editor where the page has none (the load floor, a warm load from the service worker). Load times run from the call to page.goto to the end of the first frame after the condition held (a MutationObserver notices it; the time is taken in a user-blocking task posted from the next requestAnimationFrame). " +
      'Cold: a new browser context per run (no HTTP cache, service worker or IndexedDB). Warm: a new context primed by one visit (service worker in control and precached, the document in IndexedDB), then the timed second visit in a new tab. ' +
      'Load floor: a page of the same stack and nothing else (React, Tiptap with Collaboration, a stock y-websocket provider; one script file, built as ours, brotli on loopback) opening the same document from the same relay and showing its first note and a status line; it alternates with our cold runs. It is what this machine needs for the stack alone, not a target: our page also has its tables, presence, IndexedDB and the rest. ' +
      "Typing latency per keystroke: from the event's timestamp (when the browser made the event, so time spent waiting for a busy main thread counts) to the end of the next frame. " +
      'Event Timing reports only events of 16 ms or more (Chromium\'s floor), in 8 ms steps; "<16" means under that. Playwright sends the next key only when the page has taken the previous one, so a busy page is also typed into more slowly (see keys/s below).',
    '',
  );

  if (loads.length > 0) {
    lines.push('## First load details (medians)', '');
    lines.push(
      '| document | cache | machine CPU over all its runs, cores | long tasks before the editor showed | page.goto → navigation start ms | responseEnd ms | DOMContentLoaded ms | load event end ms | document from service worker | JS transferred | JS decoded |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const load of loads) lines.push(...loadDetails(load));
    lines.push(
      '',
      'Navigation times are from navigation start (performance.getEntriesByType("navigation")). JS counts the page\'s own script fetches; the service worker\'s precache downloads on the first visit are not among them.',
      '',
    );
  }

  if (typing.length > 0) {
    lines.push('## Typing details: the keystrokes', '');
    lines.push(
      '| document | condition | keys/s typed (note / cell) | input delay, note, p50/p95/max ms | input delay, cell, p50/p95/max ms | keydown → next rAF, note, p50/p95 ms | keydown → next rAF, cell, p50/p95 ms | keystrokes with a ≥16 ms event (note / cell) | typed text arrived |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const result of typing) lines.push(keystrokeDetails(result));
    lines.push(
      '',
      "Input delay: event timestamp → the page's first keydown listener (waiting for the main thread). keydown → next rAF: to the start of the frame that shows the keystroke.",
      '',
    );
    lines.push("## Typing details: the page's work over the typing window (note and cell)", '');
    lines.push(
      '| document | condition | renderer main thread busy | machine CPU, cores | ordinary-task delay p50/p95/max ms | React commits | long tasks | long animation frames | layouts / style recalcs | DOM nodes | received from the relay | remote editors sent |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const result of typing) lines.push(pageWorkDetails(result));
    lines.push(
      '',
      'Main-thread shares are of wall time, from Chromium\'s Performance.getMetrics (TaskDuration, ScriptDuration, Layout+RecalcStyleDuration; "on a core" is ThreadTime). Ordinary-task delay: a MessageChannel message posted every 100 ms, from posting to running; remote updates wait behind the same queue, so it is about how late other people\'s edits appear. React commits are counted through React\'s developer-tools hook; one "in key events" is a render the keystroke waited for.',
      '',
    );
    const framed = typing.filter((result) => result.longFrames.topScripts.length > 0);
    if (framed.length > 0) {
      lines.push('### Where long animation frames went (top script entry points)', '');
      for (const result of framed) {
        lines.push(`${result.document}, ${condition(result.remoteEditors)}:`, '');
        for (const script of result.longFrames.topScripts)
          lines.push(`- ${ms(script.ms)} ms in ${script.count} calls: \`${script.source}\``);
        lines.push('');
      }
    }
  }

  for (const { label, outcome, path } of results.profiles) {
    if (!outcome.ok || outcome.value.profile === null) continue;
    const profile = outcome.value.profile;
    lines.push(`## CPU profile: ${label}`, '');
    lines.push(
      `An extra run with Chromium's sampling profiler on (its latencies are not reported above). ${ms(profile.totalMs)} ms profiled, ${ms(profile.idleMs)} ms idle, ${ms(profile.gcMs)} ms in garbage collection.${path === null ? '' : ` Written to \`${path}\`.`}`,
      '',
    );
    lines.push(
      `Self time by file: ${profile.byFile.map((f) => `${f.file} ${ms(f.ms)} ms`).join(', ')}.`,
      '',
    );
    if (outcome.value.threadTime.length > 0) {
      lines.push(
        "The main thread's CPU time per keystroke, from a trace of the same run (time spent waiting for a core is not counted, so these hold up on a busy machine; style and layout include those forced by scripts):",
        '',
      );
      lines.push(
        '| typing in | keys | CPU ms/key | script | style | layout | paint | tasks ≥ 50 ms CPU | longest task ms |',
        '|---|---|---|---|---|---|---|---|---|',
      );
      for (const phase of outcome.value.threadTime) {
        lines.push(
          `| ${phase.phase === 'bench-note' ? 'a note' : 'a table cell'} | ${phase.keys} | ${ms(phase.cpuMsPerKey)} | ${ms(phase.scriptMsPerKey)} | ${ms(phase.styleMsPerKey)} | ${ms(phase.layoutMsPerKey)} | ${ms(phase.paintMsPerKey)} | ${phase.longTasks} | ${ms(phase.maxTaskMs)} |`,
        );
      }
      lines.push('');
    }
    const anatomy = outcome.value.keystrokes;
    if (anatomy !== null) {
      lines.push(
        `Each keystroke from the same trace, ms: from the event to the commit of its frame; waiting for the main thread; the task of its handlers (wall / CPU); the thread idle before its frame started (the frame waited for the display's tick) and other tasks in between; the frame's task (wall / CPU). ${anatomy.slow} of ${anatomy.keys} keystrokes took over 16 ms; ${anatomy.waitedForTick} waited over 2 ms for the tick.`,
        '',
        '| keystrokes | total | queued | handlers | idle before frame | other tasks | frame |',
        '|---|---|---|---|---|---|---|',
      );
      for (const [row, parts] of [
        ['p50', anatomy.p50],
        ['p95', anatomy.p95],
        ['mean of those over 16 ms', anatomy.slowMean],
      ] as const) {
        if (parts === null) continue;
        lines.push(
          `| ${row} | ${ms(parts.total)} | ${ms(parts.queued)} | ${ms(parts.handlersWall)} / ${ms(parts.handlersCpu)} | ${ms(parts.idleBeforeFrame)} | ${ms(parts.otherTasks)} | ${ms(parts.frameWall)} / ${ms(parts.frameCpu)} |`,
        );
      }
      lines.push('');
    }
    const frames = outcome.value.framesBetweenKeys;
    if (frames !== null) {
      const gaps = Object.entries(frames.perGap).map(([n, gaps]) => `${n}: ${gaps}`);
      const causes = frames.causes.map(({ cause, frames }) => `${cause} ${frames}`);
      lines.push(
        `Frames from one keystroke to the next (frames: how many of ${frames.keys} keystrokes): ${gaps.join(', ')}. Each frame but the keystrokes' own, by the first task since the frame before that changed the page: ${causes.join('; ')}.`,
        '',
      );
    }
    lines.push('| function (minified name, file:line:column) | self ms |', '|---|---|');
    for (const fn of profile.topFunctions) lines.push(`| \`${fn.name}\` | ${ms(fn.ms)} |`);
    lines.push('');
  }

  lines.push(`Server warnings and errors logged during the run: ${info.serverLoggedProblems}.`, '');
  return lines.join('\n');
}
