import type * as Y from 'yjs';
import { DEFAULT_SMALL_CELL_THRESHOLD } from '../metrics/suppression.ts';

/**
 * The document's small-cell threshold lives in `meta` beside the title. Absent means the default
 * of 10: suppression is on unless someone chose otherwise, because a count of 3 shared by
 * accident cannot be taken back.
 */
const THRESHOLD = 'smallCellThreshold';
const LARGEST = 1000;

export function readSmallCellThreshold(doc: Y.Doc): number {
  const value: unknown = doc.getMap('meta').get(THRESHOLD);
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= LARGEST
    ? value
    : DEFAULT_SMALL_CELL_THRESHOLD;
}

export function writeSmallCellThreshold(doc: Y.Doc, threshold: number): boolean {
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > LARGEST) return false;
  doc.getMap('meta').set(THRESHOLD, threshold);
  return true;
}
