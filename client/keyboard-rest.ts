/**
 * When this page's person last pressed a key: work that can wait (redrawing charts under a table)
 * waits until the keyboard has rested, so it never lands between two keystrokes.
 */
let lastKeyAt = Number.NEGATIVE_INFINITY;
let listening = false;

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  // Capturing and passive: nothing on the page can hide a key from it, and it delays no key.
  window.addEventListener(
    'keydown',
    () => {
      lastKeyAt = performance.now();
    },
    { capture: true, passive: true },
  );
}

/** Milliseconds since the last key was pressed on this page (Infinity before the first). */
export function msSinceLastKey(): number {
  listen();
  return performance.now() - lastKeyAt;
}

/**
 * Runs `callback` once no key has been pressed for `restMs` and the main thread is idle (or
 * `idleTimeoutMs` after that at the latest). Returns a function that cancels it.
 */
export function whenKeyboardRests(
  callback: () => void,
  restMs: number,
  idleTimeoutMs = 1000,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let idle: number | null = null;
  const check = (): void => {
    timer = null;
    idle = null;
    const wait = restMs - msSinceLastKey();
    if (wait > 0) {
      timer = setTimeout(check, wait);
      return;
    }
    if (typeof requestIdleCallback === 'undefined') {
      callback();
      return;
    }
    idle = requestIdleCallback(
      () => {
        idle = null;
        // A key pressed while waiting for the idle moment starts the rest again.
        if (msSinceLastKey() < restMs) check();
        else callback();
      },
      { timeout: idleTimeoutMs },
    );
  };
  check();
  return () => {
    if (timer !== null) clearTimeout(timer);
    if (idle !== null) cancelIdleCallback(idle);
  };
}
