import { describe, expect, test } from 'vitest';
import { addNoteSection, addTableSection } from '../../../core/schema/index.ts';
import { findTable } from '../../../core/export/index.ts';
import { buildDocument } from './build-document.ts';

const view = buildDocument('Doc', (doc) => {
  addNoteSection(doc, { title: 'Intro', id: 'intro' });
  addTableSection(doc, { title: 'First', id: 'first', columns: [] });
  addTableSection(doc, { title: 'Second', id: 'second', columns: [] });
});

describe('choosing the table to export', () => {
  test('without a section id, the first table of the document', () => {
    expect(findTable(view)?.title).toBe('First');
  });

  test('with a section id, that table', () => {
    expect(findTable(view, 'second')?.title).toBe('Second');
  });

  test('an id that is not a table gives nothing rather than another table', () => {
    expect(findTable(view, 'intro')).toBeNull();
    expect(findTable(view, 'missing')).toBeNull();
  });

  test('a document without tables gives nothing', () => {
    expect(
      findTable(buildDocument('Notes only', (doc) => addNoteSection(doc, { title: 'Intro' }))),
    ).toBeNull();
  });
});
