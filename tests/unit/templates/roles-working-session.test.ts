import { describe, expect, test } from 'vitest';
import { readSections } from '../../../core/schema/index.ts';
import {
  AGENDA_COLUMNS,
  AGENDA_SECTION_ID,
  NEXT_STEPS_COLUMNS,
  NEXT_STEPS_SECTION_ID,
} from '../../../core/templates/index.ts';
import {
  buildTemplate,
  choiceLabels,
  columnTexts,
  columnTitles,
  columnValues,
  noteBlocks,
  noteLines,
  tableOf,
} from './template-doc.ts';

describe('preparing the working session', () => {
  test('follows the seed: team, invitation and agenda, materials, the facilitated topics, then next steps', () => {
    expect(
      readSections(buildTemplate('roles-working-session')).value.map((section) => section.id),
    ).toEqual([
      'about',
      'planning-team',
      'invitation',
      AGENDA_SECTION_ID,
      'materials',
      'meeting-goals',
      'coordinating-role',
      'current-coordinators',
      'roles-and-responsibilities',
      NEXT_STEPS_SECTION_ID,
    ]);
  });

  test('lists the seven steps of the tool and the two things to consider', () => {
    const doc = buildTemplate('roles-working-session');
    const steps = noteBlocks(doc, 'about').find((block) => block.type === 'orderedList');
    expect(steps?.type === 'orderedList' && steps.items.length).toBe(7);
    const lines = noteLines(doc, 'about');
    expect(lines).toContain(
      "Consider at which stages of the process your team might involve the district's legal and procurement teams.",
    );
    expect(lines.at(-1)).toMatch(
      /^Consider whether relevant stakeholder groups that are not represented/,
    );
  });

  test('the planning team table lists the three potential roles with a name to fill in for each', () => {
    const table = tableOf(buildTemplate('roles-working-session'), 'planning-team');
    expect(columnTitles(table)).toEqual(['Potential role', 'Name of meeting attendee']);
    expect(columnTexts(table, 'role')).toEqual([
      'District head(s) of student support',
      'School head(s) of student support',
      'Other administrator(s) (e.g., principal)',
    ]);
    expect(columnTexts(table, 'name')).toEqual(['', '', '']);
  });

  test('the invitation email greets colleagues and leaves date, time, location and signature to fill in', () => {
    const lines = noteLines(buildTemplate('roles-working-session'), 'invitation');
    expect(lines).toContain('Dear colleagues,');
    expect(lines).toContain(
      'I am looking forward to our working session on [date] at [time]. We will be meeting at [location].',
    );
    expect(lines.at(-1)).toBe('[Signature]');
  });

  test('the agenda lists the five topics with 5, 30, 5, 35 and 15 minutes', () => {
    const table = tableOf(buildTemplate('roles-working-session'), AGENDA_SECTION_ID);
    expect(table.columns.map((column) => [column.id, column.kind])).toEqual([
      [AGENDA_COLUMNS.topic, 'text'],
      [AGENDA_COLUMNS.minutes, 'minutes'],
    ]);
    expect(columnTexts(table, AGENDA_COLUMNS.topic)).toEqual([
      'Meeting goals and introduction',
      'Identify a central coordinating role to act as a liaison between school staff, community mental health providers, students, and families',
      'Break',
      'Plan roles and responsibilities for teachers, staff, administrators, and community mental health providers',
      'Identify next steps and begin taking action',
    ]);
    expect(
      columnValues(table, AGENDA_COLUMNS.minutes).map((cell) =>
        cell?.kind === 'minutes' ? cell.value : null,
      ),
    ).toEqual([5, 30, 5, 35, 15]);
  });

  test('lists the participant workbook and the sample job description as materials to prepare', () => {
    expect(noteLines(buildTemplate('roles-working-session'), 'materials')).toEqual([
      'Before the meeting, consider preparing the linked materials for the working session.',
      'Participant workbook',
      'Sample job description for a resource coordinator',
    ]);
  });
});

describe('facilitating the working session', () => {
  test('the sample meeting goal is set apart for the facilitator to adapt', () => {
    const quote = noteBlocks(buildTemplate('roles-working-session'), 'meeting-goals').find(
      (block) => block.type === 'blockquote',
    );
    expect(
      quote?.type === 'blockquote' &&
        quote.blocks[0]?.type === 'paragraph' &&
        quote.blocks[0].content[0]?.text,
    ).toMatch(
      /^The purpose of this meeting is to further define the roles and responsibilities of our staff and community mental health providers\./,
    );
  });

  test('the coordinating-role topic stresses trust in services for students, staff and families', () => {
    const lines = noteLines(buildTemplate('roles-working-session'), 'coordinating-role');
    expect(lines[0]).toMatch(
      /^Facilitator: Review the resource coordinator role and job description with your team\./,
    );
    expect(lines[1]).toContain(
      'building awareness and trust in services for students, staff, and families',
    );
  });

  test('who does the coordinator’s work today: three empty rows, and whether the role exists at all, most or some schools', () => {
    const table = tableOf(buildTemplate('roles-working-session'), 'current-coordinators');
    expect(columnTitles(table)).toEqual([
      'List the staff who currently do the work of a resource coordinator',
      'What tasks do these staff do?',
      'For districts, does this role exist at all schools?',
    ]);
    const coverage = table.columns[2]!;
    expect(coverage.kind === 'choice' && coverage.options.map((option) => option.label)).toEqual([
      'All schools',
      'Most schools',
      'Some schools',
      "Not sure/don't know",
    ]);
    expect(table.rows).toHaveLength(3);
    expect(columnTexts(table, 'staff')).toEqual(['', '', '']);
    expect(choiceLabels(table, 'at-all-schools')).toEqual(['', '', '']);
  });

  test('the five roles carry their full responsibilities from the seed', () => {
    const table = tableOf(buildTemplate('roles-working-session'), 'roles-and-responsibilities');
    expect(columnTexts(table, 'role')).toEqual([
      'Administrators and principals',
      'Resource coordinator',
      'School mental health support staff',
      'Community providers',
      'Teachers',
    ]);
    const responsibilities = columnTexts(table, 'responsibilities');
    expect(
      responsibilities.map(
        (text) => text.split('\n').filter((line) => line.startsWith('• ')).length,
      ),
    ).toEqual([4, 4, 2, 4, 2]);
    expect(responsibilities[0]!.split('\n')[0]).toBe(
      'Make key operational decisions and get buy-in from all internal and external stakeholders.',
    );
    expect(responsibilities[1]!.split('\n')[0]).toBe(
      'Serve as a day-to-day liaison among school leaders, staff, community providers, and the greater community.',
    );
    expect(responsibilities[2]).toContain(
      '• Perform an initial triage and, as needed, refer cases for outside care.',
    );
    expect(responsibilities[3]).toContain(
      '(Providers can use this toolkit for guidelines on working at schools.)',
    );
    expect(responsibilities[4]).toContain(
      '• Work with clinicians to ensure school-based mental health efforts are minimally disruptive to the classroom',
    );
    expect(table.description).toContain(
      'Source: Adapted from the School-Based Health Care Support Toolkit (Ohio Department of Education)',
    );
  });

  test('next steps start with the seed’s three potential tasks, still without owner or deadline', () => {
    const table = tableOf(buildTemplate('roles-working-session'), NEXT_STEPS_SECTION_ID);
    expect(table.columns.map((column) => column.id)).toEqual(Object.values(NEXT_STEPS_COLUMNS));
    expect(columnTexts(table, NEXT_STEPS_COLUMNS.task)).toEqual([
      'Work with the district’s legal department and community providers to update or refine existing MOUs or create new ones, where appropriate',
      'Communicate roles and responsibilities with school or district staff, community providers, and other key stakeholders',
      'Once roles and responsibilities have been established, follow up with district staff and partners on how systems are working and make changes as needed',
    ]);
    expect(columnTexts(table, NEXT_STEPS_COLUMNS.owner)).toEqual(['', '', '']);
    expect(columnTexts(table, NEXT_STEPS_COLUMNS.deadline)).toEqual(['', '', '']);
  });
});
