import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { coversState, peekServerStateVector } from '../../../client/sync/stored-state.ts';

describe('knowing that changes are stored', () => {
  test('the server state covers the local one only when it has every operation of every client', () => {
    expect(
      coversState(
        new Map([
          [1, 5],
          [2, 3],
        ]),
        new Map([
          [1, 5],
          [2, 3],
        ]),
      ),
    ).toBe(true);
    expect(coversState(new Map([[1, 6]]), new Map([[1, 5]]))).toBe(true);
    expect(coversState(new Map([[1, 4]]), new Map([[1, 5]]))).toBe(false);
    expect(
      coversState(
        new Map([[1, 5]]),
        new Map([
          [1, 5],
          [9, 1],
        ]),
      ),
    ).toBe(false);
  });

  test('reads the state vector from a sync step 1 and ignores every other message', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'abc');
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, 0);
    syncProtocol.writeSyncStep1(step1, doc);
    expect(peekServerStateVector(encoding.toUint8Array(step1))).toEqual(
      new Map([[doc.clientID, 3]]),
    );
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, 0);
    syncProtocol.writeSyncStep2(step2, doc);
    expect(peekServerStateVector(encoding.toUint8Array(step2))).toBeNull();
    expect(peekServerStateVector(new Uint8Array([1, 2]))).toBeNull();
  });
});
