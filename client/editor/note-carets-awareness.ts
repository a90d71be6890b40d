import * as Y from 'yjs';
import {
  AwarenessPassThrough,
  type AwarenessChanges,
  type AwarenessEvents,
} from '../sync/awareness-pass-through.ts';
import type { FrameAwareness } from '../sync/frame-awareness.ts';

/** Whether a caret (y-tiptap's relative position, as JSON) points into `fragment`; true while it cannot be resolved yet. */
function caretIn(fragment: Y.XmlFragment, doc: Y.Doc, anchor: unknown): boolean {
  if (anchor === null || typeof anchor !== 'object') return false;
  try {
    const position = Y.createAbsolutePositionFromRelativePosition(
      Y.createRelativePositionFromJSON(anchor),
      doc,
    );
    // Not resolvable yet (its text is still on the way): someone who may be here.
    if (position === null) return true;
    const type = position.type as Y.AbstractType<unknown>;
    return type === fragment || (type._item !== null && Y.isParentOf(fragment, type._item));
  } catch {
    return false;
  }
}

/**
 * What one note editor's carets hear of the session's awareness: a change only when it concerns
 * someone whose caret is, or was, in this note. y-tiptap redraws every caret of an editor (a
 * ProseMirror transaction) at each change it hears; with 30 people typing in several notes and
 * cells, most changes are about carets elsewhere, and every live note editor redrew at every
 * frame. Writes, states and 'update' events pass straight through.
 */
export class NoteCaretsAwareness extends AwarenessPassThrough {
  /** The people whose caret was in this note when last heard of. */
  private readonly here = new Set<number>();
  private listening = false;

  constructor(
    readonly frame: FrameAwareness,
    private readonly fragment: Y.XmlFragment,
  ) {
    super(frame);
  }

  /** Listens to the session's awareness only while an editor listens here, so nothing needs destroying. */
  override on<N extends keyof AwarenessEvents>(
    name: N,
    listener: AwarenessEvents[N],
  ): AwarenessEvents[N] {
    super.on(name, listener);
    if (!this.listening) {
      this.listening = true;
      for (const id of this.frame.states.keys()) this.isHere(id);
      this.frame.on('change', this.onChange);
      this.frame.on('update', this.onUpdate);
    }
    return listener;
  }

  override off<N extends keyof AwarenessEvents>(name: N, listener: AwarenessEvents[N]): void {
    super.off(name, listener);
    if (this.listening && this._observers.size === 0) {
      this.listening = false;
      this.frame.off('change', this.onChange);
      this.frame.off('update', this.onUpdate);
      this.here.clear();
    }
  }

  /** Whether the person's caret is in this note now; remembers the answer. */
  private isHere(id: number): boolean {
    const state = this.frame.states.get(id) as { cursor?: { anchor?: unknown } | null } | undefined;
    const here =
      id !== this.frame.clientID &&
      caretIn(this.fragment, this.frame.doc, state?.cursor?.anchor ?? null);
    if (here) this.here.add(id);
    else this.here.delete(id);
    return here;
  }

  /** A person concerns this note if their caret is here now or was before. */
  private readonly concernsThisNote = (id: number): boolean => {
    const was = this.here.has(id);
    return this.isHere(id) || was;
  };

  private readonly onChange = (changes: AwarenessChanges, origin: unknown): void => {
    const relevant = {
      added: changes.added.filter(this.concernsThisNote),
      updated: changes.updated.filter(this.concernsThisNote),
      removed: changes.removed.filter((id) => this.here.delete(id)),
    };
    if (relevant.added.length + relevant.updated.length + relevant.removed.length > 0)
      this.emit('change', [relevant, origin]);
  };

  private readonly onUpdate = (changes: AwarenessChanges, origin: unknown): void =>
    this.emit('update', [changes, origin]);
}
