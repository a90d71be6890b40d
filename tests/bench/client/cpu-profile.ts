/** The parts of a Chromium CPU profile (CDP Profiler.stop) that the summary reads. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      readonly lineNumber: number;
      readonly columnNumber: number;
    };
    readonly children?: readonly number[];
  }[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly idleMs: number;
  readonly gcMs: number;
  /** Self time per script file (the bundle's chunks) and native bucket, largest first. */
  readonly byFile: readonly { readonly file: string; readonly ms: number }[];
  /**
   * The functions with the most self time. Names and positions are the minified bundle's: load
   * the written .cpuprofile in DevTools, or map line:column with a `vite build --sourcemap hidden`
   * of the same sources, to read them as source.
   */
  readonly topFunctions: readonly { readonly name: string; readonly ms: number }[];
}

/** Where self time went: a script file, or for native frames V8's own buckets ((program) is mostly Blink's rendering). */
const NATIVE_BUCKETS = new Set(['(program)', '(idle)', '(garbage collector)', '(root)']);
const fileOf = (url: string, functionName: string): string =>
  url !== ''
    ? url.replace(/^.*\//, '').replace(/\?.*$/, '')
    : NATIVE_BUCKETS.has(functionName)
      ? functionName
      : '(browser APIs)';

/** Self time per function and per file, from the samples and their time deltas. */
export function summariseProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    // Each delta is the time *before* its sample; attributing it to the next sample is DevTools' convention.
    const delta = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, delta));
  });
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') idle += us;
    if (frame.functionName === '(garbage collector)') gc += us;
    const name =
      frame.url === ''
        ? frame.functionName
        : `${frame.functionName || '(anonymous)'} ${fileOf(frame.url, '')}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    const file = fileOf(frame.url, frame.functionName);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const ranked = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: (profile.endTime - profile.startTime) / 1000,
    idleMs: idle / 1000,
    gcMs: gc / 1000,
    byFile: ranked(byFile)
      .filter(([file]) => file !== '(idle)')
      .slice(0, 8)
      .map(([file, us]) => ({ file, ms: us / 1000 })),
    topFunctions: ranked(byFunction)
      .filter(([name]) => name !== '(idle)' && name !== '(program)')
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000 })),
  };
}
