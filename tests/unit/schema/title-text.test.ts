import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  ensureTitleText,
  initializeDocument,
  mirrorTitle,
  readMeta,
  titleTextOf,
  writeTitle,
} from '../../../core/schema/index.ts';

describe('the title as shared text (schema 3)', () => {
  test('two people typing in the title at once both keep their letters, and older builds read it too', () => {
    const a = new Y.Doc();
    initializeDocument(a, { title: 'Fall review', template: null }, () => {});
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    a.transact(() => {
      ensureTitleText(a).insert(0, 'District ');
      mirrorTitle(a);
    });
    b.transact(() => {
      ensureTitleText(b).insert(11, ' 2025');
      mirrorTitle(b);
    });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) expect(readMeta(doc).value.title).toBe('District Fall review 2025');
    // The plain title an older build reads is one person's last write; the next edit mirrors the whole.
    writeTitle(a, 'District Fall review 2025!');
    expect(a.getMap('meta').get('title')).toBe('District Fall review 2025!');
  });

  test('a document an older build made gets its title text from the plain title on the first edit', () => {
    const doc = new Y.Doc();
    const meta = doc.getMap('meta');
    meta.set('title', 'Kickoff');
    meta.set('schemaVersion', 2);
    expect(titleTextOf(doc)).toBeNull();
    expect(readMeta(doc).value.title).toBe('Kickoff');
    writeTitle(doc, 'Kickoff notes');
    expect(titleTextOf(doc)?.toString()).toBe('Kickoff notes');
    expect(readMeta(doc).value.title).toBe('Kickoff notes');
    expect(meta.get('title')).toBe('Kickoff notes');
  });
});
