import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  exportCsv,
  exportMarkdown,
  findTable,
  withSmallCellsSuppressed,
} from '../../../core/export/index.ts';
import {
  addRow,
  readDocument,
  readSmallCellThreshold,
  writeSmallCellThreshold,
} from '../../../core/schema/index.ts';
import {
  METRICS_COLUMNS as C,
  METRICS_SECTION_ID,
} from '../../../core/schema/data-review-columns.ts';
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

const metricsCsv = (doc: Y.Doc, threshold: number) =>
  exportCsv(
    findTable(withSmallCellsSuppressed(readDocument(doc).value, threshold), METRICS_SECTION_ID)!,
  );

describe('small cells in exports', () => {
  test('counts under the threshold read "fewer than N", the rates made from them "suppressed"; the rest stay numbers', () => {
    const doc = dataReview([
      {
        [C.period]: '2026-09',
        [C.provider]: 'Harbor',
        [C.referred]: 40,
        [C.offered]: 30,
        [C.initiated]: 4,
        [C.active]: 0,
      },
    ]);
    const [, record] = metricsCsv(doc, 10).split('\r\n');
    // Period, provider, referred, offered, initiated, active, trained, total, % offered, % initiated, % active, % trained.
    expect(record).toBe('2026-09,Harbor,40,30,fewer than 10,0,,,75%,suppressed,0%,');
  });

  test('a threshold of 0 exports every number as entered', () => {
    const doc = dataReview([
      { [C.period]: '2026-09', [C.provider]: 'Harbor', [C.referred]: 5, [C.offered]: 3 },
    ]);
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

describe('no two shown numbers give away a small count', () => {
  test('70 referred and 62 offered: the 62 reads "suppressed", and so do the percentages made from it', () => {
    const doc = dataReview([
      {
        [C.period]: '2026-09',
        [C.provider]: 'Harbor',
        [C.referred]: 70,
        [C.offered]: 62,
        [C.initiated]: 40,
        [C.active]: 35,
      },
    ]);
    const [, record] = metricsCsv(doc, 10).split('\r\n');
    // 40 − 35 = 5 is small too: active reads "suppressed"; 70 − 40 = 30 is not.
    expect(record).toBe('2026-09,Harbor,70,suppressed,40,suppressed,,,suppressed,57%,suppressed,');
  });

  test('a count is compared with the last stage shown before it, not only its neighbour', async () => {
    const { showFunnelCounts } = await import('../../../core/metrics/index.ts');
    const shown = showFunnelCounts(
      {
        referred: 70,
        offered: 65,
        initiated: 62,
        active: 20,
        providersTotal: 12,
        providersTrained: 12,
      },
      10,
    );
    expect(shown.offered.kind).toBe('suppressed');
    // 70 − 62 = 8 would show what 65 hid.
    expect(shown.initiated.kind).toBe('suppressed');
    expect(shown.active).toEqual({ kind: 'value', value: 20 });
    // Equal counts differ by nothing: shown.
    expect(shown.providersTrained).toEqual({ kind: 'value', value: 12 });
  });
});
