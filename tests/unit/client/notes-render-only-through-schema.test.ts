import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { DOMSerializer } from '@tiptap/pm/model';
import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { exportHtmlBody } from '../../../core/export/html.ts';
import { exportMarkdown } from '../../../core/export/markdown.ts';
import { initializeDocument, readDocument, readNote } from '../../../core/schema/index.ts';
import { addNoteSection, noteFragment } from '../../../core/schema/note.ts';
import { noteSchema } from '../../../client/editor/note-schema.ts';
import { noteToProseMirror, renderNote } from '../../../client/editor/render-note.ts';
import { SectionSlide } from '../../../client/facilitation/section-slide.tsx';

/**
 * Issue 14: a note's Y.XmlFragment may come from a hostile editor. Whatever its structure, every
 * renderer of notes (the static note, the editor's own conversion, the projector, the print page
 * and version preview through the HTML export, the Markdown export) puts out only the schema's
 * elements and attributes, and links only to web pages and e-mail addresses.
 */

// Random rich text, as a hostile client could store it.

type XmlNode =
  | { text: string; formats: [string, unknown][] }
  | { element: string; attributes: [string, unknown][]; children: XmlNode[] };

const SCHEMA_ELEMENTS = [
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'blockquote',
  'horizontalRule',
  'hardBreak',
];
const elementName = fc.constantFrom(
  ...SCHEMA_ELEMENTS,
  'codeBlock',
  'text',
  'doc',
  'img',
  'script',
  'iframe',
  'svg',
  'a',
  'style',
  'object',
  'div',
  'link',
);
const hostileValue = fc.constantFrom<unknown>(
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'java\nscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'https://example.org/',
  'mailto:someone@example.org',
  'x',
  '" onmouseover="alert(1)',
  '<img src=x onerror=alert(1)>',
  'color:red;background:url(javascript:alert(1))',
  1,
  3,
  true,
  null,
  {},
);
const attributeName = fc.constantFrom(
  'onerror',
  'onclick',
  'onload',
  'style',
  'href',
  'src',
  'class',
  'id',
  'level',
  'start',
  'type',
  'language',
  'srcdoc',
  'xlink:href',
);
const linkValue = fc.oneof(
  fc.record({ href: hostileValue }),
  fc.record(
    {
      href: hostileValue,
      onclick: hostileValue,
      class: hostileValue,
      rel: hostileValue,
      target: hostileValue,
      style: hostileValue,
    },
    { requiredKeys: ['href'] },
  ),
  hostileValue,
);
const format = fc.oneof(
  fc.tuple(
    fc.constantFrom(
      'bold',
      'italic',
      'strike',
      'code',
      'underline',
      'onclick',
      'style',
      'img',
      'script',
    ),
    fc.constantFrom<unknown>({}, true, 'x'),
  ),
  fc.tuple(fc.constant('link'), linkValue),
);
const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '"><svg onload=alert(1)>',
    '[x](javascript:alert(1))',
    'plain words',
  ),
);

const xmlNode: fc.Arbitrary<XmlNode> = fc.letrec<{ node: XmlNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ text, formats: fc.array(format, { maxLength: 3 }) }),
    fc.record({
      element: elementName,
      attributes: fc.array(fc.tuple(attributeName, hostileValue), { maxLength: 3 }),
      children: fc.array(tie('node'), { maxLength: 3 }),
    }),
  ),
})).node;

/** Notes the schema can hold, with hostile attributes and links in them: what reaches the editor itself. */
const knownFormat = fc.oneof(
  fc.tuple(
    fc.constantFrom('bold', 'italic', 'strike', 'code', 'underline'),
    fc.constant<unknown>({}),
  ),
  fc.tuple(fc.constant('link'), linkValue),
);
const hostileAttributes = fc.array(fc.tuple(attributeName, hostileValue), { maxLength: 2 });
const inlineText = fc.array(fc.record({ text, formats: fc.array(knownFormat, { maxLength: 2 }) }), {
  maxLength: 3,
});
const wellFormedBlock: fc.Arbitrary<XmlNode> = fc.letrec<{ block: XmlNode }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      element: fc.constantFrom('paragraph', 'heading'),
      attributes: hostileAttributes,
      children: inlineText,
    }),
    fc.record({
      element: fc.constantFrom('bulletList', 'orderedList'),
      attributes: hostileAttributes,
      children: fc.array(
        fc.record({
          element: fc.constant('listItem'),
          attributes: hostileAttributes,
          children: fc
            .tuple(
              fc.record({
                element: fc.constant('paragraph'),
                attributes: hostileAttributes,
                children: inlineText,
              }),
            )
            .map((blocks): XmlNode[] => blocks),
        }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
    fc.record({
      element: fc.constant('blockquote'),
      attributes: hostileAttributes,
      children: fc.array(tie('block'), { minLength: 1, maxLength: 2 }),
    }),
    fc.record({
      element: fc.constant('horizontalRule'),
      attributes: hostileAttributes,
      children: fc.constant<XmlNode[]>([]),
    }),
  ),
})).block;

/** Half the runs are notes the schema can hold (with hostile attributes), half anything at all. */
const fragmentContent = fc.oneof(
  fc.array(wellFormedBlock, { minLength: 1, maxLength: 3 }),
  fc.array(xmlNode, { minLength: 1, maxLength: 4 }),
);

function build(node: XmlNode): Y.XmlText | Y.XmlElement {
  if ('text' in node) {
    const xmlText = new Y.XmlText();
    xmlText.applyDelta([
      { insert: node.text === '' ? 'x' : node.text, attributes: Object.fromEntries(node.formats) },
    ]);
    return xmlText;
  }
  const element = new Y.XmlElement(node.element);
  for (const [name, value] of node.attributes) element.setAttribute(name, value as string);
  element.insert(0, node.children.map(build));
  return element;
}

/** A document with one note holding these nodes, delivered as a peer would deliver it: as an update. */
function documentWith(nodes: readonly XmlNode[]): { doc: Y.Doc; sectionId: string } {
  const source = new Y.Doc();
  let sectionId = '';
  initializeDocument(source, { title: 'Session', template: null }, (doc) => {
    sectionId = addNoteSection(doc, { title: 'Notes' });
  });
  source.transact(() => noteFragment(source, sectionId)!.insert(0, nodes.map(build)));
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  return { doc, sectionId };
}

/** Whether the generated note holds anything the note schema does not have (so the reader must report it). */
function outsideSchema(nodes: readonly XmlNode[], atTop: boolean): boolean {
  return nodes.some((node) => {
    // Formats are applied as one attribute map, so a later format of the same name replaces an earlier one.
    if ('text' in node)
      return (
        atTop ||
        Object.entries(Object.fromEntries(node.formats)).some(
          ([name, value]) =>
            !['bold', 'italic', 'strike', 'code', 'underline', 'link'].includes(name) ||
            (name === 'link' &&
              value !== null &&
              typeof value === 'object' &&
              Object.keys(value).some(
                (key) => !['href', 'target', 'rel', 'class', 'title'].includes(key),
              )),
        )
      );
    const allowed: Record<string, string[]> = {
      heading: ['level'],
      orderedList: ['start', 'type'],
    };
    if (!SCHEMA_ELEMENTS.includes(node.element)) return true;
    if (node.attributes.some(([name]) => !(allowed[node.element] ?? []).includes(name)))
      return true;
    return outsideSchema(node.children, false);
  });
}

// What may come out.

const DOM_ELEMENTS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'hr',
  'br',
  'strong',
  'em',
  's',
  'u',
  'code',
  'pre',
  'a',
]);
/** The attributes the note schema renders: a link's (href, target, rel, class, title), a list's start and type, a code block's language class. */
const DOM_ATTRIBUTES = new Set(['href', 'target', 'rel', 'class', 'title', 'start', 'type']);

/** A stand-in `document` that records every element and attribute ProseMirror's serializer or our code creates. */
class RecordingDocument {
  readonly created: { tag: string; attributes: Map<string, string> }[] = [];
  createElement(tag: string) {
    const attributes = new Map<string, string>();
    this.created.push({ tag: tag.toLowerCase(), attributes });
    return Object.assign(new RecordingNode(1), {
      setAttribute: (name: string, value: unknown) =>
        attributes.set(name.toLowerCase(), String(value)),
    });
  }
  createElementNS(namespace: string, tag: string) {
    return this.createElement(`${namespace}:${tag}`);
  }
  createTextNode(text: string) {
    return Object.assign(new RecordingNode(3), { textContent: text });
  }
  createDocumentFragment() {
    return new RecordingNode(11);
  }
}

class RecordingNode {
  readonly childNodes: RecordingNode[] = [];
  constructor(readonly nodeType: number) {}
  appendChild(child: RecordingNode): RecordingNode {
    this.childNodes.push(child);
    return child;
  }
  setAttributeNS(namespace: string, name: string): void {
    throw new Error(`namespaced attribute ${namespace} ${name}`);
  }
}

function expectOnlySchemaDom(recorded: RecordingDocument, where: string): void {
  for (const { tag, attributes } of recorded.created) {
    expect(DOM_ELEMENTS.has(tag), `${where}: element <${tag}>`).toBe(true);
    for (const [name, value] of attributes) {
      expect(DOM_ATTRIBUTES.has(name), `${where}: attribute ${name}="${value}" on <${tag}>`).toBe(
        true,
      );
      // Tiptap renders a link it refuses with an empty href.
      if (name === 'href') expect(value, `${where}: href`).toMatch(/^(?:$|https?:\/\/|mailto:)/i);
    }
  }
}

/** Tags and attributes of well-formed HTML (what our exporter and React write), and the text between them. */
function parseHtml(html: string): {
  tags: { tag: string; attributes: [string, string][] }[];
  text: string;
} {
  const tags: { tag: string; attributes: [string, string][] }[] = [];
  const text = html.replace(
    /<\/?([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>"']+(?:="[^"]*")?)*)\s*\/?>/g,
    (_match, tag: string, rest: string) => {
      const attributes = [...rest.matchAll(/\s+([^\s=>"']+)(?:="([^"]*)")?/g)].map(
        (match) => [match[1]!.toLowerCase(), match[2] ?? ''] as [string, string],
      );
      tags.push({ tag: tag.toLowerCase(), attributes });
      return '';
    },
  );
  return { tags, text };
}

function expectOnlyHtml(
  html: string,
  elements: ReadonlySet<string>,
  attributeNames: ReadonlySet<string>,
  where: string,
): void {
  const { tags, text } = parseHtml(html);
  // Everything that looks like markup was matched as one of our tags: no other "<" is left.
  expect(text, `${where}: unescaped markup`).not.toMatch(/[<>]/);
  for (const { tag, attributes } of tags) {
    expect(elements.has(tag), `${where}: element <${tag}>`).toBe(true);
    for (const [name, value] of attributes) {
      expect(attributeNames.has(name), `${where}: attribute ${name} on <${tag}>`).toBe(true);
      if (name === 'href') expect(value, `${where}: href`).toMatch(/^(?:https?:\/\/|mailto:)/i);
    }
  }
}

const EXPORT_ELEMENTS = new Set([
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'section',
  'p',
  'br',
  'ul',
  'ol',
  'li',
  'blockquote',
  'hr',
  'strong',
  'em',
  's',
  'code',
  'a',
]);
const EXPORT_ATTRIBUTES = new Set(['aria-labelledby', 'id', 'href', 'class']);
const SLIDE_ELEMENTS = new Set([
  'article',
  'h2',
  'h3',
  'h4',
  'p',
  'span',
  'ul',
  'ol',
  'li',
  'blockquote',
  'hr',
  'strong',
  'em',
  's',
  'code',
]);
const SLIDE_ATTRIBUTES = new Set(['class', 'aria-labelledby', 'id', 'start']);

const RUNS = { numRuns: 300 };

describe('a note of any structure renders only through the schema', () => {
  test('the static note shows only schema elements and attributes, and never writes to the document', () => {
    fc.assert(
      fc.property(fragmentContent, (nodes) => {
        const { doc, sectionId } = documentWith(nodes);
        const before = Y.encodeStateVector(doc);
        const recorded = new RecordingDocument();
        renderNote(noteFragment(doc, sectionId)!, noteSchema(), recorded as unknown as Document);
        expectOnlySchemaDom(recorded, 'static note');
        expect(Y.encodeStateVector(doc)).toEqual(before);
      }),
      RUNS,
    );
  });

  test('the editor starts only on a note y-tiptap converts without writing, and what it shows is schema only', () => {
    fc.assert(
      fc.property(fragmentContent, (nodes) => {
        const { doc, sectionId } = documentWith(nodes);
        const fragment = noteFragment(doc, sectionId)!;
        const fits = noteToProseMirror(fragment, noteSchema()) !== null;
        const before = Y.encodeStateAsUpdate(doc);
        let converted: ReturnType<typeof yXmlFragmentToProseMirrorRootNode> | null = null;
        try {
          converted = yXmlFragmentToProseMirrorRootNode(fragment, noteSchema());
        } catch {
          converted = null;
        }
        const unchanged = Buffer.from(Y.encodeStateAsUpdate(doc)).equals(Buffer.from(before));
        // Where the note fits, the editor's own conversion works and changes nothing in anyone's copy.
        if (fits)
          expect({ converted: converted !== null, unchanged }).toEqual({
            converted: true,
            unchanged: true,
          });
        // And what the editor then shows (y-tiptap's document, through the schema's serializer) holds only schema elements and attributes.
        if (fits && converted !== null) {
          const recorded = new RecordingDocument();
          DOMSerializer.fromSchema(noteSchema()).serializeFragment(converted.content, {
            document: recorded as unknown as Document,
          });
          expectOnlySchemaDom(recorded, 'editor');
        }
      }),
      RUNS,
    );
  });

  test('the reader reports whatever is outside the note schema', () => {
    fc.assert(
      fc.property(fragmentContent, (nodes) => {
        const { doc, sectionId } = documentWith(nodes);
        const read = readNote(doc, sectionId)!;
        if (outsideSchema(nodes, true)) expect(read.problems.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  test('the HTML export (print page, version preview), the projector and the Markdown export put out only their own markup', () => {
    fc.assert(
      fc.property(fragmentContent, (nodes) => {
        const { doc } = documentWith(nodes);
        const view = readDocument(doc).value;
        expectOnlyHtml(exportHtmlBody(view), EXPORT_ELEMENTS, EXPORT_ATTRIBUTES, 'html export');
        const slide = renderToStaticMarkup(
          createElement(SectionSlide, { section: view.sections[0]!, headingId: 'slide' }),
        );
        expectOnlyHtml(slide, SLIDE_ELEMENTS, SLIDE_ATTRIBUTES, 'projector');

        const markdown = exportMarkdown(view);
        // No raw HTML: every "<" outside a code span is escaped, except the comment that separates two lists.
        const outsideCode = markdown.replace(/(?<!\\)(`+)[^`][\s\S]*?(?<!`)\1(?!`)/g, '');
        expect(outsideCode.replace(/<!-- -->/g, '').replace(/\\</g, '')).not.toContain('<');
        // Every link goes to a web page or an e-mail address.
        for (const match of outsideCode.matchAll(/(?<!\\)\]\(([^)]*)\)/g))
          expect(match[1]).toMatch(/^(?:https?:\/\/|mailto:)/i);
      }),
      RUNS,
    );
  });
});

describe('the note from issue 14', () => {
  /** A bare text node, then `<img src=x onerror=…>`, and a javascript: link: what a hostile editor stored. */
  const hostile: XmlNode[] = [
    { text: 'Agenda for Tuesday', formats: [['link', { href: 'javascript:alert(1)' }]] },
    {
      element: 'img',
      attributes: [
        ['src', 'x'],
        ['onerror', 'window.__pwned=1'],
      ],
      children: [],
    },
  ];

  test('renders as plain text from text nodes, and the reader reports it', () => {
    const { doc, sectionId } = documentWith(hostile);
    const recorded = new RecordingDocument();
    const out = renderNote(
      noteFragment(doc, sectionId)!,
      noteSchema(),
      recorded as unknown as Document,
    ) as unknown as RecordingNode;
    expect(recorded.created.map((element) => element.tag)).toEqual(['p', 'p']);
    expect(JSON.stringify(out)).toContain('Agenda for Tuesday');
    expect(noteToProseMirror(noteFragment(doc, sectionId)!, noteSchema())).toBeNull();
    const problems = readNote(doc, sectionId)!.problems.map((problem) => problem.code);
    expect(problems).toEqual(expect.arrayContaining(['wrong-type', 'unknown-kind']));
  });
});
