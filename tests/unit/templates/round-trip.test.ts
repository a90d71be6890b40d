import * as Y from 'yjs';
import { describe, expect, test } from 'vitest';
import {
  exportCsv,
  exportHtml,
  exportIcs,
  exportMarkdown,
  findTable,
} from '../../../core/export/index.ts';
import { readDocument } from '../../../core/schema/index.ts';
import { TEMPLATE_IDS, type TemplateId } from '../../../core/templates/index.ts';
import { buildTemplate } from './template-doc.ts';

/**
 * Every template survives the trip a real document takes: built once, encoded as one Yjs
 * update, applied to a fresh replica, read back and exported. Phrases are quoted from the seed.
 */
const SEED_PHRASES: Record<TemplateId, string[]> = {
  barriers: [
    'District leaders and staff are unsure how to effectively manage data privacy and confidentiality',
    'Regularly review data with community providers',
    'Other \\[please specify\\]', // Markdown escapes the brackets
    'What is working well?',
    'please do **not** share any information regarding specific students', // bold kept in Markdown
    'School counselor(s)',
    'Clearly assign and communicate roles and responsibilities to school or district staff and community providers',
    'Beginning of next semester',
  ],
  'roles-working-session': [
    'I am looking forward to our working session on \\[date\\] at \\[time\\].',
    'Identify a central coordinating role to act as a liaison between school staff, community mental health providers, students, and families',
    '| 35 min |',
    'What tasks do these staff do?',
    'Serve as a day-to-day liaison among school leaders, staff, community providers, and the greater community.',
    'Teachers',
  ],
  'data-review': [
    'Which laws, if any, apply?',
    'partner organizations returning each school year',
    'Active after one month',
    "How does this data compare to last month's data?",
    'What 1-3 actions will have the biggest impact? Who will own them and when will they be complete?',
  ],
  'referral-pathway': [
    'Referral to the school-based coordinator',
    'Within 2 school days of consent',
    'the minimum necessary',
    "| District's crisis response |",
    '```mermaid',
  ],
  'meeting-calendar': [
    'What meetings or communication channels are working well?',
    'MOU renegotiation',
    'Kick-off meeting and goal-setting session',
    'Annual community provider training',
    'New community training',
    'Operational update',
    'Student progress update',
    'Director of student support',
  ],
  assessment: [
    'Use MOUs or other agreements to detail the terms of the partnership',
    'Assign responsibility for scheduling appointments to a school-based coordinator.',
    'Use data-sharing agreements, informed by youth and families',
    'from Never to Always',
    'When will your district repeat this assessment?',
  ],
};

function throughTheWire(template: TemplateId): Y.Doc {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(buildTemplate(template)));
  return replica;
}

describe.each(TEMPLATE_IDS)('the %s template, sent to a fresh replica', (template) => {
  test('reads back without problems', () => {
    expect(readDocument(throughTheWire(template)).problems).toEqual([]);
  });

  test('exports to Markdown and HTML containing its seed content', () => {
    const view = readDocument(throughTheWire(template)).value;
    const markdown = exportMarkdown(view);
    const html = exportHtml(view);
    expect(markdown.startsWith(`# ${view.meta.title}\n`)).toBe(true);
    for (const phrase of SEED_PHRASES[template]) expect(markdown).toContain(phrase);
    for (const section of view.sections)
      expect(html).toContain(section.title.replaceAll('&', '&amp;').replaceAll("'", '&#39;'));
  });

  test('exports each of its tables as CSV with a header of the column titles', () => {
    const view = readDocument(throughTheWire(template)).value;
    for (const section of view.sections) {
      if (section.kind !== 'table') continue;
      const table = findTable(view, section.id)!;
      const header = exportCsv(table).split('\r\n')[0]!;
      expect(header.length).toBeGreaterThan(0);
      expect(header).toContain(
        table.columns[0]!.title.includes(',')
          ? `"${table.columns[0]!.title}"`
          : table.columns[0]!.title,
      );
    }
  });
});

describe('the meeting calendar as iCalendar', () => {
  test('is a valid but empty calendar until someone gives the meetings a first date', () => {
    const { ics, skipped } = exportIcs(readDocument(throughTheWire('meeting-calendar')).value, {
      now: new Date('2026-11-29T10:00:00Z'),
    });
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).not.toContain('BEGIN:VEVENT');
    expect(skipped.length).toBeGreaterThanOrEqual(6);
  });
});
