import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import { initializeDocument, writeTitle } from '#core/schema';
import { DocumentSummary } from '../../../sync-server/relay/document-summary.ts';
import type { DocumentStore } from '../../../sync-server/storage/document-store.ts';

/** The document list's title and "last change", kept by an open room (document-summary.ts). */

interface Written {
  readonly title: string;
  readonly updatedAt: string;
}

let written: Written[];
let summary: DocumentSummary;
let doc: Y.Doc;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-07T10:00:00.000Z'), toFake: ['Date'] });
  written = [];
  const store = {
    updateDocumentSummary: async (_id: string, fields: Written) => {
      written.push(fields);
    },
  } as unknown as DocumentStore;
  summary = new DocumentSummary('d1', store);
  doc = new Y.Doc();
  initializeDocument(doc, { title: 'Barriers', template: 'barriers', createdAt: '2026-12-01' });
  summary.noteLoaded(doc);
});
afterEach(() => {
  vi.useRealTimers();
});

const typeInSomeNote = (): void => {
  doc.getMap('elsewhere').set('k', Math.random());
};

test('a renamed title is written after the round that renamed it, however recent the last write', async () => {
  typeInSomeNote();
  await summary.update(doc);
  expect(written).toHaveLength(1);
  writeTitle(doc, 'Barriers, fall');
  await summary.update(doc);
  expect(written.map((fields) => fields.title)).toEqual(['Barriers', 'Barriers, fall']);
});

test('edits elsewhere write "last change" at most every few seconds', async () => {
  await summary.update(doc);
  for (let i = 0; i < 10; i++) {
    typeInSomeNote();
    vi.advanceTimersByTime(100);
    await summary.update(doc);
  }
  expect(written).toHaveLength(1);
  vi.advanceTimersByTime(5000);
  typeInSomeNote();
  await summary.update(doc);
  expect(written).toHaveLength(2);
  expect(written[1]).toEqual({ title: 'Barriers', updatedAt: '2026-12-07T10:00:06.000Z' });
});

test('a closing room writes only if its session changed something', async () => {
  await summary.update(doc, { edited: false });
  expect(written).toEqual([]);
  await summary.update(doc, { edited: true });
  expect(written).toHaveLength(1);
});
