import type { NoteBlock } from '../schema/index.ts';
import { bold, paragraph, plain } from './note-blocks.ts';

/** Seed text of the barriers tool that is too long to sit in the template's outline. */

export interface BarrierGroup {
  /** Section id suffix; the seed leaves the groups unnamed. */
  readonly key: string;
  /** What the group is about, for its section title. */
  readonly topic: string;
  readonly challenges: readonly string[];
  readonly actions: readonly string[];
}

/** Objective 1's five groups of common challenges and potential mitigation actions, in seed order. */
export const BARRIER_GROUPS: readonly BarrierGroup[] = [
  {
    key: 'privacy',
    topic: 'data privacy and confidentiality',
    challenges: [
      'District leaders and staff are unsure how to effectively manage data privacy and confidentiality while collaborating with community providers (e.g., ensuring the Health Insurance Portability and Accountability Act (HIPAA) and Family Educational Rights and Privacy Act (FERPA) are upheld in addition to specific state or local rules and regulations).',
    ],
    actions: [
      [
        'Work with your district legal team and state department of education to ensure you are aware of all relevant federal, state, and local rules and regulations governing confidentiality, data privacy, and consent. At the federal level, there are several helpful resources you might review as a starting point, including:',
        '• Overview of FERPA and HIPAA',
        '• Understand how HIPAA and FERPA apply to student health records',
        '• Comparison of HIPAA and FERPA laws and details on state-level laws for select states (Hawaii, California, Nevada, and Arizona)',
      ].join('\n'),
      'In consultation with your district legal team, ensure all arrangements with community providers are set up to fully comply with all relevant requirements (e.g., including data-sharing agreements and communications processes).',
      'Work with your district legal team to ensure all teachers, staff, and relevant community providers are aware of their role requirements.',
    ],
  },
  {
    key: 'roles',
    topic: 'roles and responsibilities',
    challenges: [
      'Too many staff members and partners are trying to engage families, collect consent, and gather paperwork.',
      'There is a lack of clarity on how to connect students with outside resources and who to go to with questions about supporting students who are receiving care.',
      'On occasion, there is no owner for key activities, such as helping partners understand school or district policies and procedures and facilitating two-way communication between school or district staff and partners.',
    ],
    actions: [
      'Assign roles and responsibilities to school or district staff and community providers',
    ],
  },
  {
    key: 'data',
    topic: 'shared data and goals',
    challenges: [
      'Partners and schools or districts are separately collecting data on student wellbeing, but not collaborating toward shared goals.',
      'Schools or districts are referring students to mental health provider partners, but do not know if those services are improving outcomes for students and families.',
    ],
    actions: ['Regularly review data with community providers'],
  },
  {
    key: 'calendar',
    topic: 'keeping goals and plans on track',
    challenges: [
      'Students receive services inconsistently as goals that may have been set at the beginning of the partnership get lost over time.',
      'When student wellbeing challenges come up or changes need to be made to strengthen services, there is no clear way to discuss the challenges and plan of action.',
    ],
    actions: ['Establish a meeting calendar with community providers'],
  },
  {
    key: 'assessment',
    topic: 'tracking implementation across schools',
    challenges: [
      'It is difficult to track whether processes and practices for working with community providers are implemented at all schools throughout the school year.',
    ],
    actions: [
      'Periodically assess how effectively your district is managing its relationship with community providers',
    ],
  },
];

export const OTHER_ACTION = 'Other [please specify]';

/**
 * The sample survey letter and its questions. The questions are numbered in their text because
 * the note model's ordered lists always start at 1, and questions 3 and 4 follow a heading.
 */
export const STAFF_SURVEY_BLOCKS: readonly NoteBlock[] = [
  paragraph('Dear staff,'),
  paragraph('Date: _____'),
  paragraph(
    'The _____ School District is evaluating our collaboration with community health organizations and other external partners who provide mental health services to our students.',
  ),
  paragraph([
    plain(
      'We are interested in your opinions. Please fill out this questionnaire and return it to the student support office by _____. As a reminder, please do ',
    ),
    bold('not'),
    plain(
      ' share any information regarding specific students in your responses. Thank you for your participation.',
    ),
  ]),
  paragraph([
    bold(
      'Reflect on how school staff and community mental health providers currently work together. Consider work norms, sustainability, and processes.',
    ),
  ]),
  paragraph('1. What is working well?'),
  paragraph('2. What could be improved? How does it affect students and staff?'),
  paragraph([
    bold(
      'Reflect on how roles and responsibilities among school staff and community mental health providers are assigned.',
    ),
  ]),
  paragraph('3. What is working with our current roles and responsibilities?'),
  paragraph('4. What is not working well? How does this affect students and staff?'),
  paragraph([bold('Do you have any additional suggestions?')]),
];

export const SURVEY_REFLECTION_QUESTIONS: readonly string[] = [
  'Where might there be opportunities to improve collaboration with community health organizations or other external partners that provide student mental health services?',
  'What may not have been captured in the survey responses but is valuable to focus on or consider?',
  'What is the district already doing that needs to be formalized or scaled up to reach all schools?',
  'What new initiatives could the district consider launching?',
  'What priorities does the survey suggest the district should focus on first?',
];
