/**
 * The offset in an element's text under a point, so a click or tap on a cell at rest puts the
 * caret there once the cell becomes its editor. Null when the point is not over the text (the
 * cell's padding, past the end of the line): the caret then goes to the end, as in a text field.
 */
export function caretOffsetAt(element: HTMLElement, x: number, y: number): number | null {
  const doc = element.ownerDocument;
  let node: Node | null = null;
  let offset = 0;
  if (typeof doc.caretPositionFromPoint === 'function') {
    const position = doc.caretPositionFromPoint(x, y);
    if (position !== null) ({ offsetNode: node, offset } = position);
  } else if (typeof doc.caretRangeFromPoint === 'function') {
    const range = doc.caretRangeFromPoint(x, y);
    if (range !== null) ({ startContainer: node, startOffset: offset } = range);
  }
  if (node === null || node.nodeType !== Node.TEXT_NODE || !element.contains(node)) return null;
  const before = doc.createRange();
  before.setStart(element, 0);
  before.setEnd(node, offset);
  return before.toString().length;
}
