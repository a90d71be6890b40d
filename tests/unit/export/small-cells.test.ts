import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import { exportCsv, exportMarkdown, findTable, withSmallCellsSuppressed } from '../../../core/export/index.ts';
import { addRow, readDocument, readSmallCellThreshold, writeSmallCellThreshold } from '../../../core/schema/index.ts';
import { METRICS_COLUMNS as C, METRICS_SECTION_ID } from '../../../core/templates/data-review-columns.ts';
import { createDocument } from '../../../core/templates/index.ts';

function dataReview(rows: Record<string, string | number>[]): Y.Doc {
  const doc = new Y.Doc();
  createDocument(doc, { template: 'data-review' });
  for (const values of rows) {
    const added = addRow(doc, METRICS_SECTION_ID, { values });
    if (!added.ok) throw new Error(added.message);
  }
  return doc;
}

const metricsCsv = (doc: Y.Doc, threshold: number) => exportCsv(findTable(withSmallCellsSuppressed(readDocument(doc).value, threshold), METRICS_SECTION_ID)!);

describe('small cells in exports', () => {
  test('counts under the threshold and the rates they would reveal read "fewer than N"; the rest stay numbers', () => {
    const doc = dataReview([{ [C.period]: '2026-09', [C.provider]: 'Harbor', [C.referred]: 40, [C.offered]: 30, [C.initiated]: 4, [C.active]: 0 }]);
    const [, record] = metricsCsv(doc, 10).split('\r\n');
    // Period, provider, referred, offered, initiated, active, trained, total, % offered, % initiated, % active, % trained.
    expect(record).toBe('2026-09,Harbor,40,30,fewer than 10,0,,,75%,fewer than 10,0%,');
  });

  test('a threshold of 0 exports every number as entered', () => {
    const doc = dataReview([{ [C.period]: '2026-09', [C.provider]: 'Harbor', [C.referred]: 5, [C.offered]: 3 }]);
    expect(metricsCsv(doc, 0).split('\r\n')[1]).toBe('2026-09,Harbor,5,3,,,,,60%,,,');
  });

  test('other tables and the stored document are untouched', () => {
    const doc = dataReview([{ [C.period]: '2026-09', [C.provider]: 'Harbor', [C.referred]: 5 }]);
    const before = exportMarkdown(readDocument(doc).value);
    const suppressed = exportMarkdown(withSmallCellsSuppressed(readDocument(doc).value, 10));
    expect(suppressed).not.toBe(before);
    expect(suppressed.replace('fewer than 10', '5')).toBe(before);
    expect(exportMarkdown(readDocument(doc).value)).toBe(before);
  });

  test('the threshold is kept in the document, 10 unless set, and refuses nonsense', () => {
    const doc = dataReview([]);
    expect(readSmallCellThreshold(doc)).toBe(10);
    expect(writeSmallCellThreshold(doc, 20)).toBe(true);
    expect(readSmallCellThreshold(doc)).toBe(20);
    expect(writeSmallCellThreshold(doc, -1)).toBe(false);
    expect(writeSmallCellThreshold(doc, 2.5)).toBe(false);
    doc.getMap('meta').set('smallCellThreshold', 'ten');
    expect(readSmallCellThreshold(doc)).toBe(10);
  });
});
