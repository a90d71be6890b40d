import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  collectFollowUps,
  listOwners,
  matchesFilter,
  withCurrentOwnerNames,
} from '../../../core/follow-ups/index.ts';
import {
  deleteColumn,
  linkPerson,
  readDocument,
  readTable,
  setCell,
  textCell,
} from '../../../core/schema/index.ts';
import { createDocument, NEXT_STEPS_SECTION_ID } from '../../../core/templates/index.ts';
import { NEXT_STEPS_COLUMNS } from '../../../core/schema/section-ids.ts';
import { ReplicaNetwork } from '../../support/replica-network.ts';

const OWNER = NEXT_STEPS_COLUMNS.owner;
const source = { documentId: 'doc-1', documentTitle: 'Fall barriers' };
const dana = { account: 'acc-dana', name: 'Dana Reyes' };
const pat = { account: 'acc-pat', name: 'Pat Lee' };

function barriers(): Y.Doc {
  const doc = new Y.Doc();
  createDocument(doc, { template: 'barriers', createdAt: '2026-08-17T09:00:00.000Z' });
  return doc;
}

const firstRowId = (doc: Y.Doc): string => readTable(doc, NEXT_STEPS_SECTION_ID)!.value.rows[0]!.id;

function ownerCell(doc: Y.Doc) {
  return readTable(doc, NEXT_STEPS_SECTION_ID)!.value.rows[0]!.cells[OWNER];
}

describe('linking a follow-up owner to an account', () => {
  test('picking a person writes their name and keeps the account beside it', () => {
    const doc = barriers();
    expect(linkPerson(doc, NEXT_STEPS_SECTION_ID, firstRowId(doc), OWNER, dana)).toEqual({
      ok: true,
    });
    expect(ownerCell(doc)).toEqual({ kind: 'person', text: 'Dana Reyes', account: 'acc-dana' });
    const [row] = collectFollowUps(readDocument(doc).value, source);
    expect(row).toMatchObject({ owner: 'Dana Reyes', ownerAccount: 'acc-dana' });
  });

  test('typing over the name makes the cell free text again', () => {
    const doc = barriers();
    const rowId = firstRowId(doc);
    linkPerson(doc, NEXT_STEPS_SECTION_ID, rowId, OWNER, dana);
    textCell(doc, NEXT_STEPS_SECTION_ID, rowId, OWNER)!.insert(10, ' and Sam');
    expect(ownerCell(doc)).toEqual({ kind: 'person', text: 'Dana Reyes and Sam' });
    setCell(doc, NEXT_STEPS_SECTION_ID, rowId, OWNER, 'The counselor');
    expect(collectFollowUps(readDocument(doc).value, source)[0]!.ownerAccount).toBeUndefined();
  });

  test('unlinking keeps the text and drops the account', () => {
    const doc = barriers();
    const rowId = firstRowId(doc);
    linkPerson(doc, NEXT_STEPS_SECTION_ID, rowId, OWNER, dana);
    linkPerson(doc, NEXT_STEPS_SECTION_ID, rowId, OWNER, null);
    expect(ownerCell(doc)).toEqual({ kind: 'person', text: 'Dana Reyes' });
  });

  test('a text column cannot be linked, and a link needs an account and a name', () => {
    const doc = barriers();
    const rowId = firstRowId(doc);
    expect(linkPerson(doc, NEXT_STEPS_SECTION_ID, rowId, NEXT_STEPS_COLUMNS.task, dana).ok).toBe(
      false,
    );
    expect(
      linkPerson(doc, NEXT_STEPS_SECTION_ID, rowId, OWNER, { account: '', name: 'X' }).ok,
    ).toBe(false);
    expect(ownerCell(doc)).not.toHaveProperty('account');
  });

  test('a document from a build before links still reads, and an old build keeps the link', () => {
    const doc = barriers();
    expect(ownerCell(doc)).not.toHaveProperty('account');
    linkPerson(doc, NEXT_STEPS_SECTION_ID, firstRowId(doc), OWNER, dana);
    // An older build copies the whole document state; the link survives the round trip.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(ownerCell(copy)).toMatchObject({ account: 'acc-dana' });
  });

  test('deleting the owner column removes its links too', () => {
    const doc = barriers();
    const rowId = firstRowId(doc);
    linkPerson(doc, NEXT_STEPS_SECTION_ID, rowId, OWNER, dana);
    deleteColumn(doc, NEXT_STEPS_SECTION_ID, OWNER);
    const keys = JSON.stringify(doc.toJSON());
    expect(keys).not.toContain(`${OWNER}/account`);
  });
});

describe('two people editing one owner cell at once', () => {
  const cases: Array<[string, (a: Y.Doc, b: Y.Doc, rowId: string) => void]> = [
    [
      'one picks a person while the other types',
      (a, b, rowId) => {
        linkPerson(a, NEXT_STEPS_SECTION_ID, rowId, OWNER, dana);
        textCell(b, NEXT_STEPS_SECTION_ID, rowId, OWNER)!.insert(0, 'Sam ');
      },
    ],
    [
      'both pick a different person',
      (a, b, rowId) => {
        linkPerson(a, NEXT_STEPS_SECTION_ID, rowId, OWNER, dana);
        linkPerson(b, NEXT_STEPS_SECTION_ID, rowId, OWNER, pat);
      },
    ],
    [
      'both pick the same person',
      (a, b, rowId) => {
        linkPerson(a, NEXT_STEPS_SECTION_ID, rowId, OWNER, dana);
        linkPerson(b, NEXT_STEPS_SECTION_ID, rowId, OWNER, dana);
      },
    ],
  ];
  for (const seed of [1, 2, 3, 4, 5]) {
    for (const [name, edit] of cases) {
      test(`${name} (seed ${seed}): both end with the same cell, linked only if its text is the name`, () => {
        const network = new ReplicaNetwork(barriers(), 2);
        const [a, b] = network.replicas as [Y.Doc, Y.Doc];
        edit(a, b, firstRowId(a));
        network.deliverAll(seed);
        const cellA = ownerCell(a);
        expect(cellA, `seed ${seed}`).toEqual(ownerCell(b));
        if (cellA?.kind === 'person' && cellA.account !== undefined)
          expect(cellA.text).toBe(cellA.account === 'acc-dana' ? 'Dana Reyes' : 'Pat Lee');
      });
    }
  }
});

describe('follow-ups by the linked person', () => {
  test('a linked owner is listed and filtered by the account’s current name', () => {
    const doc = barriers();
    linkPerson(doc, NEXT_STEPS_SECTION_ID, firstRowId(doc), OWNER, dana);
    const rows = collectFollowUps(readDocument(doc).value, source);
    const named = withCurrentOwnerNames(rows, new Map([['acc-dana', 'Dana Reyes-Ortiz']]));
    expect(named[0]!.owner).toBe('Dana Reyes-Ortiz');
    expect(listOwners(named)).toContain('Dana Reyes-Ortiz');
    expect(listOwners(named)).not.toContain('Dana Reyes');
    const filter = { owner: { kind: 'owner', name: 'dana reyes-ortiz' }, showDone: true } as const;
    expect(named.filter((row) => matchesFilter(row, filter))).toHaveLength(1);
  });

  test('an account whose name is not known keeps the name the cell was given', () => {
    const doc = barriers();
    linkPerson(doc, NEXT_STEPS_SECTION_ID, firstRowId(doc), OWNER, dana);
    const rows = collectFollowUps(readDocument(doc).value, source);
    expect(withCurrentOwnerNames(rows, new Map())[0]!.owner).toBe('Dana Reyes');
  });
});
