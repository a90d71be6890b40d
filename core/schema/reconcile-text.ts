import * as Y from 'yjs';

/**
 * Makes a Y.Text (or a rich-text Y.XmlText) hold what another one holds, by one deletion and
 * one insertion around the longest common start and end. Characters that are already right keep
 * their Yjs identity, so a person typing in them at the same time keeps their edit, and their
 * caret stays where it was.
 */
export function reconcileText(target: Y.Text, source: Y.Text): void {
  const before = flatten(target.toDelta() as DeltaOp[]);
  const after = flatten(source.toDelta() as DeltaOp[]);
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && sameUnit(before[prefix]!, after[prefix]!)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    sameUnit(before[before.length - 1 - suffix]!, after[after.length - 1 - suffix]!)
  )
    suffix++;
  // Never cut a surrogate pair in two: Yjs would replace each half with U+FFFD.
  while (prefix > 0 && (isLowSurrogate(before[prefix]) || isLowSurrogate(after[prefix]))) prefix--;
  while (
    suffix > 0 &&
    (isLowSurrogate(before[before.length - suffix]) || isLowSurrogate(after[after.length - suffix]))
  )
    suffix--;
  const deleteCount = before.length - prefix - suffix;
  if (deleteCount === 0 && after.length - prefix - suffix === 0) return;
  if (deleteCount > 0) target.delete(prefix, deleteCount);
  let index = prefix;
  for (const run of runs(after.slice(prefix, after.length - suffix))) {
    // Attributes are always given (possibly empty) so the inserted run does not inherit its neighbour's marks.
    if (typeof run.insert === 'string') target.insert(index, run.insert, { ...run.attributes });
    else target.insertEmbed(index, run.insert as object, { ...run.attributes });
    index += typeof run.insert === 'string' ? run.insert.length : 1;
  }
}

interface DeltaOp {
  readonly insert?: unknown;
  readonly attributes?: Record<string, unknown>;
}

/** One UTF-16 code unit of text, or one embed, with its formatting. */
interface Unit {
  readonly insert: string | object;
  readonly attributes: Record<string, unknown>;
  /** The formatting serialised, so two units compare by value. */
  readonly marks: string;
}

function flatten(delta: readonly DeltaOp[]): Unit[] {
  const units: Unit[] = [];
  for (const op of delta) {
    const attributes = op.attributes ?? {};
    const marks = stableJson(attributes);
    if (typeof op.insert === 'string') {
      for (let i = 0; i < op.insert.length; i++)
        units.push({ insert: op.insert[i]!, attributes, marks });
    } else if (op.insert !== undefined && op.insert !== null) {
      // An embed or a nested type: compared by value, copied as a value (nested types are not used in notes).
      units.push({
        insert: op.insert instanceof Y.AbstractType ? op.insert.toJSON() : (op.insert as object),
        attributes,
        marks,
      });
    }
  }
  return units;
}

function sameUnit(a: Unit, b: Unit): boolean {
  if (a.marks !== b.marks) return false;
  if (typeof a.insert === 'string' || typeof b.insert === 'string') return a.insert === b.insert;
  return stableJson(a.insert) === stableJson(b.insert);
}

function isLowSurrogate(unit: Unit | undefined): boolean {
  if (unit === undefined || typeof unit.insert !== 'string') return false;
  const code = unit.insert.charCodeAt(0);
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Consecutive units with the same formatting, joined back into strings. */
function runs(
  units: readonly Unit[],
): { insert: string | object; attributes: Record<string, unknown> }[] {
  const joined: { insert: string | object; attributes: Record<string, unknown>; marks: string }[] =
    [];
  for (const unit of units) {
    const last = joined[joined.length - 1];
    if (
      last !== undefined &&
      typeof last.insert === 'string' &&
      typeof unit.insert === 'string' &&
      last.marks === unit.marks
    ) {
      last.insert += unit.insert;
    } else {
      joined.push({ ...unit });
    }
  }
  return joined;
}

/** JSON with object keys sorted, so equal values serialise equally whatever order they were built in. */
export function stableJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, inner: unknown) =>
      inner !== null && typeof inner === 'object' && !Array.isArray(inner)
        ? Object.fromEntries(
            Object.entries(inner as Record<string, unknown>).sort(([a], [b]) =>
              a < b ? -1 : a > b ? 1 : 0,
            ),
          )
        : inner,
    ) ?? 'undefined'
  );
}
