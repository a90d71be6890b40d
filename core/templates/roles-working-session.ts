import type * as Y from 'yjs';
import { addNoteSection, addTableSection } from '../schema/index.ts';
import { addNextStepsSection } from './next-steps.ts';
import { bold, bulletList, heading, paragraph, plain } from './note-blocks.ts';
import {
  AGENDA_TOPICS,
  COORDINATING_ROLE_BLOCKS,
  INVITATION_EMAIL_BLOCKS,
  MEETING_GOAL,
  POTENTIAL_TASKS,
  ROLE_RESPONSIBILITIES,
} from './roles-working-session-text.ts';
import { AGENDA_COLUMNS, AGENDA_SECTION_ID } from '../schema/section-ids.ts';
import { toolIntroBlocks } from './shared-passages.ts';
import type { Template } from './template.ts';

/**
 * The seed's "Materials for focus group participants" repeats the coordinating-role and
 * roles-and-responsibilities material as a printable handout; here the participants edit those
 * same sections, so the handout copy is left out.
 */

const COVERAGE_OPTIONS = [
  { id: 'all', label: 'All schools' },
  { id: 'most', label: 'Most schools' },
  { id: 'some', label: 'Some schools' },
  { id: 'not-sure', label: "Not sure/don't know" },
] as const;

const OHIO_SOURCE =
  'Source: Adapted from the School-Based Health Care Support Toolkit (Ohio Department of Education)';

function addAbout(doc: Y.Doc): void {
  addNoteSection(doc, {
    id: 'about',
    title: 'About this tool',
    blocks: [
      ...toolIntroBlocks('partners', [
        'Identify a team to plan the roles and responsibilities for school-based mental health services during the working session.',
        'Personally invite the team to the working session and schedule the working session.',
        'Prepare an agenda and share it with the team.',
        'Prepare and print materials for the working session.',
        'Facilitate the working session.',
        'Identify next steps, including working with district legal and community providers to renegotiate existing memorandums of understanding (MOUs) or create new ones, where appropriate.',
        'Communicate roles and responsibilities to school and district staff, community providers, and other key stakeholders.',
      ]),
      paragraph([
        bold(
          "Consider at which stages of the process your team might involve the district's legal and procurement teams.",
        ),
      ]),
      paragraph([
        bold(
          'Consider whether relevant stakeholder groups that are not represented in the working session might be consulted to get a better understanding of how current roles and responsibilities are working (e.g., through a survey or focus group).',
        ),
      ]),
    ],
  });
}

function addPlanningTeam(doc: Y.Doc): void {
  addTableSection(doc, {
    id: 'planning-team',
    title:
      'Objective 1: Identify a team to plan the roles and responsibilities for school-based mental health services',
    description: [
      'Instructions: Use the table below to list meeting attendees who will serve as representatives for each role. As you develop this team, please try to reflect the diversity of key stakeholder groups (e.g., types of roles, grade levels, and schools).',
      'Consider examining your list with the following questions in mind:',
      "• Who in my district knows our community mental health providers' current responsibilities?",
      '• Who in my district knows what roles teachers, staff, and administrators play in student mental health services?',
      '• Who in my district understands the systems and processes for connecting students to mental health services, including how systems differ across schools?',
    ].join('\n'),
    columns: [
      { id: 'role', kind: 'text', title: 'Potential role' },
      { id: 'name', kind: 'person', title: 'Name of meeting attendee' },
    ],
    rows: [
      'District head(s) of student support',
      'School head(s) of student support',
      'Other administrator(s) (e.g., principal)',
    ].map((role) => ({ values: { role } })),
  });
}

function addInvitationAndAgenda(doc: Y.Doc): void {
  addNoteSection(doc, {
    id: 'invitation',
    title: 'Objective 2: Prepare an agenda and share it with the team',
    blocks: [
      paragraph([
        bold('Instructions:'),
        plain(
          ' Adapt the email and agenda. Consider splitting the work into a series of meetings, as needed.',
        ),
      ]),
      ...INVITATION_EMAIL_BLOCKS,
    ],
  });
  addAgendaTable(doc, AGENDA_TOPICS);
}

/**
 * A working session's agenda table: one row per topic, with its minutes when known (the
 * facilitator's timer runs from them). Meeting documents made from the calendar use it too.
 */
export function addAgendaTable(
  doc: Y.Doc,
  topics: readonly { readonly topic: string; readonly minutes?: number }[],
): void {
  addTableSection(doc, {
    id: AGENDA_SECTION_ID,
    title: 'Agenda',
    columns: [
      { id: AGENDA_COLUMNS.topic, kind: 'text', title: 'Topic' },
      { id: AGENDA_COLUMNS.minutes, kind: 'minutes', title: 'Time' },
    ],
    rows: topics.map(({ topic, minutes }) => ({
      values: {
        [AGENDA_COLUMNS.topic]: topic,
        ...(minutes !== undefined && { [AGENDA_COLUMNS.minutes]: minutes }),
      },
    })),
  });
}

function addMaterials(doc: Y.Doc): void {
  addNoteSection(doc, {
    id: 'materials',
    title: 'Objective 3: Prepare and print materials for the working session',
    blocks: [
      paragraph(
        'Before the meeting, consider preparing the linked materials for the working session.',
      ),
      bulletList(['Participant workbook', 'Sample job description for a resource coordinator']),
    ],
  });
}

function addFacilitation(doc: Y.Doc): void {
  addNoteSection(doc, {
    id: 'meeting-goals',
    title: 'Objective 4: Facilitate the working session',
    blocks: [
      heading('Agenda topic: Meeting goals and introduction'),
      paragraph([
        bold('Facilitator:'),
        plain(
          ' Consider setting goals for the meeting at the beginning of the working session. You could edit the sample goal below or draft your own. Consider asking the group if they have questions about the goal(s) or want to add additional goals.',
        ),
      ]),
      { type: 'blockquote', blocks: [paragraph(MEETING_GOAL)] },
      paragraph([
        bold('Facilitator:'),
        plain(
          ' Before the next agenda topic, consider allowing the team to share their reflections on how relationships with mental health providers are currently managed. If you surveyed staff, you might also consider summarizing the results in addition to sharing your own reflections.',
        ),
      ]),
    ],
  });

  // The seed's diagram of key roles (an image) is not part of the seed text, so it is left out.
  addNoteSection(doc, {
    id: 'coordinating-role',
    title:
      'Agenda topic: Consider identifying a central coordinating role to act as a liaison between school staff, community mental health providers, students, and families',
    blocks: COORDINATING_ROLE_BLOCKS,
  });
  addTableSection(doc, {
    id: 'current-coordinators',
    title: 'Who currently does the work of a resource coordinator?',
    description: [
      'Does your school or district have a similar coordinating role? If not, who currently does the work of a resource coordinator?',
      'If the work is not currently done or is split between several professionals in different departments, consider whether to define a school-based resource coordinator within the district.',
    ].join('\n'),
    columns: [
      {
        id: 'staff',
        kind: 'text',
        title: 'List the staff who currently do the work of a resource coordinator',
      },
      { id: 'tasks', kind: 'text', title: 'What tasks do these staff do?' },
      {
        id: 'at-all-schools',
        kind: 'choice',
        title: 'For districts, does this role exist at all schools?',
        options: COVERAGE_OPTIONS,
      },
    ],
    rows: [{}, {}, {}],
  });

  addTableSection(doc, {
    id: 'roles-and-responsibilities',
    title:
      'Agenda topic: Plan roles and responsibilities for teachers, staff, administrators, and community mental health providers',
    description: [
      'Facilitator: Review the potential roles and responsibilities with your team. Then, plan the roles and responsibilities for your district.',
      'Review the sample roles and responsibilities and adapt them for your district. Consider which roles exist in your district and which tasks or responsibilities are needed in your context.',
      OHIO_SOURCE,
    ].join('\n'),
    columns: [
      { id: 'role', kind: 'text', title: 'Possible roles' },
      {
        id: 'responsibilities',
        kind: 'text',
        title: 'Potential school-based mental health responsibilities',
      },
    ],
    rows: ROLE_RESPONSIBILITIES.map(({ role, responsibilities }) => ({
      values: { role, responsibilities },
    })),
  });
}

export const rolesWorkingSessionTemplate: Template = {
  id: 'roles-working-session',
  title: 'Assign roles and responsibilities to school or district staff and community providers',
  description:
    'Plan and run a working session that names a central coordinating role and agrees who does what among school staff, administrators and community providers.',
  fill(doc) {
    addAbout(doc);
    addPlanningTeam(doc);
    addInvitationAndAgenda(doc);
    addMaterials(doc);
    addFacilitation(doc);
    // The seed's three potential tasks are rows rather than prose: the team then only assigns an
    // owner and a deadline, and deletes a task it does not take on.
    addNextStepsSection(doc, {
      title: 'Agenda topic: Identify next steps and begin taking action',
      description:
        'Facilitator: With the team, determine what needs to happen next. If there is time, consider starting work on the tasks before the end of the meeting.',
      steps: POTENTIAL_TASKS.map((task) => ({ task })),
    });
  },
};
