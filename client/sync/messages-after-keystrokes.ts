/**
 * How long after a key others' messages keep waiting for the next keystroke's frame. Typing
 * keeps the hold on; a pause ends it (the held messages have gone by then, at MAX_HOLD_MS).
 */
const TYPING_MS = 1000;

/** No message waits longer than this, so others' edits still appear promptly while one types. */
const MAX_HOLD_MS = 100;

/**
 * Delivers the relay's messages right after this person's keystrokes are drawn while they type.
 * A page that draws at every frame (others' edits and carets arriving dozens of times a second)
 * makes Chromium's compositor ask for a frame at every display tick, so a keystroke's frame waits
 * for the next tick, up to 16.7 ms with the main thread idle. A page that has not drawn for a few
 * frames is drawn as soon as the key is handled. Held until the keystroke's frame is done (or
 * MAX_HOLD_MS), others' changes are drawn in the frame after it, and the page is idle again by
 * the next key.
 */
export class MessagesAfterKeystrokes {
  private held: (() => void)[] = [];
  private typingUntil = Number.NEGATIVE_INFINITY;
  private maxHold: ReturnType<typeof setTimeout> | null = null;
  private afterFrame = false;

  constructor(
    private readonly target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
    private readonly now: () => number = () => performance.now(),
  ) {
    target.addEventListener('keydown', this.onKeydown, { capture: true });
  }

  /** Runs `handle` now, or after the current keystroke's frame while this person types. */
  readonly deliver = (handle: () => void): void => {
    if (this.now() >= this.typingUntil && this.held.length === 0) {
      handle();
      return;
    }
    this.held.push(handle);
    this.maxHold ??= setTimeout(this.release, MAX_HOLD_MS);
  };

  /** Runs every held message now, in the order they came (before a socket's close, say). */
  readonly release = (): void => {
    if (this.maxHold !== null) clearTimeout(this.maxHold);
    this.maxHold = null;
    const held = this.held;
    this.held = [];
    for (const handle of held) handle();
  };

  private readonly onKeydown = (): void => {
    this.typingUntil = this.now() + TYPING_MS;
    if (this.afterFrame) return;
    this.afterFrame = true;
    // A task after the frame that draws the keystroke (rAF callbacks run before that frame's paint).
    requestAnimationFrame(() =>
      setTimeout(() => {
        this.afterFrame = false;
        this.release();
      }, 0),
    );
  };

  destroy(): void {
    this.target.removeEventListener('keydown', this.onKeydown, { capture: true });
    this.release();
  }
}
