import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  collectFollowUps,
  collectFromTable,
  isOverdue,
  listOwners,
  localDay,
  matchesFilter,
  mayHaveNextSteps,
  sortByDeadline,
  TEMPLATES_WITH_NEXT_STEPS,
  type FollowUp,
} from '../../../core/follow-ups/index.ts';
import {
  addRow,
  addTableSection,
  deleteColumn,
  readDocument,
  readTable,
} from '../../../core/schema/index.ts';
import {
  createDocument,
  NEXT_STEPS_SECTION_ID,
  TEMPLATE_IDS,
} from '../../../core/templates/index.ts';

const source = { documentId: 'doc-1', documentTitle: 'Fall barriers' };

function barriers(): Y.Doc {
  const doc = new Y.Doc();
  expect(
    createDocument(doc, { template: 'barriers', createdAt: '2026-08-17T09:00:00.000Z' }),
  ).toEqual({ ok: true });
  return doc;
}

function followUp(overrides: Partial<FollowUp> & { iso?: string | null; text?: string }): FollowUp {
  const { iso = null, text = iso ?? '', ...rest } = overrides;
  return {
    ...source,
    sectionId: NEXT_STEPS_SECTION_ID,
    rowId: 'r',
    rowNumber: 1,
    task: 'Task',
    owner: '',
    deadline: { iso, text },
    done: false,
    columns: {},
    ...rest,
  };
}

describe('collecting next steps from a document', () => {
  test('reads task, owner, deadline and done of every row, with its document and row number', () => {
    const doc = barriers();
    const added = addRow(doc, NEXT_STEPS_SECTION_ID, {
      values: {
        task: 'Draft the referral form',
        owner: 'Dana',
        deadline: '2026-09-01',
        done: true,
      },
    });
    expect(added.ok).toBe(true);
    const rows = collectFollowUps(readDocument(doc).value, source);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      documentId: 'doc-1',
      documentTitle: 'Fall barriers',
      sectionId: NEXT_STEPS_SECTION_ID,
      rowNumber: 1,
      owner: 'Community partnership coordinator',
      deadline: { iso: null, text: 'Beginning of next semester' },
      done: false,
    });
    expect(rows[0]!.task).toMatch(/^Clearly assign/);
    expect(rows[1]).toMatchObject({
      rowNumber: 2,
      task: 'Draft the referral form',
      owner: 'Dana',
      deadline: { iso: '2026-09-01', text: '2026-09-01' },
      done: true,
    });
    expect(Object.keys(rows[1]!.columns).sort()).toEqual(['deadline', 'done', 'owner', 'task']);
  });

  test('a document without a next-steps table has no follow-ups', () => {
    const doc = new Y.Doc();
    expect(createDocument(doc, { template: 'data-review' })).toEqual({ ok: true });
    expect(collectFollowUps(readDocument(doc).value, source)).toEqual([]);
    expect(collectFromTable(null, source)).toEqual([]);
    expect(collectFollowUps(readDocument(new Y.Doc()).value, source)).toEqual([]);
  });

  test('a deleted column leaves that field empty and not editable, without throwing', () => {
    const doc = barriers();
    expect(deleteColumn(doc, NEXT_STEPS_SECTION_ID, 'deadline')).toEqual({ ok: true });
    expect(deleteColumn(doc, NEXT_STEPS_SECTION_ID, 'done')).toEqual({ ok: true });
    const rows = collectFollowUps(readDocument(doc).value, source);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ deadline: { iso: null, text: '' }, done: false });
    expect(Object.keys(rows[0]!.columns).sort()).toEqual(['owner', 'task']);
  });

  test('a next-steps table from another version, with other kinds and odd values, reads without throwing', () => {
    const doc = new Y.Doc();
    addTableSection(doc, {
      id: NEXT_STEPS_SECTION_ID,
      title: 'Next steps',
      columns: [
        { id: 'task', kind: 'number', title: 'Task number' },
        { id: 'owner', kind: 'person', title: 'Owner' },
        { id: 'deadline', kind: 'text', title: 'Deadline as text' },
        { id: 'done', kind: 'choice', title: 'Status', options: ['Open', 'Closed'] },
      ],
      rows: [{ values: { task: 7, owner: 'Sam' } }],
    });
    // A hostile or buggy client writes a number where the owner's text should be.
    const section = doc.getArray('sections').get(0) as Y.Map<unknown>;
    const row = (section.get('rows') as Y.Array<Y.Map<unknown>>).get(0);
    (row.get('cells') as Y.Map<unknown>).set('owner', 42);
    const read = collectFollowUps(readDocument(doc).value, source);
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({
      task: '',
      owner: '',
      deadline: { iso: null, text: '' },
      done: false,
    });
    expect(Object.keys(read[0]!.columns)).toEqual(['owner']);
  });

  test('a section called next-steps that is a note, or rows without cells, give no throw', () => {
    const doc = new Y.Doc();
    const section = new Y.Map<unknown>();
    doc.getArray('sections').push([section]);
    section.set('id', NEXT_STEPS_SECTION_ID);
    section.set('order', 'a0');
    section.set('kind', 'table');
    section.set('title', 'Next steps');
    section.set('columns', 'not a list');
    const rows = new Y.Array<unknown>();
    section.set('rows', rows);
    const row = new Y.Map<unknown>();
    rows.push([row]);
    row.set('id', 'r1');
    row.set('order', 'a0');
    expect(() => collectFollowUps(readDocument(doc).value, source)).not.toThrow();
    expect(collectFollowUps(readDocument(doc).value, source)).toMatchObject([
      { rowId: 'r1', task: '', owner: '', done: false, columns: {} },
    ]);
  });

  test('a deadline with spaces around a date still counts as that date', () => {
    const doc = barriers();
    const sections = doc
      .getArray('sections')
      .get(doc.getArray('sections').length - 1) as Y.Map<unknown>;
    const row = (sections.get('rows') as Y.Array<Y.Map<unknown>>).get(0);
    (row.get('cells') as Y.Map<unknown>).set('deadline', ' 2026-10-01 ');
    expect(collectFollowUps(readDocument(doc).value, source)[0]!.deadline).toEqual({
      iso: '2026-10-01',
      text: ' 2026-10-01 ',
    });
  });
});

describe('sorting by deadline', () => {
  test('earliest date first; free-text and empty deadlines last, in the order they came', () => {
    const rows = [
      followUp({ rowId: 'semester', text: 'Beginning of next semester' }),
      followUp({ rowId: 'dec', iso: '2026-12-01' }),
      followUp({ rowId: 'empty', text: '' }),
      followUp({ rowId: 'feb-30', text: '2027-02-30' }),
      followUp({ rowId: 'sep', iso: '2026-09-15' }),
      followUp({ rowId: 'sep-again', iso: '2026-09-15' }),
      followUp({ rowId: 'jan', iso: '2027-01-10' }),
    ];
    expect(sortByDeadline(rows).map((row) => row.rowId)).toEqual([
      'sep',
      'sep-again',
      'dec',
      'jan',
      'semester',
      'empty',
      'feb-30',
    ]);
  });

  test('does not change the list it is given, and keeps ties stable however they are mixed', () => {
    const rows = [
      followUp({ rowId: 'b', iso: '2026-09-15' }),
      followUp({ rowId: 'a', text: 'soon' }),
      followUp({ rowId: 'c', iso: '2026-09-15' }),
    ];
    const copy = [...rows];
    expect(sortByDeadline(rows).map((row) => row.rowId)).toEqual(['b', 'c', 'a']);
    expect(rows).toEqual(copy);
    expect(sortByDeadline([])).toEqual([]);
  });
});

describe('overdue', () => {
  const today = '2026-11-29';

  test('a deadline before today is overdue; today and later are not', () => {
    expect(isOverdue(followUp({ iso: '2026-11-28' }), today)).toBe(true);
    expect(isOverdue(followUp({ iso: '2025-12-31' }), today)).toBe(true);
    expect(isOverdue(followUp({ iso: '2026-11-29' }), today)).toBe(false);
    expect(isOverdue(followUp({ iso: '2026-11-30' }), today)).toBe(false);
  });

  test('a done task is never overdue, nor a task whose deadline is not a date', () => {
    expect(isOverdue(followUp({ iso: '2026-01-01', done: true }), today)).toBe(false);
    expect(isOverdue(followUp({ text: 'Beginning of next semester' }), today)).toBe(false);
    expect(isOverdue(followUp({ text: '' }), today)).toBe(false);
  });

  test('today is the local calendar day, zero-padded', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localDay(new Date(2026, 10, 29, 0, 0))).toBe('2026-11-29');
  });
});

describe('filtering by owner and done', () => {
  const rows = [
    followUp({ rowId: '1', owner: '  dana   reyes ' }),
    followUp({ rowId: '2', owner: 'Dana Reyes' }),
    followUp({ rowId: '3', owner: 'Sam', done: true }),
    followUp({ rowId: '4', owner: '' }),
    followUp({ rowId: '5', owner: '   ' }),
  ];
  const ids = (filter: Parameters<typeof matchesFilter>[1]) =>
    rows.filter((row) => matchesFilter(row, filter)).map((row) => row.rowId);

  test('one owner matches whatever the spacing and case', () => {
    expect(ids({ owner: { kind: 'owner', name: 'Dana Reyes' }, showDone: true })).toEqual([
      '1',
      '2',
    ]);
    expect(ids({ owner: { kind: 'owner', name: 'Sam' }, showDone: false })).toEqual([]);
    expect(ids({ owner: { kind: 'owner', name: 'Sam' }, showDone: true })).toEqual(['3']);
  });

  test('"no owner" and "everyone", with done rows hidden unless asked for', () => {
    expect(ids({ owner: { kind: 'nobody' }, showDone: false })).toEqual(['4', '5']);
    expect(ids({ owner: { kind: 'everyone' }, showDone: false })).toEqual(['1', '2', '4', '5']);
    expect(ids({ owner: { kind: 'everyone' }, showDone: true })).toEqual(['1', '2', '3', '4', '5']);
  });

  test('owners are listed once each, alphabetically, without the empty one, whichever spelling came first', () => {
    expect(listOwners(rows)).toEqual(['Dana Reyes', 'Sam']);
    expect(listOwners([...rows].reverse())).toEqual(['Dana Reyes', 'Sam']);
    const mostUsed = [
      followUp({ owner: 'DANA REYES' }),
      followUp({ owner: 'dana reyes' }),
      followUp({ owner: 'dana reyes' }),
      followUp({ owner: 'Ana' }),
    ];
    expect(listOwners(mostUsed)).toEqual(['Ana', 'dana reyes']);
  });
});

describe('which templates have next steps', () => {
  test('the list matches what the templates build', () => {
    const withNextSteps = TEMPLATE_IDS.filter((template) => {
      const doc = new Y.Doc();
      createDocument(doc, { template });
      return readTable(doc, NEXT_STEPS_SECTION_ID) !== null;
    });
    expect([...TEMPLATES_WITH_NEXT_STEPS].sort()).toEqual([...withNextSteps].sort());
    expect(mayHaveNextSteps('barriers')).toBe(true);
    expect(mayHaveNextSteps('data-review')).toBe(false);
    expect(mayHaveNextSteps(null)).toBe(false);
    expect(mayHaveNextSteps('a-template-from-the-future')).toBe(false);
  });
});
