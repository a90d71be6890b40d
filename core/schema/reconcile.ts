import * as Y from 'yjs';
import { readEntryId } from './ordered-list.ts';
import { reconcileText, stableJson } from './reconcile-text.ts';
import { sectionsArray } from './sections.ts';

/**
 * Makes one document's sections equal to another document's (a saved version's) by writing new
 * changes into it, the way a person editing would. This is how a version is restored: everyone
 * receives the result as an ordinary update, and history is never rewound.
 *
 * Yjs cannot take back a deletion or re-insert "the same" item: whatever the target needs that it
 * lacks is written as new content copied from the source. To disturb people editing at the same
 * time as little as possible, everything that is already right is left alone:
 * - sections, columns and rows are matched by id (they are ordered by a key inside each entry, so
 *   matching never depends on positions); a matched entry keeps its Yjs identity and only its
 *   differing fields are written;
 * - a text cell or a paragraph keeps the characters it shares with the version at its start and
 *   end, and rich text keeps the blocks it shares at its start and end;
 * - plain values are only written when they differ.
 * An edit another person makes meanwhile to something left alone survives the restore.
 *
 * Call inside a transaction, so the restore reaches others as one update.
 */
export function reconcileSections(target: Y.Doc, source: Y.Doc): void {
  reconcileArray(sectionsArray(target), sectionsArray(source));
}

type Content = Y.AbstractType<unknown>;

function reconcileType(target: Content, source: Content): void {
  if (target instanceof Y.Map && source instanceof Y.Map) reconcileMap(target, source);
  else if (target instanceof Y.Array && source instanceof Y.Array) reconcileArray(target, source);
  else if (target instanceof Y.Text && source instanceof Y.Text) reconcileText(target, source);
  else if (target instanceof Y.XmlElement && source instanceof Y.XmlElement)
    reconcileXmlElement(target, source);
  else if (target instanceof Y.XmlFragment && source instanceof Y.XmlFragment)
    reconcileChildren(xmlChildren(target), xmlChildren(source));
}

/** Same kind of shared type (and for XML elements, the same tag), so one can be edited into the other. */
function isSameKind(target: unknown, source: unknown): target is Content {
  if (!(target instanceof Y.AbstractType) || !(source instanceof Y.AbstractType)) return false;
  if (target.constructor !== source.constructor) return false;
  return !(target instanceof Y.XmlElement) || target.nodeName === (source as Y.XmlElement).nodeName;
}

/** Brings `target` to `source` in place when that is possible; false when it must be replaced. */
function reconcileValue(target: unknown, source: unknown): boolean {
  if (source instanceof Y.AbstractType) {
    if (!isSameKind(target, source)) return false;
    reconcileType(target, source as Content);
    return true;
  }
  return !(target instanceof Y.AbstractType) && stableJson(target) === stableJson(source);
}

/** A value ready to be inserted into the target: shared types are copied, plain values kept. */
function copyValue(value: unknown): unknown {
  return value instanceof Y.AbstractType ? value.clone() : value;
}

function reconcileMap(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
  for (const [key, value] of source.entries()) {
    if (!reconcileValue(target.get(key), value)) target.set(key, copyValue(value));
  }
}

/**
 * Lists of entries with ids (sections, columns, rows) are matched by id; any other list by
 * position, keeping what it shares with the source at its start and end.
 */
function reconcileArray(target: Y.Array<unknown>, source: Y.Array<unknown>): void {
  const sourceItems = source.toArray();
  if (
    sourceItems.length > 0 &&
    sourceItems.every((item) => item instanceof Y.Map && readEntryId(item) !== null)
  ) {
    reconcileEntries(target, sourceItems as Y.Map<unknown>[]);
    return;
  }
  reconcileChildren(
    {
      items: () => target.toArray(),
      remove: (index, count) => target.delete(index, count),
      insert: (index, values) => target.insert(index, values.map(copyValue)),
    },
    { items: () => sourceItems, remove: () => {}, insert: () => {} },
  );
}

function reconcileEntries(
  target: Y.Array<unknown>,
  sourceEntries: readonly Y.Map<unknown>[],
): void {
  const wanted = new Map<string, Y.Map<unknown>>();
  for (const entry of sourceEntries) {
    const id = readEntryId(entry)!;
    if (!wanted.has(id)) wanted.set(id, entry);
  }
  const kept = new Set<string>();
  const doomed: number[] = [];
  target.toArray().forEach((item, index) => {
    const id = item instanceof Y.Map ? readEntryId(item) : null;
    // The first occurrence of an id is the one readers show; a later duplicate goes.
    if (id === null || !wanted.has(id) || kept.has(id)) doomed.push(index);
    else {
      kept.add(id);
      reconcileMap(item as Y.Map<unknown>, wanted.get(id)!);
    }
  });
  for (const index of doomed.reverse()) target.delete(index, 1);
  const missing = [...wanted].filter(([id]) => !kept.has(id)).map(([, entry]) => entry.clone());
  // Position in the array does not matter: entries are ordered by the key they carry.
  if (missing.length > 0) target.push(missing);
}

function reconcileXmlElement(target: Y.XmlElement, source: Y.XmlElement): void {
  const wanted = source.getAttributes() as Record<string, unknown>;
  for (const name of Object.keys(target.getAttributes()))
    if (!(name in wanted)) target.removeAttribute(name);
  for (const [name, value] of Object.entries(wanted)) {
    if (stableJson(target.getAttribute(name)) !== stableJson(value))
      target.setAttribute(name, value as string);
  }
  reconcileChildren(xmlChildren(target), xmlChildren(source));
}

interface Sequence {
  items(): unknown[];
  remove(index: number, count: number): void;
  insert(index: number, values: unknown[]): void;
}

function xmlChildren(parent: Y.XmlFragment): Sequence {
  return {
    items: () => parent.toArray(),
    remove: (index, count) => parent.delete(index, count),
    insert: (index, values) =>
      parent.insert(
        index,
        values.map((value) => (value as Y.XmlElement | Y.XmlText).clone()),
      ),
  };
}

/**
 * Keeps the common start and end; in between, items of the same kind are edited in place pair
 * by pair (an edited paragraph stays the same paragraph), and the rest is removed or inserted.
 */
function reconcileChildren(target: Sequence, source: Sequence): void {
  const before = target.items();
  const after = source.items();
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && isEqual(before[prefix], after[prefix])) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    isEqual(before[before.length - 1 - suffix], after[after.length - 1 - suffix])
  )
    suffix++;
  const middleBefore = before.slice(prefix, before.length - suffix);
  const middleAfter = after.slice(prefix, after.length - suffix);
  const paired = Math.min(middleBefore.length, middleAfter.length);
  for (let offset = 0; offset < paired; offset++) {
    const index = prefix + offset;
    if (reconcileValue(middleBefore[offset], middleAfter[offset])) continue;
    target.remove(index, 1);
    target.insert(index, [middleAfter[offset]]);
  }
  if (middleBefore.length > paired) target.remove(prefix + paired, middleBefore.length - paired);
  if (middleAfter.length > paired) target.insert(prefix + paired, middleAfter.slice(paired));
}

function isEqual(a: unknown, b: unknown): boolean {
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) {
    return isSameKind(a, b) && snapshotOf(a as Content) === snapshotOf(b as Content);
  }
  return stableJson(a) === stableJson(b);
}

/** Content as a comparable string; XML types print their attributes and marks in sorted order. */
function snapshotOf(type: Content): string {
  if (type instanceof Y.XmlFragment || type instanceof Y.XmlText) return type.toString();
  if (type instanceof Y.Text) return stableJson(type.toDelta());
  return stableJson(type.toJSON());
}
