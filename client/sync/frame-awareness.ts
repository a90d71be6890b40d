import type { Awareness } from 'y-protocols/awareness';
import { AwarenessPassThrough, type AwarenessChanges } from './awareness-pass-through.ts';

/**
 * An awareness for note editors that passes every write straight through but announces changes
 * at most once per animation frame. With 30 people typing, awareness changes dozens of times a
 * second (every caret move), and each note editor's caret plugin recomputes its decorations
 * and dispatches a transaction per announcement; carets cannot move on screen faster than the
 * screen redraws anyway.
 */
export class FrameAwareness extends AwarenessPassThrough {
  private frame: number | null = null;
  private pending: {
    added: Set<number>;
    updated: Set<number>;
    removed: Set<number>;
    updates: boolean;
  } | null = null;

  constructor(readonly inner: Awareness) {
    super(inner);
    inner.on('change', this.onChange);
    inner.on('update', this.onUpdate);
  }

  /**
   * A field set to what it already holds is not sent again. y-tiptap republishes the caret after
   * every change others make to the focused note, though a relative position does not move: with
   * 30 people typing that was a presence message to the relay and the other tabs each time.
   */
  override setLocalStateField(field: string, value: unknown): void {
    const current = this.inner.getLocalState()?.[field];
    if (current !== undefined && JSON.stringify(current) === JSON.stringify(value)) return;
    this.inner.setLocalStateField(field, value);
  }

  /** A 'change' brings the ids whose state changed; an 'update' (sent for changes and refreshes alike) only says one came. */
  private collect(changes: AwarenessChanges | null): void {
    const pending = (this.pending ??= {
      added: new Set(),
      updated: new Set(),
      removed: new Set(),
      updates: false,
    });
    if (changes === null) pending.updates = true;
    for (const id of changes?.added ?? []) pending.added.add(id);
    for (const id of changes?.updated ?? []) pending.updated.add(id);
    for (const id of changes?.removed ?? []) pending.removed.add(id);
    this.frame ??= requestAnimationFrame(this.flush);
  }

  private readonly onChange = (changes: AwarenessChanges): void => this.collect(changes);
  private readonly onUpdate = (): void => this.collect(null);

  /**
   * What the note editors last heard of each person: their caret and their name. A change of
   * anything else (the table cell someone is in) would only make every note editor recompute
   * its carets for nothing, and a third of the people in a large document type in cells.
   */
  private readonly announced = new Map<number, string>();

  private changedForNotes(id: number): boolean {
    const state = this.inner.states.get(id) as { cursor?: unknown; user?: unknown } | undefined;
    const shown = JSON.stringify([state?.cursor ?? null, state?.user ?? null]);
    if (this.announced.get(id) === shown) return false;
    this.announced.set(id, shown);
    return true;
  }

  private readonly flush = (): void => {
    this.frame = null;
    const pending = this.pending;
    this.pending = null;
    if (pending === null) return;
    for (const id of pending.added) this.changedForNotes(id);
    for (const id of pending.removed) this.announced.delete(id);
    const changes = {
      added: [...pending.added],
      updated: [...pending.updated].filter((id) => this.changedForNotes(id)),
      removed: [...pending.removed],
    };
    if (pending.updates) this.emit('update', [changes, 'frame']);
    if (changes.added.length + changes.updated.length + changes.removed.length > 0)
      this.emit('change', [changes, 'frame']);
  };

  override destroy(): void {
    this.inner.off('change', this.onChange);
    this.inner.off('update', this.onUpdate);
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    super.destroy();
  }
}
