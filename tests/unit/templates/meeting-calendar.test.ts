import { describe, expect, test } from 'vitest';
import { readSections } from '../../../core/schema/index.ts';
import {
  MEETING_COLUMNS,
  MEETINGS_SECTION_ID,
  REPEAT_OPTIONS,
  WHERE_OPTIONS,
} from '../../../core/templates/index.ts';
import {
  buildTemplate,
  choiceLabels,
  columnTexts,
  columnTitles,
  columnValues,
  noteLines,
  tableOf,
} from './template-doc.ts';

const c = MEETING_COLUMNS;
const meetings = () => tableOf(buildTemplate('meeting-calendar'), MEETINGS_SECTION_ID);

describe('the meeting calendar tool', () => {
  test('follows the seed: the reflection, the guiding questions, then the calendar', () => {
    expect(
      readSections(buildTemplate('meeting-calendar')).value.map((section) => section.id),
    ).toEqual(['about', 'communication-reflection', 'guiding-questions', MEETINGS_SECTION_ID]);
  });

  test('opens with the four steps and both data-confidentiality warnings', () => {
    const lines = noteLines(buildTemplate('meeting-calendar'), 'about');
    expect(lines).toContain('Determine who will plan and schedule meetings.');
    expect(lines.at(-2)).toMatch(
      /^School-based mental health involves many questions regarding confidentiality and data sharing\./,
    );
    expect(lines.at(-1)).toMatch(/^Before sharing any data, consult with your legal team/);
  });

  test('the reflection pair asks what is working well and how the district can improve communication', () => {
    const table = tableOf(buildTemplate('meeting-calendar'), 'communication-reflection');
    expect(columnTitles(table)).toEqual([
      'What meetings or communication channels are working well?',
      'How can the district improve communication with community mental health providers?',
    ]);
    expect(table.rows).toHaveLength(1);
  });

  test('the six guiding questions come before the calendar', () => {
    const lines = noteLines(buildTemplate('meeting-calendar'), 'guiding-questions');
    const questions = lines.slice(
      lines.indexOf('As you complete the exercise, consider these guiding questions:') + 1,
    );
    expect(questions).toHaveLength(6);
    expect(questions[0]).toMatch(
      /^What considerations around data sharing need to be addressed before any information is shared\?/,
    );
    expect(questions.at(-1)).toBe(
      "Which staff are essential for these meetings? Which staff members' attendance should be optional?",
    );
  });
});

describe('the meetings table', () => {
  test('has exactly the contract columns, in order and of the agreed kinds', () => {
    const table = meetings();
    expect(table.columns.map((column) => column.id)).toEqual(Object.values(MEETING_COLUMNS));
    expect(table.columns.map((column) => column.kind)).toEqual([
      'text',
      'text',
      'multi-choice',
      'text',
      'text',
      'checkbox',
      'checkbox',
      'checkbox',
      'checkbox',
      'person',
      'date',
      'text',
      'minutes',
      'choice',
    ]);
    expect(table.columns.find((column) => column.id === c.time)?.hint).toBe('24-hour, e.g. 15:30');
  });

  test('names the four goal columns after the seed’s meeting goals', () => {
    const goalTitles = meetings()
      .columns.filter((column) => column.kind === 'checkbox')
      .map((column) => column.title);
    expect(goalTitles).toEqual([
      'Promote effective collaboration',
      'Ensure every student who needs services gets them',
      'Measure and improve service delivery',
      'Understand the effectiveness of delivered services',
    ]);
  });

  test('offers the contract’s where and repeat options by their ids', () => {
    const table = meetings();
    const where = table.columns.find((column) => column.id === c.where);
    const repeat = table.columns.find((column) => column.id === c.repeat);
    expect(where?.kind === 'multi-choice' && where.options).toEqual(
      WHERE_OPTIONS.map(({ id, label }) => ({ id, label })),
    );
    expect(repeat?.kind === 'choice' && repeat.options).toEqual(
      REPEAT_OPTIONS.map(({ id, label }) => ({ id, label })),
    );
  });

  test('lists the six sample meetings in the seed’s order, then an Other row', () => {
    expect(columnTexts(meetings(), c.meeting)).toEqual([
      'MOU renegotiation',
      'Kick-off meeting and goal-setting session',
      'Annual community provider training',
      'New community training',
      'Operational update',
      'Student progress update',
      'Other:',
    ]);
  });

  test('ticks each sample meeting’s goals exactly as the seed does', () => {
    const table = meetings();
    const ticks = table.rows.map((row) =>
      [c.goalCollaboration, c.goalAccess, c.goalDelivery, c.goalEffectiveness]
        .map((id) => {
          const cell = row.cells[id];
          return cell?.kind === 'checkbox' && cell.checked ? 'x' : '-';
        })
        .join(''),
    );
    expect(ticks).toEqual(['x---', 'x-x-', 'xxx-', 'xxx-', 'x-x-', '-x-x', '----']);
  });

  test('keeps the seed’s frequency, attendees and topics of each sample meeting', () => {
    const table = meetings();
    expect(columnTexts(table, c.frequency)).toEqual([
      'Renegotiate MOUs every 1-2 years; 2 or more meetings per MOU renegotiation (frequency depends on length of MOU)',
      'Beginning of each semester',
      'Beginning of each school year',
      'Beginning of each semester',
      'Every 1-2 months',
      'Every 2-4 weeks',
      '',
    ]);
    const attendees = columnTexts(table, c.attendees);
    expect(attendees[0]).toBe(
      'Director of student support\n“Owner” of relationship with community provider (e.g., a district-level resource coordinator or staff member)\nCommunity provider representatives',
    );
    expect(attendees[3]).toBe('Resource coordinator\nNew community mental health providers');
    const topics = columnTexts(table, c.topics);
    expect(topics[0]).toBe(
      'Discuss and finalize the details of a draft MOU (prepared in advance).',
    );
    expect(topics[4]!.split('\n')).toHaveLength(3);
    expect(topics[5]).toBe(
      'Track how services are contributing to the wellbeing of all students receiving services and have focused conversations on specific students.',
    );
  });

  test('each sample meeting repeats as its frequency suggests and lasts an hour', () => {
    const table = meetings();
    expect(choiceLabels(table, c.repeat)).toEqual([
      'Every 2 years',
      'Every semester (6 months)',
      'Every year',
      'Every semester (6 months)',
      'Every month',
      'Every 2 weeks',
      '',
    ]);
    expect(
      columnValues(table, c.duration).map((cell) =>
        cell?.kind === 'minutes' ? cell.value : undefined,
      ),
    ).toEqual([60, 60, 60, 60, 60, 60, null]);
  });

  test('leaves owner, first date, time and where for the team to decide', () => {
    const table = meetings();
    for (const row of table.rows) {
      expect(row.cells[c.owner]).toEqual({ kind: 'person', text: '' });
      expect(row.cells[c.firstDate]).toEqual({ kind: 'date', iso: null, text: '' });
      expect(row.cells[c.time]).toEqual({ kind: 'text', text: '' });
      expect(row.cells[c.where]).toEqual({ kind: 'multi-choice', optionIds: [] });
    }
  });
});
