import type * as Y from 'yjs';
import { addNoteSection, addTableSection } from '../schema/index.ts';
import {
  BARRIER_GROUPS,
  OTHER_ACTION,
  STAFF_SURVEY_BLOCKS,
  SURVEY_REFLECTION_QUESTIONS,
  type BarrierGroup,
} from './barriers-text.ts';
import { addNextStepsSection } from './next-steps.ts';
import { bold, bulletList, heading, italic, orderedList, paragraph, plain } from './note-blocks.ts';
import { participantListInstructions, toolIntroBlocks } from './shared-passages.ts';
import type { Template } from './template.ts';

const CHECKLIST_COLUMNS = { type: 'type', item: 'item', select: 'select' } as const;
const ITEM_TYPES = [
  { id: 'challenge', label: 'Common challenge' },
  { id: 'action', label: 'Potential mitigation action' },
] as const;

function addAbout(doc: Y.Doc): void {
  addNoteSection(doc, {
    id: 'about',
    title: 'About this tool',
    blocks: toolIntroBlocks('entities', [
      'Review the potential solutions to common challenges and plan action.',
      [
        paragraph(
          'As your district works to understand barriers to partnering with community providers, you might find it helpful to solicit staff input. This tool includes an example survey for gathering feedback from staff. If your district chooses to administer the survey, your team should:',
        ),
        orderedList([
          'Review and adapt the sample survey questions.',
          'Determine who will participate in the survey and collect responses.',
          'Review the survey results.',
        ]),
      ],
      'Identify next steps.',
    ]),
  });
}

function addObjective1(doc: Y.Doc): void {
  addNoteSection(doc, {
    id: 'objective-1',
    title:
      'Objective 1: Identify barriers to working with community providers and select potential actions your district could take to address them',
    blocks: [
      heading('Instructions:'),
      bulletList([
        'Review these common barriers to working with community providers. Which ones present the biggest challenges to your district? Are there any missing from the list that you would add?',
        'Review the potential actions districts can take to address these challenges.',
        'Select any actions your district might consider taking to further address these challenges.',
      ]),
    ],
  });
  for (const group of BARRIER_GROUPS) addBarrierGroup(doc, group);
}

/**
 * One checklist per group keeps each challenge beside the actions that answer it, as the seed
 * lays them out; every group ends with an "Other" action to fill in.
 */
function addBarrierGroup(doc: Y.Doc, group: BarrierGroup): void {
  const row = (type: (typeof ITEM_TYPES)[number]['id'], item: string) => ({
    values: {
      [CHECKLIST_COLUMNS.type]: type,
      [CHECKLIST_COLUMNS.item]: item,
      [CHECKLIST_COLUMNS.select]: false,
    },
  });
  addTableSection(doc, {
    id: `barriers-${group.key}`,
    title: `Challenges and actions: ${group.topic}`,
    description:
      'Select challenges relevant to your district. Select actions your district might consider.',
    columns: [
      {
        id: CHECKLIST_COLUMNS.type,
        kind: 'choice',
        title: 'Challenge or action',
        options: ITEM_TYPES,
      },
      { id: CHECKLIST_COLUMNS.item, kind: 'text', title: 'Description' },
      { id: CHECKLIST_COLUMNS.select, kind: 'checkbox', title: 'Select' },
    ],
    rows: [
      ...group.challenges.map((challenge) => row('challenge', challenge)),
      ...group.actions.map((action) => row('action', action)),
      row('action', OTHER_ACTION),
    ],
  });
}

function addObjective2(doc: Y.Doc): void {
  addNoteSection(doc, {
    id: 'objective-2',
    title:
      'Objective 2: If needed, gather feedback from staff on barriers to working with community providers',
    blocks: [
      paragraph(
        'If you are unsure of the biggest barriers your district faces when working with community providers, you might find it helpful to solicit staff input. Below is an example of how you might use a survey to solicit that input.',
      ),
      bulletList([
        'Step 1: Review and adapt the sample survey questions.',
        'Step 2: Determine who will participate in the survey.',
        'Step 3: Review the survey results and determine the next steps.',
      ]),
      paragraph(
        'Note that while these resources are focused on surveying staff, you may also wish to gather perspectives from families and students.',
      ),
      heading('Step 1: Review and adapt the sample survey questions'),
      paragraph([
        bold('Instructions:'),
        plain(
          ' Review the example survey below and consider adapting the sample or creating your own. The example below is also available as a Google form. To make a copy of the form for your own use, please:',
        ),
      ]),
      bulletList(['Click on this link.', 'Then, click “Make a Copy.”']),
      paragraph([
        italic(
          'Please monitor who your copy of the survey is shared with to ensure it is only shared with the staff who should be able to view the responses.',
        ),
      ]),
    ],
  });
  addNoteSection(doc, {
    id: 'staff-survey',
    title: 'Sample staff survey',
    blocks: STAFF_SURVEY_BLOCKS,
  });

  addTableSection(doc, {
    id: 'survey-participants',
    title: 'Step 2: Determine who will participate in the survey',
    description: [
      `Instructions: ${participantListInstructions('survey')}`,
      'Then distribute the survey to participants and give them instructions on how and when to return their answers.',
      'Note: While this resource is focused on surveying staff, you may also wish to gather feedback from families and students on what the collaboration and experience feels like from their perspectives.',
    ].join('\n'),
    columns: [
      { id: 'role', kind: 'text', title: 'Potential role to include' },
      { id: 'name', kind: 'person', title: 'Name of survey participant' },
    ],
    rows: [
      'School head(s) of student support',
      'School counselor(s)',
      'Social worker(s)',
      'School psychologist(s)',
      'Other licensed provider(s) (e.g., licensed clinical social workers)',
    ].map((role) => ({ values: { role } })),
  });

  addTableSection(doc, {
    id: 'survey-reflection',
    title: 'Step 3: Review the survey results and determine the next steps',
    description:
      'Instructions: Read the survey responses and consider the following questions to guide your reflection.',
    columns: [
      { id: 'question', kind: 'text', title: 'Question' },
      { id: 'reflection', kind: 'text', title: 'Reflection' },
    ],
    rows: SURVEY_REFLECTION_QUESTIONS.map((question) => ({ values: { question } })),
  });
}

export const barriersTemplate: Template = {
  id: 'barriers',
  title: 'Understand and address potential barriers to working with community providers',
  description:
    'Select the common challenges that apply to your district and the actions that could address them, survey staff if needed, and agree on next steps.',
  fill(doc) {
    addAbout(doc);
    addObjective1(doc);
    addObjective2(doc);
    addNextStepsSection(doc, {
      title: 'Objective 3: Identify potential next steps',
      description: 'The first task is the toolkit’s example: adapt it or replace it with your own.',
      steps: [
        {
          task: 'Clearly assign and communicate roles and responsibilities to school or district staff and community providers',
          owner: 'Community partnership coordinator',
          deadline: 'Beginning of next semester',
        },
      ],
    });
  },
};
