import { describe, expect, test } from 'vitest';
import {
  addNoteSection,
  addTableSection,
  type DocumentView,
  type NoteBlock,
} from '../../../core/schema/index.ts';
import { exportMarkdown } from '../../../core/export/index.ts';
import { buildDocument, mustAddRow } from './build-document.ts';

function noteMarkdown(blocks: NoteBlock[]): string {
  const markdown = exportMarkdown(
    buildDocument('Doc', (doc) => addNoteSection(doc, { title: 'Notes', blocks })),
  );
  return markdown.slice(markdown.indexOf('## Notes\n\n') + '## Notes\n\n'.length).trimEnd();
}

const paragraph = (text: string): NoteBlock => ({ type: 'paragraph', content: [{ text }] });

describe('document outline', () => {
  test('the title is the one # heading and each section a ## heading, in order', () => {
    const view = buildDocument('Fall working session', (doc) => {
      addNoteSection(doc, { title: 'Agenda', blocks: [paragraph('Welcome')] });
      addTableSection(doc, {
        title: 'Next steps',
        columns: [{ id: 'task', kind: 'text', title: 'Task' }],
      });
    });
    expect(exportMarkdown(view)).toBe(
      '# Fall working session\n\n## Agenda\n\nWelcome\n\n## Next steps\n\n| Task |\n| --- |\n',
    );
  });

  test('a note heading sits below its section heading', () => {
    const blocks: NoteBlock[] = [
      { type: 'heading', level: 1, content: [{ text: 'Goals' }] },
      { type: 'heading', level: 3, content: [{ text: 'Details' }] },
    ];
    expect(noteMarkdown(blocks)).toBe('### Goals\n\n##### Details');
  });

  test('an untitled document and section still get readable headings', () => {
    const view = buildDocument('  ', (doc) => addNoteSection(doc, { title: '' }));
    expect(exportMarkdown(view)).toBe('# Untitled document\n\n## Untitled section\n');
  });

  test('a section from a newer build is named with a notice instead of vanishing', () => {
    const view: DocumentView = {
      meta: { title: 'Doc', template: null, schemaVersion: 2, createdAt: null },
      sections: [{ id: 's1', kind: 'unknown', title: 'Signatures' }],
    };
    expect(exportMarkdown(view)).toContain(
      '## Signatures\n\n*This section was made with a newer version of Pathways',
    );
  });
});

describe('note formatting', () => {
  test('bold, italic, strike, code and links are written as Markdown marks', () => {
    const markdown = noteMarkdown([
      {
        type: 'paragraph',
        content: [
          { text: 'Call ', bold: true },
          { text: 'today', bold: true, italic: true },
          { text: ', not ' },
          { text: 'tomorrow', strike: true },
          { text: '; see ' },
          { text: 'the form', link: 'https://example.org/referral-form' },
          { text: ' or run ' },
          { text: 'npm start', code: true },
        ],
      },
    ]);
    expect(markdown).toBe(
      '**Call *today***, not ~~tomorrow~~; see [the form](https://example.org/referral-form) or run `npm start`',
    );
  });

  test('spaces at the edge of a bold run move outside the asterisks so it stays bold', () => {
    expect(
      noteMarkdown([
        {
          type: 'paragraph',
          content: [{ text: 'a' }, { text: ' bold ', bold: true }, { text: 'b' }],
        },
      ]),
    ).toBe('a **bold** b');
  });

  test('a line break inside a paragraph is a hard break', () => {
    expect(noteMarkdown([paragraph('first line\nsecond line')])).toBe('first line\\\nsecond line');
  });

  test('a code span containing backticks gets a longer fence', () => {
    expect(noteMarkdown([{ type: 'paragraph', content: [{ text: 'a `tick`', code: true }] }])).toBe(
      '`` a `tick` ``',
    );
  });

  test('a link that is not http(s) or mailto is written as its text only', () => {
    const markdown = noteMarkdown([
      {
        type: 'paragraph',
        content: [
          { text: 'click me', link: 'javascript:alert(1)' },
          { text: ' and ' },
          { text: 'mail us', link: 'mailto:team@example.org' },
        ],
      },
    ]);
    expect(markdown).toBe('click me and [mail us](mailto:team@example.org)');
  });

  test('parentheses in a link target are encoded so the link does not end early', () => {
    expect(
      noteMarkdown([
        {
          type: 'paragraph',
          content: [{ text: 'wiki', link: 'https://en.wikipedia.org/wiki/Referral_(medicine)' }],
        },
      ]),
    ).toBe('[wiki](https://en.wikipedia.org/wiki/Referral_%28medicine%29)');
  });
});

describe('note blocks', () => {
  test('nested bullet and numbered lists are indented under their item', () => {
    const markdown = noteMarkdown([
      {
        type: 'bulletList',
        items: [
          [
            paragraph('Schools'),
            { type: 'orderedList', items: [[paragraph('Elementary')], [paragraph('Middle')]] },
          ],
          [paragraph('Providers')],
        ],
      },
    ]);
    expect(markdown).toBe('- Schools\n  1. Elementary\n  2. Middle\n- Providers');
  });

  test('items past the ninth are indented to their wider marker', () => {
    const items = Array.from({ length: 10 }, (_, index) => [
      paragraph(`Step ${index + 1}`),
      { type: 'bulletList', items: [[paragraph('detail')]] } as NoteBlock,
    ]);
    const markdown = noteMarkdown([{ type: 'orderedList', items }]);
    expect(markdown).toContain('9. Step 9\n   - detail\n10. Step 10\n    - detail');
  });

  test('two lists of the same kind in a row stay two lists', () => {
    const list: NoteBlock = { type: 'bulletList', items: [[paragraph('one')]] };
    expect(noteMarkdown([list, list])).toBe('- one\n\n<!-- -->\n\n- one');
  });

  test('a blockquote prefixes every line, blank lines included', () => {
    expect(
      noteMarkdown([
        { type: 'blockquote', blocks: [paragraph('Said one'), paragraph('Said two')] },
      ]),
    ).toBe('> Said one\n>\n> Said two');
  });

  test('a horizontal rule and empty paragraphs are written as a rule and nothing', () => {
    expect(
      noteMarkdown([
        paragraph('above'),
        paragraph(''),
        { type: 'horizontalRule' },
        paragraph('below'),
      ]),
    ).toBe('above\n\n---\n\nbelow');
  });
});

describe('escaping what people type', () => {
  test('asterisks, underscores, backticks and brackets in text are not formatting', () => {
    expect(
      noteMarkdown([paragraph('*not emphasis* and snake_case_name and `x` and [not a link](x)')]),
    ).toBe('\\*not emphasis\\* and snake\\_case\\_name and \\`x\\` and \\[not a link\\](x)');
  });

  test('text that would start a heading, quote, list or rule at the start of a line is escaped', () => {
    expect(noteMarkdown([paragraph('# not a heading')])).toBe('\\# not a heading');
    expect(noteMarkdown([paragraph('> not a quote')])).toBe('\\> not a quote');
    expect(
      noteMarkdown([paragraph('- not a bullet\n+ nor this\n1. not numbered\n2) either')]),
    ).toBe('\\- not a bullet\\\n\\+ nor this\\\n1\\. not numbered\\\n2\\) either');
    expect(noteMarkdown([paragraph('title\n===')])).toBe('title\\\n\\===');
  });

  test('the same characters mid-line are left alone', () => {
    expect(noteMarkdown([paragraph('Grades 1. through 5 - and #3 > #2 = true')])).toBe(
      'Grades 1. through 5 - and #3 > #2 = true',
    );
  });

  test('HTML in text is shown, not rendered', () => {
    expect(noteMarkdown([paragraph('<script>alert(1)</script> &amp;')])).toBe(
      '\\<script>alert(1)\\</script> \\&amp;',
    );
  });

  test('leading spaces do not turn a line into a code block', () => {
    expect(noteMarkdown([paragraph('    indented')])).toBe('indented');
  });

  test('a title ending in # keeps its #', () => {
    const markdown = exportMarkdown(
      buildDocument('Working session #', (doc) => addNoteSection(doc, { title: 'C# and F#' })),
    );
    expect(markdown).toBe('# Working session \\#\n\n## C\\# and F\\#\n');
  });
});

describe('tables', () => {
  const view = buildDocument('Doc', (doc) => {
    const id = addTableSection(doc, {
      title: 'Next steps',
      description: 'Who does what by when?\nBe specific.\n\nReview monthly.',
      columns: [
        { id: 'task', kind: 'text', title: 'Task | step' },
        { id: 'minutes', kind: 'minutes', title: 'Time' },
        { id: 'done', kind: 'checkbox', title: 'Done' },
      ],
    });
    mustAddRow(doc, id, {
      values: { task: 'Send the a|b list\nthen call', minutes: 15, done: true },
    });
    mustAddRow(doc, id, { values: { task: '*urgent* <b>' } });
  });
  const markdown = exportMarkdown(view);

  test('a table is a GFM table with a header row and numeric columns aligned right', () => {
    expect(markdown).toContain('| Task \\| step | Time | Done |\n| --- | --: | --- |\n');
  });

  test('a pipe in a cell is escaped and a newline becomes <br>', () => {
    expect(markdown).toContain('| Send the a\\|b list<br>then call | 15 min | Yes |\n');
  });

  test('formatting characters and HTML in a cell are escaped', () => {
    expect(markdown).toContain('| \\*urgent\\* \\<b> |  |  |\n');
  });

  test('the description comes before the table as paragraphs', () => {
    expect(markdown).toContain(
      '## Next steps\n\nWho does what by when?\\\nBe specific.\n\nReview monthly.\n\n| Task',
    );
  });
});
