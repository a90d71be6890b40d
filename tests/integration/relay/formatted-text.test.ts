import * as Y from 'yjs';
import { afterEach, expect, test } from 'vitest';
import { connectStockClient, waitFor, type StockClient } from '../../support/sync-clients.ts';
import { createDocumentIn, createWorkspace, startTestServer } from '../../support/test-server.ts';

/**
 * R1, R2 for text with formatting: after a remote change to such text (a note's bold or link),
 * Yjs runs one more transaction to tidy the formatting, and the relay once took that empty one
 * for the change, so keystrokes in bold text were neither stored nor sent to anyone.
 */

const clients: StockClient[] = [];
let server: Awaited<ReturnType<typeof startTestServer>> | null = null;
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await server?.stop();
  server = null;
});

/** The paragraph's text as y-prosemirror keeps a note's: a Y.XmlText in an element of a fragment. */
const paragraphIn = (doc: Y.Doc): string => doc.getXmlFragment('probe-note').toString();

test('R1/R2: every keystroke in bold text reaches the others and is stored before the room closes', async () => {
  server = await startTestServer();
  const workspace = await createWorkspace(server.url);
  const id = await createDocumentIn(server.url, workspace, {
    title: 'Notes',
    template: 'barriers',
  });
  const [reader, writer] = [0, 1].map(() => {
    const client = connectStockClient(server!.url, id, workspace.tokens.editor);
    clients.push(client);
    return client;
  });
  await Promise.all([reader!.synced, writer!.synced]);

  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  writer!.doc.transact(() => {
    writer!.doc.getXmlFragment('probe-note').insert(0, [paragraph]);
    paragraph.insert(0, [text]);
  });
  // One keystroke per update, as a person types: "bold" in bold, then "plain".
  for (const letter of 'bold') text.insert(text.length, letter, { bold: {} });
  for (const letter of 'plain') text.insert(text.length, letter, { bold: null });
  const typed = '<paragraph><bold>bold</bold>plain</paragraph>';
  expect(paragraphIn(writer!.doc)).toBe(typed);

  await waitFor('the reader to see every letter', () => paragraphIn(reader!.doc) === typed, 5000);
  // With both clients still there the room has not compacted: this is its log.
  const stored = new Y.Doc();
  const { snapshot, updates } = await server.store.loadDocument(id);
  for (const update of [...(snapshot === null ? [] : [snapshot]), ...updates])
    Y.applyUpdate(stored, update);
  expect(paragraphIn(stored)).toBe(typed);
});
