import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { sectionsArray } from '#core/schema';
import { DocumentViewReader } from '#core/schema/document-view';
import { createDocument } from '#core/templates';
import { liveDocumentDrawn } from '../../../client/pages/live-document-drawn.ts';

function storedDocument(): Uint8Array {
  const doc = new Y.Doc();
  createDocument(doc, { template: 'roles-working-session' });
  return Y.encodeStateAsUpdate(doc);
}

describe('when the document page takes the first screen’s place', () => {
  test('not while the view still lags the relay’s copy, which the session already counts as open', () => {
    const doc = new Y.Doc();
    const reader = new DocumentViewReader(doc);
    const before = reader.read();
    expect(liveDocumentDrawn(doc, true, before)).toBe(false);
    Y.applyUpdate(doc, storedDocument());
    // The session is open, the view is next frame's.
    expect(liveDocumentDrawn(doc, false, before)).toBe(false);
    reader.catchUp();
    const caughtUp = reader.read();
    expect(caughtUp.sections.length).toBeGreaterThan(0);
    expect(liveDocumentDrawn(doc, false, caughtUp)).toBe(true);
  });

  test('at once for an open document with no sections, or with none the page can read', () => {
    const empty = new Y.Doc();
    expect(liveDocumentDrawn(empty, false, new DocumentViewReader(empty).read())).toBe(true);

    const unreadable = new Y.Doc();
    sectionsArray(unreadable).push([new Y.Map([['kind', 'from-a-newer-version']])]);
    const view = new DocumentViewReader(unreadable).read();
    expect(view.sections).toHaveLength(0);
    expect(view.problems.some((problem) => problem.path.startsWith('sections'))).toBe(true);
    expect(liveDocumentDrawn(unreadable, false, view)).toBe(true);
  });
});
