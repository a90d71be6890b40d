import { describe, expect, test } from 'vitest';
import { addNoteSection, addTableSection, type NoteBlock } from '../../../core/schema/index.ts';
import { exportHtml } from '../../../core/export/index.ts';
import { buildDocument, mustAddRow } from './build-document.ts';

const HOSTILE = `<script>alert("x")</script> & 'quoted'`;
const HOSTILE_ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;';

const paragraph = (text: string): NoteBlock => ({ type: 'paragraph', content: [{ text }] });

function body(html: string): string {
  return html.slice(html.indexOf('<body>'), html.indexOf('</body>'));
}

/** Every tag name in the markup: what a browser would build elements from. */
function tagNames(html: string): Set<string> {
  return new Set(
    [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((match) => match[1]!.toLowerCase()),
  );
}

const hostileView = buildDocument(HOSTILE, (doc) => {
  addNoteSection(doc, {
    title: HOSTILE,
    blocks: [
      { type: 'paragraph', content: [{ text: HOSTILE, bold: true }] },
      {
        type: 'paragraph',
        content: [
          { text: 'run me', link: 'javascript:alert(document.cookie)' },
          { text: ' ' },
          { text: 'tab trick', link: 'java\tscript:alert(1)' },
          { text: ' ' },
          { text: 'break out', link: 'https://example.org/?q="><script>alert(1)</script>' },
        ],
      },
    ],
  });
  const table = addTableSection(doc, {
    title: 'Table',
    columns: [{ id: 'c', kind: 'text', title: HOSTILE }],
  });
  mustAddRow(doc, table, { values: { c: `${HOSTILE}\n<img src=x onerror=alert(1)>` } });
});
const hostileHtml = exportHtml(hostileView);

describe('a standalone page', () => {
  test('is a complete HTML5 document in English with a charset and the title', () => {
    const html = exportHtml(buildDocument('Fall working session'));
    expect(
      html.startsWith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">'),
    ).toBe(true);
    expect(html).toContain('<title>Fall working session</title>');
    expect(html).toContain('<h1>Fall working session</h1>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  test('loads nothing from elsewhere: no scripts, links to stylesheets, images or frames', () => {
    expect([...tagNames(hostileHtml)].sort()).toEqual(
      [
        'a',
        'body',
        'br',
        'div',
        'h1',
        'h2',
        'head',
        'html',
        'main',
        'meta',
        'p',
        'section',
        'strong',
        'style',
        'table',
        'tbody',
        'td',
        'th',
        'thead',
        'title',
        'tr',
      ].sort(),
    );
  });
});

describe('escaping', () => {
  test('a hostile title is escaped in the <title> and the heading', () => {
    expect(hostileHtml).toContain(`<title>${HOSTILE_ESCAPED}</title>`);
    expect(hostileHtml).toContain(`<h1>${HOSTILE_ESCAPED}</h1>`);
  });

  test('hostile note text, column titles and cells are escaped, and a cell keeps its line breaks', () => {
    expect(hostileHtml).toContain(`<p><strong>${HOSTILE_ESCAPED}</strong></p>`);
    expect(hostileHtml).toContain(`<th scope="col">${HOSTILE_ESCAPED}</th>`);
    expect(hostileHtml).toContain(
      `<td>${HOSTILE_ESCAPED}<br>&lt;img src=x onerror=alert(1)&gt;</td>`,
    );
    expect(body(hostileHtml)).not.toMatch(/<script|<img/i);
  });

  test('a javascript: link, even disguised with a tab, is shown as plain text', () => {
    expect(hostileHtml).toContain('<p>run me tab trick ');
    expect(hostileHtml).not.toMatch(/href="\s*java/i);
  });

  test('quotes in a web link cannot break out of the href', () => {
    expect(hostileHtml).toContain(
      '<a href="https://example.org/?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">break out</a>',
    );
  });
});

describe('notes', () => {
  const html = exportHtml(
    buildDocument('Doc', (doc) =>
      addNoteSection(doc, {
        title: 'Agenda',
        blocks: [
          { type: 'heading', level: 1, content: [{ text: 'Goals' }] },
          {
            type: 'paragraph',
            content: [
              { text: 'Call ' },
              { text: 'today', bold: true, italic: true },
              { text: ', ' },
              { text: 'old', strike: true },
              { text: ' ' },
              { text: 'x', code: true },
              { text: ' ' },
              { text: 'mail', link: 'mailto:a@example.org' },
            ],
          },
          {
            type: 'bulletList',
            items: [[paragraph('one'), { type: 'orderedList', items: [[paragraph('a')]] }]],
          },
          { type: 'blockquote', blocks: [paragraph('line 1\nline 2')] },
          { type: 'horizontalRule' },
        ],
      }),
    ),
  );

  test('note headings sit below the section heading', () => {
    expect(html).toContain('<h2 id="section-1">Agenda</h2>\n<h3>Goals</h3>');
  });

  test('marks become semantic elements and mailto links stay links', () => {
    expect(html).toContain(
      '<p>Call <strong><em>today</em></strong>, <s>old</s> <code>x</code> <a href="mailto:a@example.org">mail</a></p>',
    );
  });

  test('lists nest, quotes keep line breaks, and rules are rules', () => {
    expect(html).toContain('<ul>\n<li><p>one</p>\n<ol>\n<li><p>a</p></li>\n</ol></li>\n</ul>');
    expect(html).toContain('<blockquote>\n<p>line 1<br>line 2</p>\n</blockquote>\n<hr>');
  });
});

describe('tables', () => {
  const html = exportHtml(
    buildDocument('Doc', (doc) => {
      const id = addTableSection(doc, {
        title: 'Data review',
        description: 'Monthly numbers.',
        columns: [
          { id: 'period', kind: 'text', title: 'Period' },
          { id: 'referred', kind: 'number', title: 'Referred' },
        ],
      });
      mustAddRow(doc, id, { values: { period: 'September', referred: 14 } });
      addTableSection(doc, { title: 'Empty', columns: [{ id: 'x', kind: 'text', title: 'X' }] });
    }),
  );

  test('a table has column headers with scope and is named by its section heading', () => {
    expect(html).toContain(
      '<h2 id="section-1">Data review</h2>\n<p class="description">Monthly numbers.</p>',
    );
    expect(html).toContain(
      '<table aria-labelledby="section-1">\n<thead><tr><th scope="col">Period</th><th scope="col" class="number">Referred</th></tr></thead>',
    );
    expect(html).toContain('<tr><td>September</td><td class="number">14</td></tr>');
  });

  test('a table with no rows says so', () => {
    expect(html).toContain('<td class="empty" colspan="1">No rows yet.</td>');
  });
});

describe('print stylesheet', () => {
  const html = exportHtml(buildDocument('Doc'));
  const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));

  test('prints on US Letter with 0.75in margins', () => {
    expect(style).toContain('@page { size: letter; margin: 0.75in; }');
  });

  test('repeats table headers on each page and keeps rows and headings together', () => {
    expect(style).toContain('thead { display: table-header-group; }');
    expect(style).toMatch(/tr \{[^}]*break-inside: avoid/);
    expect(style).toMatch(/h1, h2, h3, h4, h5 \{[^}]*break-after: avoid/);
  });

  test('prints black on white with ruled tables and point-sized text', () => {
    const print = style.slice(style.indexOf('@media print'));
    expect(print).toMatch(/body \{[^}]*font-size: 11pt;[^}]*color: #000; background: #fff;/);
    expect(print).toMatch(/th, td \{[^}]*border-color: #000/);
    expect(style).toMatch(/th, td \{[^}]*border: 1px solid/);
  });
});
