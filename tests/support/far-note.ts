import * as Y from 'yjs';
import { addNoteSection, noteFragment } from '../../core/schema/index.ts';
import { connectStockClient, type StockClient } from './sync-clients.ts';
import type { BrowserScene } from './browser-scene.ts';
import { createDocumentIn } from './test-server.ts';

const FILLER =
  'A paragraph long enough to take up some room on the page, so that the notes after it start well below the window. '.repeat(
    4,
  );

/**
 * A document whose last note, "Far note" (holding "Far text."), starts far below the window: eight
 * long notes come first. Written by a stock client, which the test keeps to edit it further.
 */
export async function documentWithFarNote(
  scene: BrowserScene,
): Promise<{ id: string; other: StockClient; farId: string }> {
  const id = await createDocumentIn(scene.server.url, scene.workspace, {
    title: 'Long notes',
    template: 'barriers',
  });
  const other = connectStockClient(scene.server.url, id, scene.workspace.tokens.editor);
  await other.synced;
  let farId = '';
  other.doc.transact(() => {
    for (let n = 1; n <= 8; n++)
      addNoteSection(other.doc, {
        title: `Filler ${n}`,
        blocks: Array.from({ length: 6 }, () => ({
          type: 'paragraph' as const,
          content: [{ text: FILLER }],
        })),
      });
    farId = addNoteSection(other.doc, {
      title: 'Far note',
      blocks: [{ type: 'paragraph', content: [{ text: 'Far text.' }] }],
    });
  });
  return { id, other, farId };
}

/** Inserts `text` at the start of the far note's first paragraph, as another person typing there. */
export function typeIntoFarNote(doc: Y.Doc, farId: string, text: string): void {
  const fragment = noteFragment(doc, farId)!;
  doc.transact(() => (fragment.get(0) as Y.XmlElement).insert(0, [new Y.XmlText(text)]));
}
