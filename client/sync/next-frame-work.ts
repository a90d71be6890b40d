/**
 * Work that brings the screen up to date with others' changes (the page's view of the document,
 * the people present, the note editors' carets), run once in the next animation frame however
 * many changes came before it.
 */
const pending = new Set<() => void>();
let frame: number | null = null;

function runPending(): void {
  frame = null;
  const due = [...pending];
  pending.clear();
  for (const work of due) work();
}

/** Runs `work` in the next animation frame, once however often it is asked; returns a cancel. */
export function beforeNextFrame(work: () => void): () => void {
  pending.add(work);
  frame ??= requestAnimationFrame(runPending);
  return () => {
    pending.delete(work);
    if (pending.size === 0 && frame !== null) {
      cancelAnimationFrame(frame);
      frame = null;
    }
  };
}

/**
 * Runs the waiting work now, in this task, instead of in the next frame. Others' messages handled
 * right after a keystroke's frame call this: what they change is then rendered (React's render,
 * y-tiptap's caret redraw, each a task of its own) before the next frame, and drawn in that one
 * frame. Run inside that frame, each would have changed the page after it, and another frame
 * would have followed, keeping the display's ticks going into the next keystroke.
 */
export function runFrameWorkNow(): void {
  if (frame !== null) cancelAnimationFrame(frame);
  runPending();
}
