import type { BrowserContext, Page } from 'playwright-core';

/** What the probe writes to the console once the page has loaded (both load marks painted). */
const LOADED_MESSAGE = '__bench:loaded';

/**
 * What the page records about itself, installed before any of the app's scripts run. It is a
 * string, not a function: Playwright would serialise a function's source, and tsx's transform
 * adds helpers (`__name`) that do not exist in the page.
 *
 * "Next paint" is approximated by a task posted from the next requestAnimationFrame: rAF
 * callbacks run just before the frame is rendered, and the task runs once that frame's style,
 * layout and paint are done. The task is a user-blocking `scheduler.postTask`, which Chromium
 * runs ahead of ordinary tasks; a MessageChannel message would instead wait behind every task
 * already queued (remote updates, React's scheduler), which the task-delay sampler measures
 * separately.
 */
const PROBE = String.raw`(() => {
  if (window.__bench !== undefined) return;
  const LOADED_MESSAGE = ${JSON.stringify(LOADED_MESSAGE)};
  const now = () => performance.now();
  const urgently = (callback) => {
    if (globalThis.scheduler?.postTask) scheduler.postTask(callback, { priority: 'user-blocking' });
    else {
      const channel = new MessageChannel();
      channel.port1.onmessage = callback;
      channel.port2.postMessage(0);
    }
  };
  const afterNextPaint = (callback, onFrame) => requestAnimationFrame((frameTime) => {
    onFrame?.(now());
    urgently(() => callback(now()));
  });
  const marks = {};
  const keys = [];
  const events = [];
  const longTasks = [];
  const frames = [];
  const delays = [];
  const commits = [];

  // Load: the first editable editor with a size, and the first "All changes synced". The
  // observer only queries; the size is read after the frame that painted it, when layout is
  // clean, so the probe forces no layout of its own while the page renders.
  const EDITOR = '.ProseMirror[contenteditable="true"]';
  // The document's first screen as the server sent it (read-only), or the editor where there is none.
  const FIRST_CONTENT = '#first-screen, ' + EDITOR;
  // Announced on the console, which Playwright hears without running anything in the page: a
  // waitForFunction would inject its selector engine (about 330 KB) into the page while it loads.
  const announceIfLoaded = () => {
    if (marks.editorPainted !== undefined && marks.syncedPainted !== undefined) console.debug(LOADED_MESSAGE);
  };
  const editorPainted = (t) => {
    const editor = document.querySelector(EDITOR);
    if (editor !== null && editor.getBoundingClientRect().height > 0) {
      marks.editorPainted = t;
      announceIfLoaded();
    } else {
      delete marks.editorFound;
      check();
    }
  };
  const contentPainted = (t) => {
    const content = document.querySelector(FIRST_CONTENT);
    if (content !== null && content.getBoundingClientRect().height > 0) marks.contentPainted = t;
    else {
      delete marks.contentFound;
      check();
    }
  };
  const check = () => {
    if (marks.contentFound === undefined && document.querySelector(FIRST_CONTENT) !== null) {
      marks.contentFound = now();
      afterNextPaint(contentPainted);
    }
    if (marks.editorFound === undefined && document.querySelector(EDITOR) !== null) {
      marks.editorFound = now();
      afterNextPaint(editorPainted);
    }
    if (marks.syncedFound === undefined) {
      const status = document.querySelector('.status');
      if (status !== null && status.textContent.includes('All changes synced')) {
        marks.syncedFound = now();
        afterNextPaint((t) => {
          marks.syncedPainted = t;
          announceIfLoaded();
        });
      }
    }
    if (marks.editorPainted !== undefined && marks.syncedFound !== undefined) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['contenteditable'] });

  // Typing: the event's own timestamp (when the browser created it), when the page's first
  // listener saw it, the next frame's rAF, and the end of that frame.
  addEventListener('keydown', (event) => {
    const entry = { key: event.key, at: event.timeStamp, handled: now(), frame: null, painted: null };
    keys.push(entry);
    afterNextPaint((t) => (entry.painted = t), (t) => (entry.frame = t));
  }, { capture: true });

  // How long an ordinary task waits for the main thread: remote updates arrive as such tasks,
  // so a growing delay means the page is falling behind the people typing elsewhere.
  let sampling = false;
  const sample = () => {
    if (!sampling) return;
    const channel = new MessageChannel();
    const postedAt = now();
    channel.port1.onmessage = () => {
      delays.push({ start: postedAt, delay: now() - postedAt });
      setTimeout(sample, 100);
    };
    channel.port2.postMessage(0);
  };

  // React commits, through the hook React DOM offers developer tools. The event being handled
  // tells a render forced inside a keystroke from one React scheduled by itself.
  const KEY_EVENTS = new Set(['keydown', 'keypress', 'beforeinput', 'input', 'keyup', 'textInput']);
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => {},
    onScheduleFiberRoot: () => {},
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    onCommitFiberRoot: () => {
      const event = window.event;
      const during = event === undefined ? 'task' : KEY_EVENTS.has(event.type) ? 'key' : event.target instanceof WebSocket ? 'socket' : 'task';
      commits.push({ at: now(), during });
    },
  };

  const observe = (type, options, onEntry) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true, ...options });
    } catch {
      // An entry type this Chromium lacks: its figures stay empty.
    }
  };
  // 16 ms is the lowest threshold Chromium accepts: faster events are never reported.
  observe('event', { durationThreshold: 16 }, (e) => events.push({ name: e.name, start: e.startTime, duration: e.duration, processing: e.processingEnd - e.processingStart, delay: e.processingStart - e.startTime }));
  observe('longtask', {}, (e) => longTasks.push({ start: e.startTime, duration: e.duration }));
  // Cumulative layout shift of the visit (the swap from the first screen to the live page included).
  marks.layoutShift = 0;
  observe('layout-shift', {}, (e) => { if (!e.hadRecentInput) marks.layoutShift += e.value; });
  // Long animation frames name the scripts that made them long, which long tasks do not.
  observe('long-animation-frame', {}, (e) => frames.push({
    start: e.startTime,
    duration: e.duration,
    blocking: e.blockingDuration,
    renderStart: e.renderStart,
    styleAndLayoutStart: e.styleAndLayoutStart,
    scripts: e.scripts.map((s) => ({ invoker: s.invoker, invokerType: s.invokerType, duration: s.duration, forcedStyleAndLayout: s.forcedStyleAndLayoutDuration, source: s.sourceFunctionName + ' ' + s.sourceURL.replace(/^.*\//, '') + ':' + s.sourceCharPosition })),
  }));

  window.__bench = {
    marks,
    startSampling: () => {
      if (sampling) return;
      sampling = true;
      sample();
    },
    stopSampling: () => (sampling = false),
    since: (from) => ({
      delays: delays.filter((d) => d.start >= from),
      commits: commits.filter((c) => c.at >= from),
      keys: keys.filter((k) => k.at >= from),
      events: events.filter((e) => e.start >= from),
      longTasks: longTasks.filter((t) => t.start >= from),
      frames: frames.filter((f) => f.start >= from),
    }),
  };
})();`;

export interface KeyRecord {
  readonly key: string;
  /** event.timeStamp: when the browser made the event, before it waited for the main thread. */
  readonly at: number;
  /** When the page's first keydown listener ran. */
  readonly handled: number;
  /** The next requestAnimationFrame callback after it: the start of the frame that shows it. */
  readonly frame: number | null;
  /** The end of the next frame's rendering after it; null if no frame came. */
  readonly painted: number | null;
}

export interface EventRecord {
  readonly name: string;
  readonly start: number;
  /** Event Timing: from the event's timestamp to the next paint after its handlers, 8 ms granularity. */
  readonly duration: number;
  readonly processing: number;
  readonly delay: number;
}

export interface TaskRecord {
  readonly start: number;
  readonly duration: number;
}

export interface FrameRecord extends TaskRecord {
  readonly blocking: number;
  readonly renderStart: number;
  readonly styleAndLayoutStart: number;
  readonly scripts: readonly {
    invoker: string;
    invokerType: string;
    duration: number;
    forcedStyleAndLayout: number;
    source: string;
  }[];
}

export interface TaskDelay {
  readonly start: number;
  /** From posting an ordinary task (a MessageChannel message) to its running. */
  readonly delay: number;
}

export interface CommitRecord {
  readonly at: number;
  /** Inside a keyboard event (a synchronous render the keystroke waits for), a socket message, or any other task. */
  readonly during: 'key' | 'socket' | 'task';
}

export interface ProbeWindow {
  readonly delays: readonly TaskDelay[];
  readonly commits: readonly CommitRecord[];
  readonly keys: readonly KeyRecord[];
  readonly events: readonly EventRecord[];
  readonly longTasks: readonly TaskRecord[];
  readonly frames: readonly FrameRecord[];
}

export interface LoadMarks {
  /** The document's first content on screen: the server's first screen, or the editor where there is none. */
  readonly contentFound?: number;
  readonly contentPainted?: number;
  /** Layout shift so far, summed over the visit (shifts right after input excluded). */
  readonly layoutShift?: number;
  readonly editorFound?: number;
  readonly editorPainted?: number;
  readonly syncedFound?: number;
  readonly syncedPainted?: number;
}

export async function installProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: PROBE });
}

/** The page's clock, in the same time base as every record. */
export function readPageClock(page: Page): Promise<number> {
  return page.evaluate('performance.now()') as Promise<number>;
}

export function readLoadMarks(page: Page): Promise<LoadMarks> {
  return page.evaluate('({ ...window.__bench.marks })') as Promise<LoadMarks>;
}

/** Everything recorded from `from` (page clock) on. */
export function readProbeWindow(page: Page, from: number): Promise<ProbeWindow> {
  return page.evaluate(`window.__bench.since(${Number(from)})`) as Promise<ProbeWindow>;
}

/** Starts (or stops) sampling the ordinary-task delay every 100 ms. */
export async function sampleTaskDelay(page: Page, on: boolean): Promise<void> {
  await page.evaluate(on ? 'window.__bench.startSampling()' : 'window.__bench.stopSampling()');
}

/**
 * Resolves once both load marks have been painted; fails after `timeoutMs`. Call it before the
 * page navigates: it listens for the probe's console announcement and polls nothing.
 */
export function waitForLoadMarks(page: Page, timeoutMs: number): Promise<LoadMarks> {
  const loaded = page
    .waitForEvent('console', {
      predicate: (message) => message.text() === LOADED_MESSAGE,
      timeout: timeoutMs,
    })
    .then(() => readLoadMarks(page));
  // A navigation that fails first is the caller's error; this one must not go unhandled meanwhile.
  loaded.catch(() => undefined);
  return loaded;
}

/**
 * Waits until `expression` (evaluated in the page, awaited if it is a promise) is truthy. Through
 * page.evaluate, which the page's Content-Security-Policy does not govern: a waitForFunction with
 * a string evaluates it with eval() in the page, which the app's policy refuses.
 */
export async function waitForPageCondition(
  page: Page,
  expression: string,
  timeoutMs: number,
  pollMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() > deadline)
      throw new Error(
        `the page did not reach \`${expression.slice(0, 80)}\` within ${timeoutMs} ms`,
      );
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
