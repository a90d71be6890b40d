import * as Y from 'yjs';
import { describeType, type Problem, type Read } from './problems.ts';
import { replaceText } from './replace-text.ts';

/**
 * The schema version this build writes. Schema changes are additive: a newer build may add
 * section kinds, column kinds or fields, and this build still opens and merges such a document,
 * reporting (not dropping) what it does not understand. Bump this with every additive change and
 * record what changed here:
 *
 * 1. meta, ordered sections (note, table), typed columns, rows with cells, picks and ratings.
 * 2. `agendaTimer`: a top-level map holding the present view's agenda timer (agenda-timer-state.ts).
 * 3. `titleText`: the title as a Y.Text, so two people typing in it merge by character (the plain
 *    `title` string is still written beside it, for builds that only know it); `format: 'time'`
 *    on a text column (the meeting calendar's time), entered with a time field; rating answers
 *    keyed by the participant's id (a device's, or later an account's) rather than display name,
 *    older name-keyed answers still read and replaced by the id-keyed one when their owner answers;
 *    `width` on a table column: the width someone resized it to, shared by the room (columns.ts).
 * 4. `meta.occurrence` on a meeting document made from a calendar row (occurrence-meta.ts), and the
 *    calendar's top-level `occurrenceRequests` map of meetings asked to be opened
 *    (occurrence-requests.ts); a district calendar's `schoolPlan` and `schoolCalendars` maps, and a
 *    school calendar's `meta.districtCalendar`, `districtAdaptations` and top-level
 *    `districtAdaptation/ROW/owner` texts (district-schools.ts).
 *    All are new keys that older builds keep without reading.
 * 5. A person cell's link to a district account, `cells[columnId/account] = {account, text}`
 *    beside its text (person-link.ts); older builds keep it without reading it.
 * 6. A section's `titleText`: its name as a Y.Text, so two people renaming it at once merge by
 *    character, as the document title does (the plain `title` is still written beside it).
 */
export const SCHEMA_VERSION = 6;

const META = 'meta';
const TITLE = 'title';
const TITLE_TEXT = 'titleText';
const TEMPLATE = 'template';
const VERSION = 'schemaVersion';
const CREATED_AT = 'createdAt';

export interface DocumentMeta {
  readonly title: string;
  /** The template the document was created from, or null for a blank document. */
  readonly template: string | null;
  /** 0 when the document has not been initialised (or an old client never wrote it). */
  readonly schemaVersion: number;
  /** ISO 8601 timestamp. */
  readonly createdAt: string | null;
}

export interface MetaInit {
  readonly title: string;
  readonly template: string | null;
  readonly createdAt: string;
}

function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META);
}

/** Calls `onChange` after each transaction that changed the meta (the title included); returns the way to stop. */
export function observeMeta(doc: Y.Doc, onChange: () => void): () => void {
  const meta = metaMap(doc);
  meta.observeDeep(onChange);
  return () => meta.unobserveDeep(onChange);
}

/** True once a document has been created; template content must never be written again after. */
export function hasMeta(doc: Y.Doc): boolean {
  return metaMap(doc).has(VERSION);
}

/**
 * Writes the meta of a new document. Call only inside `initializeDocument`'s transaction. The
 * schema version is written with the document so a newer reader knows what it is reading.
 */
export function writeInitialMeta(doc: Y.Doc, init: MetaInit): void {
  const meta = metaMap(doc);
  meta.set(TITLE, init.title);
  meta.set(TITLE_TEXT, new Y.Text(init.title));
  meta.set(TEMPLATE, init.template);
  meta.set(VERSION, SCHEMA_VERSION);
  meta.set(CREATED_AT, init.createdAt);
}

export function readMeta(doc: Y.Doc): Read<DocumentMeta> {
  const meta = metaMap(doc);
  const problems: Problem[] = [];

  const titleText = meta.get(TITLE_TEXT);
  const title = titleText instanceof Y.Text ? titleText.toString() : meta.get(TITLE);
  if (typeof title !== 'string') {
    problems.push({
      path: 'meta.title',
      code: title === undefined ? 'missing' : 'wrong-type',
      message: `title should be text, found ${describeType(title)}`,
    });
  }
  const template = meta.get(TEMPLATE);
  if (template !== undefined && template !== null && typeof template !== 'string') {
    problems.push({
      path: 'meta.template',
      code: 'wrong-type',
      message: `template should be text, found ${describeType(template)}`,
    });
  }
  const version = meta.get(VERSION);
  let schemaVersion = 0;
  if (typeof version === 'number' && Number.isInteger(version) && version > 0) {
    schemaVersion = version;
    if (version > SCHEMA_VERSION) {
      problems.push({
        path: 'meta.schemaVersion',
        code: 'newer-schema',
        message: `written by a newer Pathways (schema ${version}, this one reads ${SCHEMA_VERSION}); parts it added may be shown read-only`,
      });
    }
  } else {
    problems.push({
      path: 'meta.schemaVersion',
      code: version === undefined ? 'missing' : 'wrong-type',
      message: `schema version should be a positive integer, found ${describeType(version)}`,
    });
  }
  const createdAt = meta.get(CREATED_AT);
  if (createdAt !== undefined && typeof createdAt !== 'string') {
    problems.push({
      path: 'meta.createdAt',
      code: 'wrong-type',
      message: `created time should be text, found ${describeType(createdAt)}`,
    });
  }

  return {
    value: {
      title: typeof title === 'string' ? title : '',
      template: typeof template === 'string' ? template : null,
      schemaVersion,
      createdAt: typeof createdAt === 'string' ? createdAt : null,
    },
    problems,
  };
}

/** The title's Y.Text, or null in a document an older build created and nobody has renamed since. */
export function titleTextOf(doc: Y.Doc): Y.Text | null {
  const text = metaMap(doc).get(TITLE_TEXT);
  return text instanceof Y.Text ? text : null;
}

/**
 * The title's Y.Text, created (from the plain title an older build wrote) when missing; edited
 * in place it merges by character. Call `mirrorTitle` after editing it, in the same transaction.
 */
export function ensureTitleText(doc: Y.Doc): Y.Text {
  const meta = metaMap(doc);
  const existing = meta.get(TITLE_TEXT);
  if (existing instanceof Y.Text) return existing;
  const old = meta.get(TITLE);
  const text = new Y.Text(typeof old === 'string' ? old : '');
  meta.set(TITLE_TEXT, text);
  return text;
}

/** Copies the title's text to the plain `title` field that builds before schema 3 read. */
export function mirrorTitle(doc: Y.Doc): void {
  const meta = metaMap(doc);
  const text = meta.get(TITLE_TEXT);
  if (text instanceof Y.Text && meta.get(TITLE) !== text.toString())
    meta.set(TITLE, text.toString());
}

/** Replaces the title by one minimal edit, so someone typing in it meanwhile keeps their letters. */
export function writeTitle(doc: Y.Doc, title: string): void {
  doc.transact(() => {
    replaceText(ensureTitleText(doc), title);
    mirrorTitle(doc);
  });
}
