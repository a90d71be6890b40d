import type { NoteBlock } from '../schema/index.ts';
import { bulletList, paragraph } from './note-blocks.ts';
import type { MeetingGoalId } from './shared-passages.ts';

/** Seed text of the data-review tool, too long for its outline. */

export const BEST_PRACTICES_BLOCKS: readonly NoteBlock[] = [
  paragraph(
    'School-based mental health support involves many questions regarding confidentiality and information sharing. Confidentiality and information-sharing laws have implications for early referral and identification, continuing service delivery, outcomes, and evaluation.',
  ),
  paragraph('Steps and practices to consider for protecting student confidentiality include:'),
  bulletList([
    'Reviewing rules and regulations (e.g., HIPAA, FERPA, state laws, and ethical guidelines).',
    'Developing interagency agreements or memoranda of understanding and policies.',
    'Creating authorization forms (e.g., “authorization to release” or other types of consent forms granting access to personally identifiable information).',
    'Training staff on relevant rules and regulations, policies, and procedures.',
    'Using appropriate technology and relevant cybersecurity safeguards to securely share information.',
  ]),
  paragraph(
    'This resource on information-sharing (Education Development Center) discusses these practices in more detail.',
  ),
  paragraph(
    'Districts can also consult this Department of Education resource for additional cybersecurity considerations.',
  ),
];

export const INFORMATION_SHARING_SOURCE =
  'HIPAA and FERPA in Schools: Sharing Information to Improve Outcomes';

/** The worksheet's three steps, as the options of its step column, with their questions. */
export const INFORMATION_SHARING_STEPS = [
  {
    id: 'step-1',
    label: 'Step 1: Mapping your information sharing vision',
    questions: [
      'Who are the partners?',
      'What information are we hoping each partner will share?',
      'Why do we want that information? What are the goals the team is hoping to achieve?',
      'When do we need the information? Is this an ongoing need? A one time need?',
      'Where is the information housed and exchanged?',
    ],
  },
  {
    id: 'step-2',
    label: 'Step 2: With the answers to step 1 established, and with your legal team, ask:',
    questions: [
      'Which laws, if any, apply?',
      'Which options under that law would allow data sharing?',
    ],
  },
  {
    id: 'step-3',
    label:
      'Step 3: Talk about non-legal factors that may encourage or limit sharing of information',
    questions: [
      'Which options make sense given the purpose and other factors involved?',
      'What tools do you need in place, if any?',
    ],
  },
] as const;

/**
 * Every example metric of the checklist, by goal. A nested item of the seed carries its parent's
 * words, since a table row stands alone. An empty metric is the seed's blank line for adding
 * one's own; "Measure and improve service delivery" has no examples, only that line.
 */
export const EXAMPLE_METRICS: readonly { readonly goal: MeetingGoalId; readonly metric: string }[] =
  [
    {
      goal: 'collaboration',
      metric:
        'The percentage of partner-employed providers completing school-level training on policies and procedures.',
    },
    {
      goal: 'collaboration',
      metric:
        'The percentage of student-support hours provided by each partner organization relative to the total support hours provided by all partners.',
    },
    {
      goal: 'collaboration',
      metric: 'The percentage of partner organizations returning each school year.',
    },
    { goal: 'collaboration', metric: '' },
    {
      goal: 'access',
      metric: 'The percentage of all students referred for mental health services.',
    },
    {
      goal: 'access',
      metric:
        'Of those students referred for services: Percentage of students offered the opportunity to initiate services (regardless of parent or guardian consent).',
    },
    {
      goal: 'access',
      metric:
        'Of those students referred for services: Percentage of students who initiated services.',
    },
    {
      goal: 'access',
      metric:
        'Of those students referred for services: Percentage of students who initiated services and are still actively receiving them after one month.',
    },
    { goal: 'access', metric: '' },
    { goal: 'delivery', metric: '' },
    {
      goal: 'effectiveness',
      metric:
        'Campus or district measures of student wellbeing (e.g., from universal screeners or needs assessments).',
    },
    {
      goal: 'effectiveness',
      metric:
        'Student wellbeing service effectiveness and satisfaction survey data from stakeholders, including: Families and students (when age appropriate)',
    },
    {
      goal: 'effectiveness',
      metric:
        'Student wellbeing service effectiveness and satisfaction survey data from stakeholders, including: Staff or teachers',
    },
    {
      goal: 'effectiveness',
      metric:
        'Student wellbeing service effectiveness and satisfaction survey data from stakeholders, including: Mental health providers',
    },
    { goal: 'effectiveness', metric: '' },
  ];

export const METRICS_CHECKLIST_DESCRIPTION = [
  'Instructions: Which metrics does your district plan to look at with community providers?',
  '• Check off any relevant example metrics listed that your district or mental health providers already collect.',
  '• Consider adding any relevant metrics your district or community mental health providers already collect that are not listed here.',
  "Measure and improve service delivery: Based on your district and community providers' contexts, determine which metrics might be valuable to ensure the partnership is achieving its goals for students.",
  'Understand the effectiveness of delivered services: You can use the resources in this evaluation of school-based mental health services (Wilder Research) to create surveys and focus group questions. (In particular, see Appendix D: Interview instruments starting on page 49 and Appendix E: Survey instruments starting on page 53.)',
].join('\n');

/** The sample discussion protocol: each row's example text, as the seed's filled-in handout gives it. */
export const PROTOCOL_ROWS: readonly { readonly item: string; readonly example: string }[] = [
  {
    item: 'Meeting goals',
    example: [
      'Assess the current systems for referring students and providing mental health services',
      'Use student wellbeing outcomes data to create action plans',
    ].join('\n'),
  },
  { item: 'Facilitator name', example: '' },
  {
    item: 'Meeting date',
    example: [
      'Once a month/every two months',
      'A meeting like this could happen regularly (e.g., monthly), to ensure progress toward stated goals and highlight opportunities for growth',
    ].join('\n'),
  },
  {
    item: 'Attendees',
    example: [
      'Resource coordinator',
      'School head of student support',
      'Partner representative (e.g., manager of partner-employed providers)',
    ].join('\n'),
  },
  {
    item: 'Part 1: Reviewing the data',
    example: [
      'The meeting facilitator could pose the questions outlined here to the group for independent reflection, followed by a discussion and planning.',
      '• What can be celebrated in this data?',
      '• What elements of the data are concerning or do we need to look into further?',
      "• How does this data compare to last month's data?",
      '• What systems are working particularly well? What systems should be improved?',
      '• Do we have sufficient provider capacity to meet student needs next month?',
      '• What else have you seen that is driving this data or that might not be captured in the data?',
    ].join('\n'),
  },
  {
    item: 'Part 2: Committing to next steps',
    example: [
      '• What actions could we take based on this data?',
      '• What 1-3 actions will have the biggest impact? Who will own them and when will they be complete?',
    ].join('\n'),
  },
];
