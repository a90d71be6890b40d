import type * as Y from 'yjs';
import { readMeta, reconcileSections, writeTitle } from '../schema/index.ts';

/**
 * Restores a saved version into the live document as a new change that everyone receives:
 * afterwards the live document's title and sections (notes, tables, their rows and cells) equal
 * the version's. Only the parts that differ are written, and sections, columns and rows keep
 * their ids and identity, so people editing meanwhile are disturbed as little as possible and
 * their concurrent edits to untouched parts survive (see `reconcileSections`).
 *
 * Other document state (created time, template, anything a newer build keeps beside the
 * sections, such as a running agenda timer) is not part of what a version restores.
 *
 * @param origin passed to the transaction, so the caller's own observers can recognise it.
 */
export function restoreVersion(
  live: Y.Doc,
  version: Y.Doc,
  origin: unknown = 'restore-version',
): void {
  live.transact(() => {
    const title = readMeta(version).value.title;
    if (readMeta(live).value.title !== title) writeTitle(live, title);
    reconcileSections(live, version);
  }, origin);
}
