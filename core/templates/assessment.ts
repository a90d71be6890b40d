import type * as Y from 'yjs';
import { addNoteSection, addTableSection, type RowInit } from '../schema/index.ts';
import { FREQUENCY_SCALE } from '../tables/index.ts';
import { bold, bulletList, paragraph, plain } from './note-blocks.ts';
import {
  RUBRIC_COLUMNS,
  RUBRIC_DOMAINS,
  RUBRIC_SECTION_ID,
  type RubricDomainId,
} from '../schema/section-ids.ts';
import {
  DATA_REVIEW_RESOURCES_POINTER,
  participantListInstructions,
  toolIntroBlocks,
} from './shared-passages.ts';
import type { Template } from './template.ts';

/** The sample rubric's practices, by domain, in seed order. */
const RUBRIC_PRACTICES: readonly {
  readonly domain: RubricDomainId;
  readonly practices: readonly string[];
}[] = [
  {
    domain: 'manage-and-communicate',
    practices: [
      'Use MOUs or other agreements to detail the terms of the partnership (e.g., by whom, what, when, where, and how services or support will be provided) and how to adjust available service hours based on student needs.',
      'Establish and use communication mechanisms (e.g., team meetings, email communications, and conference calls) to ensure ongoing and effective communication between school leadership or staff and community providers.',
      'Create a shared protocol between the district and provider that clearly defines when and how to refer students (e.g., a referral pathway). This includes creating and regularly updating the protocol with feedback from the community provider.',
      'Train all community providers in the policies and procedures of referral, care, and data sharing.',
      'Train school and community-employed mental health providers on the same topics at the same time (e.g., evidence-based services or support, policies, or procedures related to Individualized Education Plans).',
      'Clarify roles and responsibilities for school staff and community mental health providers.',
    ],
  },
  {
    domain: 'integrated-care',
    practices: [
      'Provide staff and community partners with training and written guidance on protocols for care coordination and wraparound services for students with high mental health needs.',
      'Ensure school staff understand the array of services available in the community for youth and families and have access to a regularly (e.g., at least annually) updated resource directory.',
      'Assign responsibility for scheduling appointments to a school-based coordinator.',
    ],
  },
  {
    domain: 'data-privacy',
    practices: [
      'Ensure that state and federal laws governing student records and confidentiality are followed. For example, ensure that community providers understand the privacy laws governing education systems, such as FERPA, and that school staff follow laws governing health systems, such as HIPAA.',
      'Ensure school and community providers communicate frequently with students, families, and relevant staff. Ensure confidentiality guidelines are followed when school and community providers communicate with teachers, families, and other relevant stakeholders.',
      'Use data-sharing agreements, informed by youth and families, to facilitate the accessing and sharing of data for needed services and support and the impact of partnership activities.',
    ],
  },
];

const REFERENCES: readonly string[] = [
  'NCSMH School Mental Health Quality Assessment – District Version',
  'Wisconsin School Mental Health Framework',
  'National Center for School Mental Health',
];

const OBJECTIVE_2 =
  'Objective 2: Periodically assess how effectively your district is managing its relationship with community mental health providers and make plans for improvement';

function addObjective1(doc: Y.Doc): void {
  addNoteSection(doc, {
    id: 'objective-1',
    title:
      'Objective 1: Consider creating an assessment to measure how effectively your district is managing its relationship with community mental health providers',
    blocks: [
      paragraph([
        bold('Instructions:'),
        plain(
          ' Adapt this sample to create a rubric for your district. Consider the following guiding questions as you adapt the sample:',
        ),
      ]),
      bulletList([
        'What has worked in the district in the past that you would like to continue?',
        "What practices are most important to the district's student wellbeing goals?",
        'What challenges are most affecting the quality and quantity of wellbeing services delivered to students?',
      ]),
    ],
  });
}

/**
 * Each domain ends with the seed's blank "add your own" row, already in its domain; rubric
 * aggregation skips rows that have neither a practice nor an answer.
 */
function addRubric(doc: Y.Doc): void {
  const c = RUBRIC_COLUMNS;
  const rows: RowInit[] = RUBRIC_PRACTICES.flatMap(({ domain, practices }) => [
    ...practices.map((practice) => ({ values: { [c.domain]: domain, [c.practice]: practice } })),
    { values: { [c.domain]: domain } },
  ]);
  addTableSection(doc, {
    id: RUBRIC_SECTION_ID,
    title: 'Assessment rubric',
    description: [
      'Each participant rates how often the district follows each practice, from Never to Always.',
      `... ensure the privacy of sensitive student and family data? ${DATA_REVIEW_RESOURCES_POINTER}`,
    ].join('\n'),
    columns: [
      { id: c.domain, kind: 'choice', title: 'Does your district ...', options: RUBRIC_DOMAINS },
      {
        id: c.practice,
        kind: 'text',
        title: 'Potential practices to consider',
        hint: '(please add your own)',
      },
      { id: c.rating, kind: 'rating', title: 'How often', scale: FREQUENCY_SCALE },
    ],
    rows,
  });
}

function addObjective2(doc: Y.Doc): void {
  addTableSection(doc, {
    id: 'participants',
    title: 'Step 1: Determine who will complete the assessment',
    description: `${OBJECTIVE_2}\n${participantListInstructions('assessment')}`,
    columns: [
      { id: 'role', kind: 'text', title: 'Potential role to complete assessment' },
      { id: 'name', kind: 'person', title: 'Name of staff member' },
    ],
    rows: [{}],
  });
  addNoteSection(doc, {
    id: 'complete',
    title: 'Step 2: Complete the assessment',
    blocks: [
      paragraph(
        'Consider personally asking the staff you identified to complete the assessment, providing instructions on how and by when to complete it.',
      ),
    ],
  });
  addTableSection(doc, {
    id: 'reflection',
    title: 'Step 3: Reflect on the results and plan action',
    description:
      'Schedule a meeting or focus group with staff who completed the assessment. During the session, make plans to adopt or improve practices for collaborating with community providers. Consider the following thought starters.',
    columns: [
      {
        id: 'priorities',
        kind: 'text',
        title: 'What practices struck you as important to prioritize?',
      },
      {
        id: 'moves',
        kind: 'text',
        title: 'What can your district do to move toward high-priority practices?',
      },
      {
        id: 'responsible',
        kind: 'text',
        title:
          'Who will be responsible for moving toward these practices? How will district or school leadership support them?',
      },
    ],
    rows: [{}],
  });
  addTableSection(doc, {
    id: 'revisit',
    title: 'Step 4: Schedule time to revisit the assessment and review progress',
    description:
      'At the end of the meeting or focus group, consider planning when you might repeat the assessment. Consider the following thought starters.',
    columns: [
      // A date column still takes free text such as "End of spring semester".
      { id: 'repeat-when', kind: 'date', title: 'When will your district repeat this assessment?' },
      {
        id: 'progress-signs',
        kind: 'text',
        title:
          'When your district repeats the assessment, how will you know if you have made progress on your high-priority practices?',
      },
    ],
    rows: [{}],
  });
}

export const assessmentTemplate: Template = {
  id: 'assessment',
  title:
    'Periodically assess how effectively your district is managing the relationship with community mental health providers',
  description:
    'Adapt the sample rubric, have staff rate each practice from Never to Always, reflect on the results together and schedule the next round.',
  fill(doc) {
    addNoteSection(doc, {
      id: 'about',
      title: 'About this tool',
      blocks: toolIntroBlocks('partners', [
        'Create an assessment to measure how effectively your district is managing its relationship with community mental health providers.',
        'Periodically assess how effectively your district is managing its relationship with community mental health providers and make plans for improvement.',
      ]),
    });
    addObjective1(doc);
    addRubric(doc);
    addNoteSection(doc, {
      id: 'references',
      title: 'References',
      blocks: [bulletList(REFERENCES)],
    });
    addObjective2(doc);
  },
};
