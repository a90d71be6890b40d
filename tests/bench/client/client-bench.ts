import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import {
  METRICS_COLUMNS,
  METRICS_SECTION_ID,
  NEXT_STEPS_COLUMNS,
  NEXT_STEPS_SECTION_ID,
} from '../../../core/templates/index.ts';
import { ensureClientBuilt } from '../../../sync-server/client-build.ts';
import { CLIENT_DIR } from '../../../sync-server/routes/client.ts';
import { launchChromium } from '../../support/browser.ts';
import { killAllChildren, startChild, type BenchChild } from '../child-processes.ts';
import { waitForQuietMachine } from '../machine-load.ts';
import type { Outcome } from '../report.ts';
import { SERVER_KINDS } from '../servers/kinds.ts';
import { launchServer, type LaunchedServer } from '../servers/launch.ts';
import { readClientBenchConfig, type ClientBenchConfig } from './config.ts';
import { BenchDocuments, type BenchDocument } from './documents.ts';
import { startFloorPage, type FloorPage } from './floor-server.ts';
import { runFirstLoad, type FirstLoadResult } from './first-load.ts';
import { renderClientReport, type ClientBenchResults } from './report.ts';
import { runTyping, type TypingPlaces, type TypingResult } from './typing.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = join(HERE, '..', 'results');
const PROFILE_DIR = join(RESULTS_DIR, 'profiles');
const CROWD_ENTRY = join(HERE, 'remote-editors.ts');

/** Where the browser types in each kind of document; the crowd leaves exactly those places alone. */
const WORKING_SESSION_PLACES: TypingPlaces = {
  cellLabel: 'Task, row 1',
  keepClear: {
    firstParagraph: true,
    cells: [{ sectionId: NEXT_STEPS_SECTION_ID, rowIndex: 0, columnId: NEXT_STEPS_COLUMNS.task }],
  },
};
const DATA_REVIEW_PLACES: TypingPlaces = {
  cellLabel: 'Period, row 1',
  keepClear: {
    firstParagraph: true,
    cells: [{ sectionId: METRICS_SECTION_ID, rowIndex: 0, columnId: METRICS_COLUMNS.period }],
  },
};

async function attempt<T>(
  what: string,
  run: () => Promise<T>,
  quietSeconds = 0,
): Promise<Outcome<T>> {
  if (quietSeconds > 0) {
    const busy = await waitForQuietMachine(quietSeconds * 1000);
    if (busy !== null && busy >= 0.2)
      console.log(
        `  the machine is still busy (${Math.round(busy * 100)}% of a core) after ${quietSeconds} s; starting ${what} anyway`,
      );
  }
  const started = performance.now();
  try {
    const value = await run();
    console.log(`  ${what}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { ok: true, value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`  ${what}: FAILED: ${message}`);
    return { ok: false, error: message };
  }
}

/** HEAD, marked when client/ or core/ have uncommitted changes; read-only git commands, null without git. */
function describeCommit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--', 'client', 'core'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return changed === '' ? head : `${head} + local changes`;
  } catch {
    return null;
  }
}

/** Warnings and errors (pino levels 40 and up) in the server's log. */
function countLoggedProblems(logPath: string): number {
  return readFileSync(logPath, 'utf8')
    .split('\n')
    .filter(
      (line) =>
        Number(/"level":(\d+)/.exec(line)?.[1] ?? 0) >= 40 ||
        /^\s*(Error|TypeError|RangeError)\b/.test(line),
    ).length;
}

/** The note both templates open with, which the load floor shows. */
const FIRST_NOTE_ID = 'about';

async function runScenarios(
  config: ClientBenchConfig,
  server: LaunchedServer,
  crowd: BenchChild,
  browser: Browser,
  floor: FloorPage,
): Promise<ClientBenchResults> {
  const documents = await BenchDocuments.open(server.httpUrl);
  const progress = (line: string) => console.log(`    ${line}`);

  console.log('first load');
  const loadDocuments: BenchDocument[] =
    config.loadRuns === 0
      ? []
      : [
          await documents.createWorkingSession(),
          await documents.createLargeDataReview(config.largeRows),
        ];
  const loads: Outcome<FirstLoadResult>[] = [];
  for (const document of loadDocuments)
    loads.push(
      await attempt(
        `first load of ${document.label}`,
        () =>
          runFirstLoad(
            browser,
            server.httpUrl,
            document,
            config.loadRuns,
            progress,
            floor.urlFor(document, server.httpUrl, FIRST_NOTE_ID),
          ),
        config.quietSeconds,
      ),
    );

  console.log('typing');
  const typingDocuments: [BenchDocument, TypingPlaces][] = config.typeInWorkingSession
    ? [[await documents.createWorkingSession(), WORKING_SESSION_PLACES]]
    : [];
  if (config.typeInLargeDocument)
    typingDocuments.push([
      await documents.createLargeDataReview(config.largeRows),
      DATA_REVIEW_PLACES,
    ]);
  const typing: Outcome<TypingResult>[] = [];
  const profiles: ClientBenchResults['profiles'][number][] = [];
  const typeIn = (
    document: BenchDocument,
    places: TypingPlaces,
    remoteEditors: number,
    profile: boolean,
  ) =>
    runTyping(
      browser,
      server.httpUrl,
      crowd,
      {
        document,
        places,
        remoteEditors,
        remoteKeysPerSecond: config.remoteKeysPerSecond,
        noteChars: config.noteChars,
        cellChars: config.cellChars,
        keyDelayMs: config.keyDelayMs,
        profile,
      },
      { serverUrl: server.httpUrl, maxSeconds: 300, seed: 1 },
    );
  for (const [document, places] of typingDocuments) {
    for (const remoteEditors of [0, config.remoteEditors]) {
      typing.push(
        await attempt(
          `typing in ${document.label} with ${remoteEditors} remote editors`,
          () => typeIn(document, places, remoteEditors, false),
          config.quietSeconds,
        ),
      );
    }
  }
  if (config.profile) {
    const profiledEditors = config.profileAlone ? 0 : config.remoteEditors;
    for (const [document, places] of typingDocuments) {
      const label = `typing in ${document.label} with ${profiledEditors} remote editors`;
      const outcome = await attempt(`${label}, profiled`, () =>
        typeIn(document, places, profiledEditors, true),
      );
      let path: string | null = null;
      if (outcome.ok && outcome.value.rawProfile !== null) {
        mkdirSync(PROFILE_DIR, { recursive: true });
        const stem = join(
          PROFILE_DIR,
          `client-${document.label.replace(/[^\w]+/g, '-')}-${profiledEditors}-editors`,
        );
        path = `${stem}.cpuprofile`;
        writeFileSync(path, JSON.stringify(outcome.value.rawProfile));
        writeFileSync(
          `${stem}.trace.json`,
          JSON.stringify({ traceEvents: outcome.value.rawTrace }),
        );
        path = relative(process.cwd(), path);
      }
      profiles.push({ label, outcome, path });
    }
  }
  return {
    loads,
    typing: typing.map((o) =>
      o.ok ? { ok: true, value: { ...o.value, rawProfile: null, rawTrace: [] } } : o,
    ),
    profiles,
  };
}

/**
 * `npm run bench:client` (and the end of `npm run bench`): the real client in Debian's
 * Chromium against the real server, timing first loads and typing under remote editors. Prints
 * one report and writes it to tests/bench/results/client.md. Sizes come from BENCH_CLIENT_*
 * variables (see config.ts). Reports figures only; nothing here passes or fails.
 */
export async function runClientBenchmark(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<void> {
  const config = readClientBenchConfig(env);
  const startedAt = new Date();
  console.log('Client benchmark');
  // Every wait below is bounded; this is the backstop for a hang no timeout saw. Exiting kills
  // the children here and Playwright kills its browser on exit.
  const watchdog = setTimeout(() => {
    console.error(
      `client benchmark exceeded BENCH_CLIENT_LIMIT_MINUTES=${config.limitMinutes}; killing it`,
    );
    killAllChildren();
    process.exit(2);
  }, config.limitMinutes * 60_000);
  watchdog.unref();

  ensureClientBuilt((message) => console.log(`  ${message}`));
  // Read now, with the build: a rebuild during the run (another shell's tests) would change both.
  const commit = describeCommit();
  const bundle = readdirSync(join(CLIENT_DIR, 'assets')).filter((file) => file.endsWith('.js'));
  const dataDir = mkdtempSync(join(tmpdir(), 'pathways-client-bench-'));
  let server: LaunchedServer | null = null;
  let crowd: BenchChild | null = null;
  let browser: Browser | null = null;
  let floor: FloorPage | null = null;
  try {
    floor = await startFloorPage();
    crowd = startChild('client-remote-editors', CROWD_ENTRY);
    const [launched] = await Promise.all([launchServer(SERVER_KINDS.ours, dataDir), crowd.ready]);
    server = launched;
    browser = await launchChromium();
    const results = await runScenarios(config, server, crowd, browser, floor);
    const report = renderClientReport(results, config, {
      startedAt,
      elapsedMs: Date.now() - startedAt.getTime(),
      chromium: `Chromium ${browser.version()}`,
      serverLoggedProblems: countLoggedProblems(server.child.logPath),
      commit,
      bundle,
    });
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'client.md'), report);
    console.log(`\n${report}`);
    console.log(`written to ${join(RESULTS_DIR, 'client.md')}`);
  } finally {
    clearTimeout(watchdog);
    await browser?.close().catch(() => {});
    await crowd?.kill();
    await floor?.stop();
    await server?.stop().catch(() => {});
    await server?.child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
