import { describe, expect, test } from 'vitest';
import { addNoteSection, addTableSection } from '../../../core/schema/index.ts';
import { renderFirstScreen } from '../../../core/export/index.ts';
import { buildDocument, mustAddRow } from './build-document.ts';

const HOSTILE = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">"'&`;

describe('the first screen of a document', () => {
  test('shows the title and only the first sections', () => {
    const view = buildDocument('Roles and next steps', (doc) => {
      for (const title of ['One', 'Two', 'Three', 'Four'])
        addNoteSection(doc, {
          title,
          blocks: [{ type: 'paragraph', content: [{ text: `${title} text` }] }],
        });
    });
    const html = renderFirstScreen(view, { sections: 3, rows: 10 });
    expect(html).toContain('<h1>Roles and next steps</h1>');
    expect(html).toContain('Three text');
    expect(html).not.toContain('Four');
  });

  test("cuts a long table to its first rows, keeping the rows' order", () => {
    const view = buildDocument('Data review', (doc) => {
      const table = addTableSection(doc, {
        title: 'Metrics',
        columns: [{ id: 'period', kind: 'text', title: 'Period' }],
      });
      for (let i = 1; i <= 30; i++) mustAddRow(doc, table, { values: { period: `period ${i}.` } });
    });
    const html = renderFirstScreen(view, { sections: 3, rows: 5 });
    expect(html).toContain('period 1.');
    expect(html).toContain('period 5.');
    expect(html).not.toContain('period 6.');
    expect(html.indexOf('period 1.')).toBeLessThan(html.indexOf('period 5.'));
  });

  test('escapes every piece of user text: title, section titles, notes, column titles and cells', () => {
    const view = buildDocument(HOSTILE, (doc) => {
      addNoteSection(doc, {
        title: HOSTILE,
        blocks: [
          {
            type: 'paragraph',
            content: [{ text: HOSTILE, link: 'javascript:window.__pwned = 3' }],
          },
        ],
      });
      const table = addTableSection(doc, {
        title: HOSTILE,
        description: HOSTILE,
        columns: [{ id: 'c', kind: 'text', title: HOSTILE }],
      });
      mustAddRow(doc, table, { values: { c: HOSTILE } });
    });
    const html = renderFirstScreen(view);
    expect(html).not.toMatch(/<script|<img|href="javascript:|<[^>]*\son\w+=/i);
    expect(html).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(html).toContain('&quot;&#39;&amp;');
  });

  test('uses heading ids of its own, so the live page beside it keeps its ids unique', () => {
    const view = buildDocument('Notes', (doc) =>
      addNoteSection(doc, { title: 'About', id: 'about' }),
    );
    expect(renderFirstScreen(view)).toContain('id="first-screen-section-1"');
    expect(renderFirstScreen(view)).not.toContain('id="section-');
  });
});
