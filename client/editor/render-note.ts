import type { Mark, Node as ProseMirrorNode, Schema } from '@tiptap/pm/model';
import { DOMSerializer } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { inlineText, readNoteFragment, type NoteBlock } from '#core/schema/note';

/**
 * A note's rich text as DOM, without its editor, for the static rendering. Notes render only
 * through the schema: a fragment that is a ProseMirror document of the note schema renders with
 * the schema's own serializer (the editor's markup: only the schema's elements, only its
 * attributes, links through Tiptap's URL check). Anything else (text outside a paragraph, an
 * element the schema does not have) renders as plain text built from text nodes, read through
 * core's note reader. Nothing from the document is ever parsed as HTML (Yjs's `toDOM()` would
 * create the stored elements, attributes and handlers as they are), and nothing here writes to
 * the document (y-tiptap's own conversion deletes what it cannot convert, and throws on text
 * outside a paragraph).
 *
 * `document` is a parameter so a test can pass a recording one.
 */
export function renderNote(fragment: Y.XmlFragment, schema: Schema, document: Document): Node {
  const node = noteToProseMirror(fragment, schema);
  if (node !== null) {
    try {
      return serializerFor(schema).serializeFragment(node.content, { document });
    } catch {
      // An extension's renderHTML that fails on a value it did not expect: the text, as below.
    }
  }
  return renderPlainText(readNoteFragment(fragment, 'content', []), document);
}

const serializers = new WeakMap<Schema, DOMSerializer>();

function serializerFor(schema: Schema): DOMSerializer {
  let serializer = serializers.get(schema);
  if (serializer === undefined)
    serializers.set(schema, (serializer = DOMSerializer.fromSchema(schema)));
  return serializer;
}

/**
 * The fragment as a document of the schema, built as y-tiptap builds the editor's document, or
 * null where y-tiptap would fail: text outside a paragraph (it throws), an element, embed or
 * format the schema does not have (it deletes it from the shared document). The editor starts
 * only on a note for which this is not null. Never writes, never throws.
 */
export function noteToProseMirror(fragment: Y.XmlFragment, schema: Schema): ProseMirrorNode | null {
  try {
    const blocks = fragment.toArray().map((child) => {
      if (!(child instanceof Y.XmlElement)) throw new OutsideSchema();
      return toNode(child, schema);
    });
    return schema.topNodeType.create(null, blocks);
  } catch {
    return null;
  }
}

class OutsideSchema extends Error {}

function toNode(element: Y.XmlElement, schema: Schema): ProseMirrorNode {
  const type = schema.nodes[element.nodeName];
  if (type === undefined || type.isText || type === schema.topNodeType) throw new OutsideSchema();
  const children: ProseMirrorNode[] = [];
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlElement) children.push(toNode(child, schema));
    else if (child instanceof Y.XmlText) children.push(...toTextNodes(child, schema));
    else throw new OutsideSchema();
  }
  // Only the attributes the node type declares (ProseMirror drops the others too); content checked
  // against the schema as y-tiptap checks it (it deletes an element whose content does not fit).
  return type.createChecked(
    knownAttributes(
      element.getAttributes() as Record<string, unknown>,
      Object.keys(type.spec.attrs ?? {}),
    ),
    children,
  );
}

interface DeltaOp {
  insert?: unknown;
  attributes?: Record<string, unknown>;
}

function toTextNodes(text: Y.XmlText, schema: Schema): ProseMirrorNode[] {
  const nodes: ProseMirrorNode[] = [];
  for (const op of text.toDelta() as DeltaOp[]) {
    if (typeof op.insert !== 'string') throw new OutsideSchema();
    if (op.insert === '') continue;
    const marks: Mark[] = [];
    for (const [name, value] of Object.entries(op.attributes ?? {})) {
      // y-tiptap names overlapping marks `name--hash`.
      const type = schema.marks[name.split('--')[0]!];
      if (type === undefined) throw new OutsideSchema();
      const attributes =
        value !== null && typeof value === 'object'
          ? knownAttributes(value as Record<string, unknown>, Object.keys(type.spec.attrs ?? {}))
          : {};
      marks.push(type.create(attributes));
    }
    nodes.push(schema.text(op.insert, marks));
  }
  return nodes;
}

/**
 * The declared attributes among those given. Their values must be plain values, and a link's
 * target a string: extensions render them as they are, and Tiptap's link check throws on a
 * number (y-tiptap would hand it over anyway, and the editor would fail on it).
 */
function knownAttributes(
  given: Record<string, unknown>,
  declared: readonly string[],
): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const name of declared) {
    if (!Object.hasOwn(given, name)) continue;
    const value = given[name];
    if (
      value !== null &&
      typeof value !== 'string' &&
      typeof value !== 'number' &&
      typeof value !== 'boolean'
    )
      throw new OutsideSchema();
    if (name === 'href' && value !== null && typeof value !== 'string') throw new OutsideSchema();
    attributes[name] = value;
  }
  return attributes;
}

/** Each block's text as a paragraph of text nodes (line breaks as `<br>`); list items and quotes flattened. */
function renderPlainText(blocks: readonly NoteBlock[], document: Document): Node {
  const out = document.createDocumentFragment();
  for (const line of blockLines(blocks)) {
    const paragraph = document.createElement('p');
    line.split('\n').forEach((part, index) => {
      if (index > 0) paragraph.appendChild(document.createElement('br'));
      if (part !== '') paragraph.appendChild(document.createTextNode(part));
    });
    out.appendChild(paragraph);
  }
  return out;
}

function blockLines(blocks: readonly NoteBlock[]): string[] {
  return blocks.flatMap((block): string[] => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        return [inlineText(block.content)];
      case 'bulletList':
      case 'orderedList':
        return block.items.flatMap(blockLines);
      case 'blockquote':
        return blockLines(block.blocks);
      case 'horizontalRule':
        return [];
    }
  });
}
