import { ObservableV2 } from 'lib0/observable';
import type { Awareness } from 'y-protocols/awareness';

export type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] };
export type AwarenessEvents = {
  change: (changes: AwarenessChanges, origin: unknown) => void;
  update: (changes: AwarenessChanges, origin: unknown) => void;
};

/** What the editors read and write of an awareness (y-protocols' or a pass-through's). */
export type AwarenessSource = Pick<
  Awareness,
  | 'doc'
  | 'clientID'
  | 'states'
  | 'meta'
  | 'getStates'
  | 'getLocalState'
  | 'setLocalState'
  | 'setLocalStateField'
>;

/**
 * An awareness that reads and writes straight through to `source` and decides itself which of
 * its changes to announce: the subclasses differ only in that.
 */
export abstract class AwarenessPassThrough extends ObservableV2<AwarenessEvents> {
  constructor(private readonly source: AwarenessSource) {
    super();
  }

  get doc() {
    return this.source.doc;
  }

  get clientID(): number {
    return this.source.clientID;
  }

  get states() {
    return this.source.states;
  }

  get meta() {
    return this.source.meta;
  }

  getStates() {
    return this.source.getStates();
  }

  getLocalState() {
    return this.source.getLocalState();
  }

  setLocalState(state: Record<string, unknown> | null): void {
    this.source.setLocalState(state);
  }

  setLocalStateField(field: string, value: unknown): void {
    this.source.setLocalStateField(field, value);
  }
}
