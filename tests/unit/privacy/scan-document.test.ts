import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { scanDocument } from '../../../core/privacy/index.ts';
import { addRow, noteFragment, readDocument, writeNoteBlocks } from '../../../core/schema/index.ts';
import {
  createDocument,
  listTemplates,
  NEXT_STEPS_COLUMNS,
  NEXT_STEPS_SECTION_ID,
} from '../../../core/templates/index.ts';

const today = new Date(Date.UTC(2026, 10, 29));

function fromTemplate(id: string): Y.Doc {
  const doc = new Y.Doc();
  createDocument(doc, { template: id as never });
  return doc;
}

describe('scanning a document for student identifiers', () => {
  test.each(listTemplates().map((template) => template.id))(
    'a new %s document raises no hint',
    (id) => {
      expect(scanDocument(readDocument(fromTemplate(id)).value, today)).toEqual(new Map());
    },
  );

  test('hints are found per section, in notes and in table cells', () => {
    const doc = fromTemplate('barriers');
    writeNoteBlocks(noteFragment(doc, 'about')!, [
      {
        type: 'bulletList',
        items: [[{ type: 'paragraph', content: [{ text: 'Call (555) 201-4477 about it' }] }]],
      },
    ]);
    addRow(doc, NEXT_STEPS_SECTION_ID, {
      values: { [NEXT_STEPS_COLUMNS.task]: 'Follow up on student 20441787' },
    });
    const hints = scanDocument(readDocument(doc).value, today);
    expect([...hints.keys()].sort()).toEqual(['about', NEXT_STEPS_SECTION_ID].sort());
    expect(hints.get('about')?.map((hint) => hint.kind)).toEqual(['phone']);
    expect(hints.get(NEXT_STEPS_SECTION_ID)?.map((hint) => hint.text)).toEqual(['20441787']);
  });
});
