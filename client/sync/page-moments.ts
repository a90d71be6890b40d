/** Work the session puts off to a moment when it does not hold up what the person sees. */

/** Runs `run` in a task of its own right after the next frame (at once in a hidden page, which draws none). */
export function afterNextFrame(run: () => void): void {
  if (document.hidden) setTimeout(run, 0);
  else requestAnimationFrame(() => setTimeout(run, 0));
}

/** Runs `run` when the browser is idle, or within a second. */
export function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 0);
}
