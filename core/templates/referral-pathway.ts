import type * as Y from 'yjs';
import { addNoteSection, addTableSection, type RowInit } from '../schema/index.ts';
import { bold, bulletList, heading, paragraph, plain } from './note-blocks.ts';
import {
  FUNNEL_STAGE_OPTIONS,
  PATHWAY_CONTACT_COLUMNS,
  PATHWAY_CONTACTS_SECTION_ID,
  PATHWAY_END,
  PATHWAY_STEP_COLUMNS,
  PATHWAY_STEPS_SECTION_ID,
  type FunnelStageId,
} from '../schema/referral-pathway-columns.ts';
import { LEGAL_TEAM_REMINDER } from './shared-passages.ts';
import type { Template } from './template.ts';

interface DefaultStep {
  readonly step: string;
  readonly role: string;
  readonly action: string;
  readonly timeTarget: string;
  readonly channel: string;
  readonly shared: string;
  readonly next?: string;
  readonly branchWhen?: string;
  readonly branchTo?: string;
  readonly stage?: FunnelStageId;
}

const CRISIS_RESPONSE = "District's crisis response";

/**
 * The seed's roles and funnel as a starting pathway: from a concern noticed to the loop closed
 * with the person who raised it. Teams rewrite every cell; the shape is what they keep.
 */
const DEFAULT_STEPS: readonly DefaultStep[] = [
  {
    step: 'A staff member notices a concern',
    role: 'Any school staff member',
    action:
      'Notices signs that a student may need mental health support and does not handle it alone.',
    timeTarget: 'Same school day',
    channel: 'Conversation or the school referral form',
    shared: 'What was observed, with the school-based coordinator only.',
  },
  {
    step: 'Referral to the school-based coordinator',
    role: 'School-based coordinator (e.g., counselor)',
    action: 'Receives the referral and records it in the school system.',
    timeTarget: 'Same school day',
    channel: 'School referral form',
    shared: 'The referral, within the school support team.',
    stage: 'referred',
  },
  {
    step: 'Screening and urgency check',
    role: 'School-based coordinator',
    action: 'Screens the concern and decides how urgent it is.',
    timeTarget: 'Within 1 school day',
    channel: "The district's screening protocol",
    shared: 'Only what the screening needs.',
    branchWhen: 'Urgent: risk of harm',
    branchTo: CRISIS_RESPONSE,
  },
  {
    step: 'Family contact and consent',
    role: 'School-based coordinator',
    action:
      'Talks with the family about the referral and asks for consent to share information with the provider.',
    timeTarget: 'Within 2 school days',
    channel: 'Phone call, then the consent form',
    shared: "The reason for the referral, with the student's parent or guardian.",
    branchWhen: 'Family declines',
    branchTo: 'Close the loop with the referring staff member',
  },
  {
    step: 'Referral to the community provider',
    role: 'School-based coordinator',
    action: 'Sends the referral to the community provider that fits the need.',
    timeTarget: 'Within 2 school days of consent',
    channel: "The provider's intake form, sent securely",
    shared:
      'The minimum necessary under the signed consent (FERPA; HIPAA where the provider is a covered entity).',
  },
  {
    step: 'First appointment offered',
    role: 'Community provider',
    action: 'Offers the family a first appointment.',
    timeTarget: 'Within 5 school days of the referral',
    channel: 'Phone call to the family',
    shared: 'That an appointment was offered, with the school-based coordinator.',
    stage: 'offered',
  },
  {
    step: 'Services initiated',
    role: 'Community provider',
    action: 'Holds the first session.',
    timeTarget: 'Within 10 school days of the referral',
    channel: 'In school, at the clinic or by telehealth',
    shared: 'That services started, with the school-based coordinator; no clinical detail.',
    stage: 'initiated',
  },
  {
    step: 'Check at one month',
    role: 'School-based coordinator and community provider',
    action: 'Check that the student is still receiving services, and what gets in the way if not.',
    timeTarget: 'One month after the first session',
    channel: 'Student progress update meeting',
    shared: 'Whether services continue; counts go to the data review.',
    stage: 'active',
  },
  {
    step: 'Close the loop with the referring staff member',
    role: 'School-based coordinator',
    action: 'Lets the staff member who raised the concern know that it was followed up.',
    timeTarget: 'Within 1 week of the check',
    channel: 'A short conversation or message',
    shared: 'Only that the referral was followed up, without clinical detail.',
    next: PATHWAY_END,
  },
  {
    step: CRISIS_RESPONSE,
    role: 'Crisis response team',
    action: "Follows the district's crisis response protocol at once.",
    timeTarget: 'Immediately',
    channel: "The district's crisis line",
    shared: 'What is needed to keep the student safe.',
    next: 'Close the loop with the referring staff member',
  },
];

function stepRow(step: DefaultStep): RowInit {
  const c = PATHWAY_STEP_COLUMNS;
  return {
    values: {
      [c.step]: step.step,
      [c.role]: step.role,
      [c.action]: step.action,
      [c.timeTarget]: step.timeTarget,
      [c.channel]: step.channel,
      [c.shared]: step.shared,
      [c.next]: step.next ?? '',
      [c.branchWhen]: step.branchWhen ?? '',
      [c.branchTo]: step.branchTo ?? '',
      ...(step.stage !== undefined && { [c.stage]: step.stage }),
    },
  };
}

function addAbout(doc: Y.Doc): void {
  addNoteSection(doc, {
    id: 'about',
    title: 'About this tool',
    blocks: [
      heading('Who is this tool for?'),
      paragraph(
        'District and school staff and community mental health providers who together decide when and how a student is referred for mental health services, and what happens at each step after that.',
      ),
      heading('How to use it in a working session'),
      bulletList([
        'Walk through the steps below in order; for each, agree who does it, what happens, how soon, and what is shared with whom.',
        'Add a branch where the pathway can go another way (an urgent case, a family that declines); the diagram under the table redraws as you type.',
        'Tag the steps the data review counts, so the monthly numbers and the pathway use the same words.',
        'Revisit the pathway with feedback from the community provider at least once a year.',
      ]),
      paragraph([
        bold('Share the minimum necessary. '),
        plain(
          'A referral pathway never needs student names in this document. Decide what is shared at each step under FERPA, and HIPAA where the provider is a covered entity, before anything is shared.',
        ),
      ]),
      paragraph([bold(LEGAL_TEAM_REMINDER)]),
    ],
  });
}

function addSteps(doc: Y.Doc): void {
  const c = PATHWAY_STEP_COLUMNS;
  addTableSection(doc, {
    id: PATHWAY_STEPS_SECTION_ID,
    title: 'Referral pathway',
    description:
      'One row a step, in order. "Next step" names the step that follows (empty: the row below; "End": the pathway ends there). A branch names when it is taken and the step it goes to.',
    columns: [
      { id: c.step, kind: 'text', title: 'Step' },
      { id: c.role, kind: 'text', title: 'Who does it (role)' },
      { id: c.action, kind: 'text', title: 'What happens' },
      { id: c.timeTarget, kind: 'text', title: 'Time target', hint: 'e.g. same school day' },
      { id: c.channel, kind: 'text', title: 'Form or channel' },
      {
        id: c.shared,
        kind: 'text',
        title: 'What is shared, with whom',
        hint: 'The minimum necessary',
      },
      { id: c.next, kind: 'text', title: 'Next step' },
      { id: c.branchWhen, kind: 'text', title: 'Branch: if' },
      { id: c.branchTo, kind: 'text', title: 'Branch: go to' },
      {
        id: c.stage,
        kind: 'choice',
        title: 'Data-review stage',
        options: FUNNEL_STAGE_OPTIONS.map(({ id, label }) => ({ id, label })),
      },
    ],
    rows: DEFAULT_STEPS.map(stepRow),
  });
}

function addContacts(doc: Y.Doc): void {
  const c = PATHWAY_CONTACT_COLUMNS;
  addTableSection(doc, {
    id: PATHWAY_CONTACTS_SECTION_ID,
    title: 'Who to call with a question',
    description:
      'For each school and provider: the person to ask about a referral, and how to reach them.',
    columns: [
      { id: c.place, kind: 'text', title: 'School or provider' },
      { id: c.contact, kind: 'person', title: 'Contact' },
      { id: c.role, kind: 'text', title: 'Role' },
      { id: c.reach, kind: 'text', title: 'How to reach them', hint: 'Work phone or e-mail' },
      { id: c.questions, kind: 'text', title: 'Ask them about' },
    ],
    rows: [{}, {}],
  });
}

function addEscalation(doc: Y.Doc): void {
  addNoteSection(doc, {
    id: 'escalation',
    title: 'Escalation and exceptions',
    blocks: [
      paragraph(
        'Write down what happens when a step stalls or does not fit: who decides, who is told, and by when.',
      ),
      bulletList([
        'If a time target is missed:',
        'If the provider has no availability:',
        'Outside school hours or during breaks:',
      ]),
    ],
  });
}

export const referralPathwayTemplate: Template = {
  id: 'referral-pathway',
  title: 'Map the referral pathway with community providers',
  description:
    'Agree when and how students are referred, step by step: who does what, how soon, what is shared with whom, and where the pathway branches, drawn as a flow diagram.',
  fill(doc) {
    addAbout(doc);
    addSteps(doc);
    addContacts(doc);
    addEscalation(doc);
  },
};
