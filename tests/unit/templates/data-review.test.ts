import { describe, expect, test } from 'vitest';
import { addRow, readSections } from '../../../core/schema/index.ts';
import { METRICS_COLUMNS, METRICS_SECTION_ID } from '../../../core/templates/index.ts';
import {
  buildTemplate,
  choiceLabels,
  columnTexts,
  columnTitles,
  columnValues,
  noteLines,
  tableOf,
} from './template-doc.ts';

describe('the data-review tool', () => {
  test('follows the seed: best practices, the information-sharing worksheet, the metrics, the reminder, then the protocol', () => {
    expect(readSections(buildTemplate('data-review')).value.map((section) => section.id)).toEqual([
      'about',
      'best-practices',
      'information-sharing',
      'metrics-checklist',
      METRICS_SECTION_ID,
      'legal-reminder',
      'protocol',
    ]);
  });

  test('opens with the five steps and the warning to consult the legal team before sharing any data', () => {
    const lines = noteLines(buildTemplate('data-review'), 'about');
    expect(lines).toContain(
      'Prepare prompts to use when discussing data with community providers.',
    );
    expect(lines.at(-1)).toBe(
      'Before sharing any data, consult with your legal team to ensure you understand and are adhering to all rules and regulations governing data confidentiality.',
    );
  });

  test('objective 1 lists the five practices for protecting student confidentiality', () => {
    const lines = noteLines(buildTemplate('data-review'), 'best-practices');
    expect(lines).toContain(
      'Reviewing rules and regulations (e.g., HIPAA, FERPA, state laws, and ethical guidelines).',
    );
    expect(lines).toContain(
      'Using appropriate technology and relevant cybersecurity safeguards to securely share information.',
    );
    expect(
      lines.filter((line) => /^(Reviewing|Developing|Creating|Training|Using) /.test(line)),
    ).toHaveLength(5);
  });

  test('the information-sharing worksheet asks its nine questions over three steps, each with an empty answer', () => {
    const table = tableOf(buildTemplate('data-review'), 'information-sharing');
    expect(columnTitles(table)).toEqual(['Step', 'Question', 'Answer']);
    const steps = choiceLabels(table, 'step');
    expect(steps.filter((step) => step.startsWith('Step 1:'))).toHaveLength(5);
    expect(steps.filter((step) => step.startsWith('Step 2:'))).toHaveLength(2);
    expect(steps.filter((step) => step.startsWith('Step 3:'))).toHaveLength(2);
    expect(columnTexts(table, 'question')[0]).toBe('Who are the partners?');
    expect(columnTexts(table, 'question').at(-1)).toBe('What tools do you need in place, if any?');
    expect(columnTexts(table, 'answer').every((answer) => answer === '')).toBe(true);
  });
});

describe('choosing metrics', () => {
  test('the checklist groups every example metric of the seed under its meeting goal, none ticked yet', () => {
    const table = tableOf(buildTemplate('data-review'), 'metrics-checklist');
    expect(columnTitles(table)).toEqual([
      'Potential meeting goal',
      'Example metrics to review',
      'Already collected',
    ]);
    const goals = choiceLabels(table, 'goal');
    const metrics = columnTexts(table, 'metric');
    const examplesOf = (goal: string): string[] =>
      metrics.filter((metric, index) => goals[index] === goal && metric !== '');
    expect(examplesOf('Promote effective collaboration')).toHaveLength(3);
    expect(examplesOf('Ensure every student who needs services gets them')).toEqual([
      'The percentage of all students referred for mental health services.',
      'Of those students referred for services: Percentage of students offered the opportunity to initiate services (regardless of parent or guardian consent).',
      'Of those students referred for services: Percentage of students who initiated services.',
      'Of those students referred for services: Percentage of students who initiated services and are still actively receiving them after one month.',
    ]);
    expect(examplesOf('Measure and improve service delivery')).toEqual([]);
    expect(examplesOf('Understand the effectiveness of delivered services')).toHaveLength(4);
    expect(
      columnValues(table, 'collected').every((cell) => cell?.kind === 'checkbox' && !cell.checked),
    ).toBe(true);
  });

  test('every goal keeps a blank line for a metric of the district’s own', () => {
    const table = tableOf(buildTemplate('data-review'), 'metrics-checklist');
    const goals = choiceLabels(table, 'goal');
    const blanks = columnTexts(table, 'metric').flatMap((metric, index) =>
      metric === '' ? [goals[index]] : [],
    );
    expect(new Set(blanks).size).toBe(4);
  });

  test('the checklist points to the Wilder Research instruments for the effectiveness surveys', () => {
    expect(tableOf(buildTemplate('data-review'), 'metrics-checklist').description).toContain(
      'Appendix E: Survey instruments starting on page 53',
    );
  });
});

describe('the metrics table', () => {
  test('has exactly the contract columns: period, provider, six counts and four computed rates', () => {
    const table = tableOf(buildTemplate('data-review'), METRICS_SECTION_ID);
    expect(table.columns.map((column) => column.id)).toEqual(Object.values(METRICS_COLUMNS));
    expect(table.columns.map((column) => column.kind)).toEqual([
      'text',
      'text',
      'number',
      'number',
      'number',
      'number',
      'number',
      'number',
      'rate',
      'rate',
      'rate',
      'rate',
    ]);
    const c = METRICS_COLUMNS;
    const rates = table.columns.flatMap((column) =>
      column.kind === 'rate' ? [[column.id, column.numerator, column.denominator]] : [],
    );
    expect(rates).toEqual([
      [c.offeredRate, c.offered, c.referred],
      [c.initiatedRate, c.initiated, c.referred],
      [c.activeRate, c.active, c.referred],
      [c.trainedRate, c.providersTrained, c.providersTotal],
    ]);
    expect(table.columns[0]!.hint).toContain('2026-09');
  });

  test('starts empty and tells people never to enter student names or ids', () => {
    const table = tableOf(buildTemplate('data-review'), METRICS_SECTION_ID);
    expect(table.rows).toEqual([]);
    expect(table.description).toMatch(/Never enter student names, student ids/);
  });

  test('a month of counts yields the offered, initiated, active and trained rates', () => {
    const doc = buildTemplate('data-review');
    const c = METRICS_COLUMNS;
    const added = addRow(doc, METRICS_SECTION_ID, {
      values: {
        [c.period]: '2026-09',
        [c.provider]: 'Riverside Counseling',
        [c.referred]: 40,
        [c.offered]: 36,
        [c.initiated]: 30,
        [c.active]: 24,
        [c.providersTrained]: 9,
        [c.providersTotal]: 12,
      },
    });
    expect(added.ok).toBe(true);
    const cells = tableOf(doc, METRICS_SECTION_ID).rows[0]!.cells;
    expect(
      [c.offeredRate, c.initiatedRate, c.activeRate, c.trainedRate].map((id) => cells[id]),
    ).toEqual([
      { kind: 'rate', value: 0.9 },
      { kind: 'rate', value: 0.75 },
      { kind: 'rate', value: 0.6 },
      { kind: 'rate', value: 0.75 },
    ]);
  });
});

describe('the discussion protocol', () => {
  test('reminds the team to consult the legal team before sharing student-level data', () => {
    expect(noteLines(buildTemplate('data-review'), 'legal-reminder')).toEqual([
      'Reminder: Please consult with your legal team before sharing any student-level data.',
    ]);
  });

  test('the handout has rows for goals, facilitator, date, attendees and both parts, each with empty notes', () => {
    const table = tableOf(buildTemplate('data-review'), 'protocol');
    expect(columnTitles(table)).toEqual(['Item', 'Example', 'Notes']);
    expect(columnTexts(table, 'item')).toEqual([
      'Meeting goals',
      'Facilitator name',
      'Meeting date',
      'Attendees',
      'Part 1: Reviewing the data',
      'Part 2: Committing to next steps',
    ]);
    expect(columnTexts(table, 'notes')).toEqual(['', '', '', '', '', '']);
  });

  test('is prefilled with the seed’s example: its goals, cadence, attendees, six review prompts and two commitment prompts', () => {
    const examples = columnTexts(tableOf(buildTemplate('data-review'), 'protocol'), 'example');
    const prompts = (text: string | undefined): string[] =>
      (text ?? '').split('\n').filter((line) => line.startsWith('• '));
    expect(examples[0]).toBe(
      'Assess the current systems for referring students and providing mental health services\nUse student wellbeing outcomes data to create action plans',
    );
    expect(examples[1]).toBe('');
    expect(examples[2]).toMatch(/^Once a month\/every two months\n/);
    expect(examples[3]).toBe(
      'Resource coordinator\nSchool head of student support\nPartner representative (e.g., manager of partner-employed providers)',
    );
    expect(prompts(examples[4])).toEqual([
      '• What can be celebrated in this data?',
      '• What elements of the data are concerning or do we need to look into further?',
      "• How does this data compare to last month's data?",
      '• What systems are working particularly well? What systems should be improved?',
      '• Do we have sufficient provider capacity to meet student needs next month?',
      '• What else have you seen that is driving this data or that might not be captured in the data?',
    ]);
    expect(prompts(examples[5])).toEqual([
      '• What actions could we take based on this data?',
      '• What 1-3 actions will have the biggest impact? Who will own them and when will they be complete?',
    ]);
  });
});
