import { describe, expect, test } from 'vitest';
import { readSections, setRating } from '../../../core/schema/index.ts';
import { FREQUENCY_SCALE } from '../../../core/tables/index.ts';
import {
  RUBRIC_COLUMNS,
  RUBRIC_DOMAINS,
  RUBRIC_SECTION_ID,
} from '../../../core/templates/index.ts';
import {
  buildTemplate,
  choiceLabels,
  columnTexts,
  columnTitles,
  noteLines,
  tableOf,
} from './template-doc.ts';

const [MANAGE, CARE, PRIVACY] = RUBRIC_DOMAINS.map((domain) => domain.label);

function practicesOf(domain: string | undefined): string[] {
  const table = tableOf(buildTemplate('assessment'), RUBRIC_SECTION_ID);
  const domains = choiceLabels(table, RUBRIC_COLUMNS.domain);
  return columnTexts(table, RUBRIC_COLUMNS.practice).filter(
    (_, index) => domains[index] === domain,
  );
}

describe('the assessment tool', () => {
  test('follows the seed: the rubric and its references, then who takes it, the reflection and when to retake it', () => {
    expect(readSections(buildTemplate('assessment')).value.map((section) => section.id)).toEqual([
      'about',
      'objective-1',
      RUBRIC_SECTION_ID,
      'references',
      'participants',
      'complete',
      'reflection',
      'revisit',
    ]);
  });

  test('objective 1 asks three guiding questions for adapting the rubric', () => {
    const lines = noteLines(buildTemplate('assessment'), 'objective-1');
    expect(lines.slice(1)).toEqual([
      'What has worked in the district in the past that you would like to continue?',
      "What practices are most important to the district's student wellbeing goals?",
      'What challenges are most affecting the quality and quantity of wellbeing services delivered to students?',
    ]);
  });
});

describe('the rubric', () => {
  test('has a domain, a practice and a rating column', () => {
    const table = tableOf(buildTemplate('assessment'), RUBRIC_SECTION_ID);
    expect(table.columns.map((column) => [column.id, column.kind])).toEqual([
      [RUBRIC_COLUMNS.domain, 'choice'],
      [RUBRIC_COLUMNS.practice, 'text'],
      [RUBRIC_COLUMNS.rating, 'rating'],
    ]);
    expect(columnTitles(table).slice(0, 2)).toEqual([
      'Does your district ...',
      'Potential practices to consider',
    ]);
  });

  test('groups practices under the seed’s three domains', () => {
    const domain = tableOf(buildTemplate('assessment'), RUBRIC_SECTION_ID).columns[0]!;
    expect(domain.kind === 'choice' && domain.options.map((option) => option.label)).toEqual([
      '... effectively manage and communicate with community providers?',
      '... provide high-quality, integrated care to students?',
      '... ensure the privacy of sensitive student and family data?',
    ]);
  });

  test('lists every practice of the seed, six, three and three, each domain ending with a blank row to add one’s own', () => {
    expect(practicesOf(MANAGE)).toHaveLength(7);
    expect(practicesOf(MANAGE)[0]).toMatch(
      /^Use MOUs or other agreements to detail the terms of the partnership/,
    );
    expect(practicesOf(MANAGE)[5]).toBe(
      'Clarify roles and responsibilities for school staff and community mental health providers.',
    );
    expect(practicesOf(CARE)).toEqual([
      'Provide staff and community partners with training and written guidance on protocols for care coordination and wraparound services for students with high mental health needs.',
      'Ensure school staff understand the array of services available in the community for youth and families and have access to a regularly (e.g., at least annually) updated resource directory.',
      'Assign responsibility for scheduling appointments to a school-based coordinator.',
      '',
    ]);
    expect(practicesOf(PRIVACY)).toHaveLength(4);
    expect(practicesOf(PRIVACY)[0]).toContain(
      'such as FERPA, and that school staff follow laws governing health systems, such as HIPAA.',
    );
    expect(practicesOf(PRIVACY).at(-1)).toBe('');
  });

  test('each practice is rated from Never to Always, one answer per participant, and starts unanswered', () => {
    const doc = buildTemplate('assessment');
    const table = tableOf(doc, RUBRIC_SECTION_ID);
    const rating = table.columns[2]!;
    expect(rating.kind === 'rating' && rating.scale).toEqual(FREQUENCY_SCALE);
    expect(FREQUENCY_SCALE).toEqual([
      'Never',
      'Rarely',
      'Sometimes',
      'Often',
      'Almost always',
      'Always',
    ]);
    expect(table.rows.map((row) => row.cells[RUBRIC_COLUMNS.rating])).toEqual(
      table.rows.map(() => ({ kind: 'rating', answers: [] })),
    );

    const first = table.rows[0]!.id;
    expect(setRating(doc, RUBRIC_SECTION_ID, first, RUBRIC_COLUMNS.rating, 'Maria', 4).ok).toBe(
      true,
    );
    expect(setRating(doc, RUBRIC_SECTION_ID, first, RUBRIC_COLUMNS.rating, 'Dev', 1).ok).toBe(true);
    expect(tableOf(doc, RUBRIC_SECTION_ID).rows[0]!.cells[RUBRIC_COLUMNS.rating]).toEqual({
      kind: 'rating',
      answers: [
        { participant: 'Dev', level: 1 },
        { participant: 'Maria', level: 4 },
      ],
    });
  });

  test('points to the data-review resources for the privacy domain', () => {
    expect(tableOf(buildTemplate('assessment'), RUBRIC_SECTION_ID).description).toContain(
      '... ensure the privacy of sensitive student and family data? See here for resources on reviewing data with community providers.',
    );
  });

  test('cites the three references of the seed', () => {
    expect(noteLines(buildTemplate('assessment'), 'references')).toEqual([
      'NCSMH School Mental Health Quality Assessment – District Version',
      'Wisconsin School Mental Health Framework',
      'National Center for School Mental Health',
    ]);
  });
});

describe('taking the assessment and acting on it', () => {
  test('the participants table asks for each role and the staff member’s name', () => {
    const table = tableOf(buildTemplate('assessment'), 'participants');
    expect(columnTitles(table)).toEqual([
      'Potential role to complete assessment',
      'Name of staff member',
    ]);
    expect(table.columns.map((column) => column.kind)).toEqual(['text', 'person']);
    expect(table.description).toContain(
      'Write down the names of staff who will complete the assessment.',
    );
  });

  test('the reflection asks the three thought starters, one column each', () => {
    expect(columnTitles(tableOf(buildTemplate('assessment'), 'reflection'))).toEqual([
      'What practices struck you as important to prioritize?',
      'What can your district do to move toward high-priority practices?',
      'Who will be responsible for moving toward these practices? How will district or school leadership support them?',
    ]);
  });

  test('planning the retake asks when, and how progress on high-priority practices will show', () => {
    const table = tableOf(buildTemplate('assessment'), 'revisit');
    expect(columnTitles(table)).toEqual([
      'When will your district repeat this assessment?',
      'When your district repeats the assessment, how will you know if you have made progress on your high-priority practices?',
    ]);
    expect(table.columns.map((column) => column.kind)).toEqual(['date', 'text']);
  });
});
