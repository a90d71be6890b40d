import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  addNoteSection,
  initializeDocument,
  readDocument,
  readMeta,
  readSections,
} from '../../../core/schema/index.ts';
import {
  createDocument,
  findTemplate,
  listTemplates,
  TEMPLATE_IDS,
  TEMPLATES,
  type TemplateId,
} from '../../../core/templates/index.ts';
import { buildTemplate, CREATED_AT } from './template-doc.ts';

describe('the template registry', () => {
  test('offers the five tools of the toolkit in the seed’s order, then the referral pathway', () => {
    expect(TEMPLATES.map((template) => template.id)).toEqual([...TEMPLATE_IDS]);
    expect(TEMPLATE_IDS).toEqual([
      'barriers',
      'roles-working-session',
      'data-review',
      'meeting-calendar',
      'assessment',
      'referral-pathway',
    ]);
  });

  test('lists each template with its id, title and description only', () => {
    const listed = listTemplates();
    expect(listed.map((entry) => entry.id)).toEqual([...TEMPLATE_IDS]);
    for (const entry of listed) {
      expect(Object.keys(entry).sort()).toEqual(['description', 'id', 'title']);
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.description.length).toBeGreaterThan(0);
    }
  });

  test('titles each template after its tool in the seed (the pathway after the rubric practice it serves)', () => {
    expect(listTemplates().map((entry) => entry.title)).toEqual([
      'Understand and address potential barriers to working with community providers',
      'Assign roles and responsibilities to school or district staff and community providers',
      'Regularly review data with community providers',
      'Establish a calendar of meetings with community providers',
      'Periodically assess how effectively your district is managing the relationship with community mental health providers',
      'Map the referral pathway with community providers',
    ]);
  });

  test('finds a template by its id and nothing for an unknown id', () => {
    for (const id of TEMPLATE_IDS) expect(findTemplate(id)?.id).toBe(id);
    expect(findTemplate('budget')).toBeNull();
    expect(findTemplate('')).toBeNull();
  });
});

describe('creating a document', () => {
  test('a blank document is titled "Untitled document" and has no sections', () => {
    const doc = new Y.Doc();
    expect(createDocument(doc, { template: null, createdAt: CREATED_AT })).toEqual({ ok: true });
    expect(readMeta(doc).value).toMatchObject({
      title: 'Untitled document',
      template: null,
      createdAt: CREATED_AT,
    });
    expect(readSections(doc).value).toEqual([]);
  });

  test('a document from a template takes the template’s title unless given one', () => {
    const doc = buildTemplate('data-review');
    expect(readMeta(doc).value).toMatchObject({
      title: 'Regularly review data with community providers',
      template: 'data-review',
      createdAt: CREATED_AT,
    });

    const named = new Y.Doc();
    createDocument(named, { template: 'data-review', title: 'September data review' });
    expect(readMeta(named).value).toMatchObject({
      title: 'September data review',
      template: 'data-review',
    });
  });

  test('an unknown template id from outside is refused and writes nothing', () => {
    const doc = new Y.Doc();
    const result = createDocument(doc, { template: 'budget' as TemplateId });
    expect(result.ok).toBe(false);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(new Y.Doc()));
  });

  test('a document that already has sections but no meta is refused', () => {
    const doc = new Y.Doc();
    addNoteSection(doc, { title: 'Typed before anyone created the document' });
    const before = Y.encodeStateAsUpdate(doc);
    expect(createDocument(doc, { template: 'barriers' }).ok).toBe(false);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  test('a blank document that was already created is not filled by a template later', () => {
    const doc = new Y.Doc();
    initializeDocument(doc, { title: 'Notes', template: null });
    const before = Y.encodeStateAsUpdate(doc);
    expect(createDocument(doc, { template: 'assessment' }).ok).toBe(false);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });
});

describe.each(TEMPLATE_IDS)('the %s template', (id) => {
  test('reads back without a single problem', () => {
    const doc = buildTemplate(id);
    const view = readDocument(doc);
    expect(view.problems).toEqual([]);
    expect(view.value.sections.length).toBeGreaterThan(0);
    for (const section of view.value.sections) {
      expect(section.kind).not.toBe('unknown');
      expect(section.title.trim()).not.toBe('');
    }
  });

  test('writes its content exactly once: a second createDocument is refused and changes nothing', () => {
    const doc = buildTemplate(id);
    const before = Y.encodeStateAsUpdate(doc);
    const again = createDocument(doc, { template: id });
    expect(again).toMatchObject({ ok: false, reason: 'invalid' });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  test('reads back identical on a fresh replica after one encoded update', () => {
    const doc = buildTemplate(id);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    expect(readDocument(replica)).toEqual(readDocument(doc));
  });

  test('is filled in one transaction, so other replicas never see it half-built', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    createDocument(doc, { template: id });
    expect(updates).toBe(1);
  });
});
