import type { NoteBlock } from '../schema/index.ts';
import { heading, italic, orderedList, paragraph, plain, type Text } from './note-blocks.ts';

/**
 * Passages the seed repeats, word for word or nearly, in more than one tool; written once here
 * so a correction reaches every template.
 */

/**
 * The seed's tools differ in one phrase of "Who is this tool for?": two speak of "external
 * entities that provide", three of "external partners who provide".
 */
export type PartnerWording = 'entities' | 'partners';

const PROVIDERS: Record<PartnerWording, string> = {
  entities: 'other external entities that provide student mental health services',
  partners: 'other external partners who provide student mental health services',
};

/** "Who is this tool for?" and the tool's numbered steps, which open every tool of the seed. */
export function toolIntroBlocks(
  wording: PartnerWording,
  steps: readonly (Text | readonly NoteBlock[])[],
): NoteBlock[] {
  return [
    heading('Who is this tool for?'),
    paragraph(
      'This tool is designed for school and district staff responsible for establishing and maintaining relationships ' +
        `with community health organizations or ${PROVIDERS[wording]}.`,
    ),
    paragraph(
      'Example roles include district heads of student support, members of district student support teams, and community partnership coordinators.',
    ),
    heading([
      plain('Steps for using this tool ('),
      italic('supporting materials follow'),
      plain('):'),
    ]),
    orderedList(steps),
  ];
}

/** How to choose who answers the staff survey (barriers) or the assessment, as a table description. */
export function participantListInstructions(activity: 'survey' | 'assessment'): string {
  return [
    `Write down the names of staff who will complete the ${activity}. Consider examining your list with the following questions in mind:`,
    '• Do I have participants who regularly collaborate with community health organizations and other external partners on student mental health?',
    '• Do these participants reflect the diversity of my district (e.g., grade levels and schools served, social and economic demographics, key stakeholder groups)?',
  ].join('\n');
}

export const LEGAL_TEAM_REMINDER =
  'Before sharing any data, consult with your legal team to ensure you understand and are adhering to all rules and regulations governing data confidentiality.';

export const DATA_REVIEW_RESOURCES_POINTER =
  'See here for resources on reviewing data with community providers.';

/**
 * The four goals the seed gives meetings with providers: goal columns of the meeting calendar,
 * and the groups of the data-review metrics checklist.
 */
export const MEETING_GOALS = [
  { id: 'collaboration', label: 'Promote effective collaboration' },
  { id: 'access', label: 'Ensure every student who needs services gets them' },
  { id: 'delivery', label: 'Measure and improve service delivery' },
  { id: 'effectiveness', label: 'Understand the effectiveness of delivered services' },
] as const;

export type MeetingGoalId = (typeof MEETING_GOALS)[number]['id'];
