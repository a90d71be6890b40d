/** Sizes of one client benchmark run; every one can be overridden from the environment. */
export interface ClientBenchConfig {
  /** Page loads timed per document and cache state; median and max are reported. 0 leaves the loads out (typing only). */
  readonly loadRuns: number;
  /** Rows added to the data-review metrics table for the large document. */
  readonly largeRows: number;
  /** Simulated remote editors (stock y-websocket clients in a separate process). */
  readonly remoteEditors: number;
  /** Each remote editor's typing rate. */
  readonly remoteKeysPerSecond: number;
  /** Characters typed into a note and into a table cell per typing run. */
  readonly noteChars: number;
  readonly cellChars: number;
  /** Playwright's `delay` between keydown and keyup of each typed character. */
  readonly keyDelayMs: number;
  /** Also type with the remote editors on the large document (a third and fourth typing run). */
  readonly typeInLargeDocument: boolean;
  /** Also type in the roles working session (0 types only in the large document, to measure it sooner). */
  readonly typeInWorkingSession: boolean;
  /** Record a CPU profile of one extra, unmeasured typing run with remote editors. */
  readonly profile: boolean;
  /** Profile typing alone instead (what a keystroke costs without others' edits). */
  readonly profileAlone: boolean;
  /**
   * Before each scenario, wait up to this long for an idle machine (a test run in another shell
   * skews every figure on two cores). 0, the default, starts at once.
   */
  readonly quietSeconds: number;
  /** The whole run is abandoned after this long, children and browser included. */
  readonly limitMinutes: number;
}

function readNumber(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new Error(`${name} must be a number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function readFlag(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: boolean,
): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw new Error(`${name} must be 1 or 0, got "${raw}"`);
}

export function readClientBenchConfig(
  env: Readonly<Record<string, string | undefined>>,
): ClientBenchConfig {
  return {
    loadRuns: readNumber(env, 'BENCH_CLIENT_LOAD_RUNS', 7, 0, 50),
    largeRows: readNumber(env, 'BENCH_CLIENT_LARGE_ROWS', 200, 1, 2000),
    remoteEditors: readNumber(env, 'BENCH_CLIENT_EDITORS', 30, 1, 200),
    remoteKeysPerSecond: readNumber(env, 'BENCH_CLIENT_EDITOR_KEYS_PER_SECOND', 2, 0.1, 20),
    noteChars: readNumber(env, 'BENCH_CLIENT_NOTE_CHARS', 200, 10, 2000),
    cellChars: readNumber(env, 'BENCH_CLIENT_CELL_CHARS', 100, 10, 2000),
    keyDelayMs: readNumber(env, 'BENCH_CLIENT_KEY_DELAY_MS', 50, 0, 1000),
    typeInLargeDocument: readFlag(env, 'BENCH_CLIENT_LARGE_TYPING', true),
    typeInWorkingSession: readFlag(env, 'BENCH_CLIENT_WORKING_SESSION_TYPING', true),
    profile: readFlag(env, 'BENCH_CLIENT_PROFILE', true),
    profileAlone: readFlag(env, 'BENCH_CLIENT_PROFILE_ALONE', false),
    quietSeconds: readNumber(env, 'BENCH_CLIENT_QUIET_SECONDS', 0, 0, 3600),
    limitMinutes: readNumber(env, 'BENCH_CLIENT_LIMIT_MINUTES', 15, 1, 600),
  };
}
