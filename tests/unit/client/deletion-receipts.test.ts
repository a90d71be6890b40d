import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import { CONFIRM_DELAY_MS, DeletionReceipts } from '../../../client/sync/deletion-receipts.ts';

const SYNC_STEP_1 = new Uint8Array([0, 0, 1, 0]);
const SYNC_STEP_2 = new Uint8Array([0, 1, 2, 0, 0]);

/** A socket that keeps what it was sent, and a page's document with some text in it. */
function scene() {
  const sent: Uint8Array[] = [];
  const socket = { send: (frame: Uint8Array) => void sent.push(frame) };
  const doc = new Y.Doc();
  doc.getText('note').insert(0, 'hello world');
  const receipts = new DeletionReceipts(doc, () => {});
  receipts.connected(socket);
  const requests = () => sent.filter((frame) => frame[0] === 0 && frame[1] === 0).length;
  return { doc, socket, receipts, requests };
}

describe('deletion receipts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test('inserts alone never wait for a receipt: their state vector tells', () => {
    const { doc, receipts, requests } = scene();
    doc.getText('note').insert(0, 'more ');
    vi.advanceTimersByTime(CONFIRM_DELAY_MS * 2);
    expect(receipts.settled).toBe(true);
    expect(requests()).toBe(0);
  });

  test('a deletion is settled only by the answer to a request sent after it', () => {
    const { doc, socket, receipts, requests } = scene();
    socket.send(SYNC_STEP_1); // the provider's own request on connecting
    doc.getText('note').delete(0, 6);
    expect(receipts.settled).toBe(false);
    vi.advanceTimersByTime(CONFIRM_DELAY_MS);
    expect(requests()).toBe(2);
    receipts.received(SYNC_STEP_2); // answers the provider's request, sent before the deletion
    expect(receipts.settled).toBe(false);
    receipts.received(SYNC_STEP_2);
    expect(receipts.settled).toBe(true);
  });

  test('a burst of deletions costs one request; one made while it is out gets another', () => {
    const { doc, receipts, requests } = scene();
    for (let i = 0; i < 5; i++) doc.getText('note').delete(0, 1);
    vi.advanceTimersByTime(CONFIRM_DELAY_MS);
    expect(requests()).toBe(1);
    doc.getText('note').delete(0, 1);
    vi.advanceTimersByTime(CONFIRM_DELAY_MS);
    expect(requests()).toBe(1); // one at a time
    receipts.received(SYNC_STEP_2);
    expect(receipts.settled).toBe(false);
    vi.advanceTimersByTime(CONFIRM_DELAY_MS);
    expect(requests()).toBe(2);
    receipts.received(SYNC_STEP_2);
    expect(receipts.settled).toBe(true);
  });

  test("the reply to the relay's greeting is confirmed: it carries the deletions made offline", () => {
    const { receipts, requests } = scene();
    receipts.received(SYNC_STEP_1); // the greeting
    expect(receipts.settled).toBe(false);
    vi.advanceTimersByTime(0);
    expect(requests()).toBe(1);
    receipts.received(SYNC_STEP_1); // a stored notice (R6): not a greeting, nothing to confirm
    vi.advanceTimersByTime(CONFIRM_DELAY_MS);
    expect(requests()).toBe(1);
    receipts.received(SYNC_STEP_2);
    expect(receipts.settled).toBe(true);
  });

  test('a socket lost before its answer leaves the deletion unconfirmed until the next one confirms it', () => {
    const { doc, receipts } = scene();
    doc.getText('note').delete(0, 6);
    vi.advanceTimersByTime(CONFIRM_DELAY_MS);
    receipts.disconnected();
    receipts.received(SYNC_STEP_2); // late, from nowhere: counts for nothing
    expect(receipts.settled).toBe(false);

    const sent: Uint8Array[] = [];
    receipts.connected({ send: (frame) => void sent.push(frame) });
    receipts.received(SYNC_STEP_1);
    vi.advanceTimersByTime(0);
    expect(sent).toHaveLength(1);
    receipts.received(SYNC_STEP_2);
    expect(receipts.settled).toBe(true);
  });

  test("changes applied from elsewhere (the relay, the device's copy) are not this person's deletions", () => {
    const { doc, receipts, requests } = scene();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    other.getText('note').delete(0, 6);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other), 'relay');
    vi.advanceTimersByTime(CONFIRM_DELAY_MS);
    expect(receipts.settled).toBe(true);
    expect(requests()).toBe(0);
  });
});
