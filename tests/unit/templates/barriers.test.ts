import { describe, expect, test } from 'vitest';
import { readNote, readSections } from '../../../core/schema/index.ts';
import { NEXT_STEPS_COLUMNS, NEXT_STEPS_SECTION_ID } from '../../../core/templates/index.ts';
import {
  buildTemplate,
  choiceLabels,
  columnTexts,
  columnTitles,
  columnValues,
  noteLines,
  tableOf,
} from './template-doc.ts';

const GROUPS = [
  'barriers-privacy',
  'barriers-roles',
  'barriers-data',
  'barriers-calendar',
  'barriers-assessment',
];

function rowsOfType(sectionId: string, type: string): string[] {
  const table = tableOf(buildTemplate('barriers'), sectionId);
  const types = choiceLabels(table, 'type');
  return columnTexts(table, 'item').filter((_, index) => types[index] === type);
}

describe('the barriers tool', () => {
  test('follows the seed: objective 1 and its five checklists, the staff survey, its reflection, then next steps', () => {
    const doc = buildTemplate('barriers');
    expect(readSections(doc).value.map((section) => section.id)).toEqual([
      'about',
      'objective-1',
      ...GROUPS,
      'objective-2',
      'staff-survey',
      'survey-participants',
      'survey-reflection',
      NEXT_STEPS_SECTION_ID,
    ]);
  });

  test('lists the three steps of the tool, with the survey’s three sub-steps', () => {
    const lines = noteLines(buildTemplate('barriers'), 'about');
    expect(lines).toContain('Review the potential solutions to common challenges and plan action.');
    expect(lines).toContain('Determine who will participate in the survey and collect responses.');
    expect(lines).toContain('Identify next steps.');
    expect(lines[1]).toContain(
      'other external entities that provide student mental health services',
    );
  });
});

describe('objective 1: challenges and mitigation actions', () => {
  test('every group has a Select box on each row, all unticked', () => {
    const doc = buildTemplate('barriers');
    for (const id of GROUPS) {
      const table = tableOf(doc, id);
      expect(columnTitles(table)).toEqual(['Challenge or action', 'Description', 'Select']);
      expect(
        columnValues(table, 'select').every((cell) => cell?.kind === 'checkbox' && !cell.checked),
      ).toBe(true);
    }
  });

  test('lists all nine common challenges of the seed across the five groups', () => {
    const counts = GROUPS.map((id) => rowsOfType(id, 'Common challenge').length);
    expect(counts).toEqual([1, 3, 2, 2, 1]);
    expect(rowsOfType('barriers-roles', 'Common challenge')).toEqual([
      'Too many staff members and partners are trying to engage families, collect consent, and gather paperwork.',
      'There is a lack of clarity on how to connect students with outside resources and who to go to with questions about supporting students who are receiving care.',
      'On occasion, there is no owner for key activities, such as helping partners understand school or district policies and procedures and facilitating two-way communication between school or district staff and partners.',
    ]);
    expect(rowsOfType('barriers-assessment', 'Common challenge')).toEqual([
      'It is difficult to track whether processes and practices for working with community providers are implemented at all schools throughout the school year.',
    ]);
  });

  test('every group ends its mitigation actions with "Other [please specify]"', () => {
    for (const id of GROUPS)
      expect(rowsOfType(id, 'Potential mitigation action').at(-1)).toBe('Other [please specify]');
  });

  test('each tool of the toolkit is offered as the action for its group', () => {
    expect(GROUPS.slice(1).map((id) => rowsOfType(id, 'Potential mitigation action')[0])).toEqual([
      'Assign roles and responsibilities to school or district staff and community providers',
      'Regularly review data with community providers',
      'Establish a meeting calendar with community providers',
      'Periodically assess how effectively your district is managing its relationship with community providers',
    ]);
  });

  test('the FERPA and HIPAA group offers three legal-team actions, the first naming the three federal resources', () => {
    const actions = rowsOfType('barriers-privacy', 'Potential mitigation action');
    expect(actions).toHaveLength(4);
    expect(actions[0]).toContain(
      'Work with your district legal team and state department of education',
    );
    expect(actions[0]).toContain('• Overview of FERPA and HIPAA');
    expect(actions[0]).toContain(
      '• Understand how HIPAA and FERPA apply to student health records',
    );
    expect(actions[0]).toContain(
      '• Comparison of HIPAA and FERPA laws and details on state-level laws for select states (Hawaii, California, Nevada, and Arizona)',
    );
    expect(actions[1]).toMatch(/^In consultation with your district legal team/);
    expect(actions[2]).toBe(
      'Work with your district legal team to ensure all teachers, staff, and relevant community providers are aware of their role requirements.',
    );
  });
});

describe('objective 2: the staff survey', () => {
  test('the letter greets staff, leaves the date blank and asks them not to share anything about specific students', () => {
    const doc = buildTemplate('barriers');
    const lines = noteLines(doc, 'staff-survey');
    expect(lines.slice(0, 2)).toEqual(['Dear staff,', 'Date: _____']);
    expect(lines).toContain(
      'We are interested in your opinions. Please fill out this questionnaire and return it to the student support office by _____. As a reminder, please do not share any information regarding specific students in your responses. Thank you for your participation.',
    );
    const reminder = readNote(doc, 'staff-survey')!.value.find(
      (block) => block.type === 'paragraph' && block.content.some((run) => run.text === 'not'),
    );
    expect(
      reminder?.type === 'paragraph' && reminder.content.find((run) => run.text === 'not')?.bold,
    ).toBe(true);
  });

  test('the survey asks questions 1 to 4 and for additional suggestions', () => {
    const lines = noteLines(buildTemplate('barriers'), 'staff-survey');
    expect(lines.filter((line) => /^\d\. /.test(line))).toEqual([
      '1. What is working well?',
      '2. What could be improved? How does it affect students and staff?',
      '3. What is working with our current roles and responsibilities?',
      '4. What is not working well? How does this affect students and staff?',
    ]);
    expect(lines.at(-1)).toBe('Do you have any additional suggestions?');
  });

  test('reminds whoever copies the survey form to watch who it is shared with', () => {
    expect(noteLines(buildTemplate('barriers'), 'objective-2')).toContain(
      'Please monitor who your copy of the survey is shared with to ensure it is only shared with the staff who should be able to view the responses.',
    );
  });

  test('the participants table lists the five potential roles, each with a name to fill in', () => {
    const table = tableOf(buildTemplate('barriers'), 'survey-participants');
    expect(columnTitles(table)).toEqual([
      'Potential role to include',
      'Name of survey participant',
    ]);
    expect(table.columns.map((column) => column.kind)).toEqual(['text', 'person']);
    expect(columnTexts(table, 'role')).toEqual([
      'School head(s) of student support',
      'School counselor(s)',
      'Social worker(s)',
      'School psychologist(s)',
      'Other licensed provider(s) (e.g., licensed clinical social workers)',
    ]);
    expect(columnTexts(table, 'name')).toEqual(['', '', '', '', '']);
    expect(table.description).toContain(
      'Do these participants reflect the diversity of my district',
    );
  });

  test('step 3 poses the five reflection questions, each with room for an answer', () => {
    const table = tableOf(buildTemplate('barriers'), 'survey-reflection');
    const questions = columnTexts(table, 'question');
    expect(questions).toHaveLength(5);
    expect(questions[0]).toMatch(/^Where might there be opportunities to improve collaboration/);
    expect(questions.at(-1)).toBe(
      'What priorities does the survey suggest the district should focus on first?',
    );
    expect(columnTexts(table, 'reflection')).toEqual(['', '', '', '', '']);
  });
});

describe('objective 3: next steps', () => {
  test('the next-steps table has task, owner, deadline and done columns', () => {
    const table = tableOf(buildTemplate('barriers'), NEXT_STEPS_SECTION_ID);
    expect(table.columns.map((column) => [column.id, column.kind])).toEqual([
      [NEXT_STEPS_COLUMNS.task, 'text'],
      [NEXT_STEPS_COLUMNS.owner, 'person'],
      [NEXT_STEPS_COLUMNS.deadline, 'date'],
      [NEXT_STEPS_COLUMNS.done, 'checkbox'],
    ]);
  });

  test('starts with the seed’s example: roles assigned by the community partnership coordinator by next semester', () => {
    const table = tableOf(buildTemplate('barriers'), NEXT_STEPS_SECTION_ID);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]!.cells).toEqual({
      [NEXT_STEPS_COLUMNS.task]: {
        kind: 'text',
        text: 'Clearly assign and communicate roles and responsibilities to school or district staff and community providers',
      },
      [NEXT_STEPS_COLUMNS.owner]: { kind: 'person', text: 'Community partnership coordinator' },
      [NEXT_STEPS_COLUMNS.deadline]: {
        kind: 'date',
        iso: null,
        text: 'Beginning of next semester',
      },
      [NEXT_STEPS_COLUMNS.done]: { kind: 'checkbox', checked: false },
    });
  });
});
