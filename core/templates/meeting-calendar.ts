import type * as Y from 'yjs';
import { addNoteSection, addTableSection, type RowInit } from '../schema/index.ts';
import {
  MEETING_COLUMNS,
  REPEAT_OPTIONS,
  WHERE_OPTIONS,
  type RepeatOptionId,
} from '../schema/meeting-calendar-columns.ts';
import { bold, bulletList, paragraph, plain } from './note-blocks.ts';
import { MEETINGS_SECTION_ID } from '../schema/section-ids.ts';
import {
  DATA_REVIEW_RESOURCES_POINTER,
  LEGAL_TEAM_REMINDER,
  MEETING_GOALS,
  toolIntroBlocks,
  type MeetingGoalId,
} from './shared-passages.ts';
import type { Template } from './template.ts';

const GOAL_COLUMNS: Record<MeetingGoalId, string> = {
  collaboration: MEETING_COLUMNS.goalCollaboration,
  access: MEETING_COLUMNS.goalAccess,
  delivery: MEETING_COLUMNS.goalDelivery,
  effectiveness: MEETING_COLUMNS.goalEffectiveness,
};

/** Samples are an hour long until the team says otherwise; the seed gives no length. */
const SAMPLE_DURATION_MINUTES = 60;

interface SampleMeeting {
  readonly meeting: string;
  readonly frequency: string;
  readonly attendees: string;
  readonly topics: string;
  /** The goals the seed ticks for this meeting. */
  readonly goals: readonly MeetingGoalId[];
  /** The calendar repeat closest to the seed's frequency, for the iCalendar export. */
  readonly repeat: RepeatOptionId;
}

/** The seed's six sample meetings with community providers, in its order. */
const SAMPLE_MEETINGS: readonly SampleMeeting[] = [
  {
    meeting: 'MOU renegotiation',
    frequency:
      'Renegotiate MOUs every 1-2 years; 2 or more meetings per MOU renegotiation (frequency depends on length of MOU)',
    attendees: [
      'Director of student support',
      '“Owner” of relationship with community provider (e.g., a district-level resource coordinator or staff member)',
      'Community provider representatives',
    ].join('\n'),
    topics: 'Discuss and finalize the details of a draft MOU (prepared in advance).',
    goals: ['collaboration'],
    repeat: 'every-2-years',
  },
  {
    meeting: 'Kick-off meeting and goal-setting session',
    frequency: 'Beginning of each semester',
    attendees: ['Director of student support', 'Community provider representatives'].join('\n'),
    topics: [
      'Celebrate progress and outcomes so far (e.g., improvement in KPIs, student and family testimonials).',
      'Share district student wellbeing goals and data to invite community providers as collaborators for achieving these goals.',
      'Share the calendar and a summary of the plan for community provider trainings and meetings.',
    ].join('\n'),
    goals: ['collaboration', 'delivery'],
    repeat: 'every-semester',
  },
  {
    meeting: 'Annual community provider training',
    frequency: 'Beginning of each school year',
    attendees: [
      'Resource coordinator',
      'Community mental health provider',
      'School-employed mental health providers',
    ].join('\n'),
    topics:
      'Ensure school staff and community providers understand relevant school policies (e.g., the referral process, crisis response, roles and responsibilities with contact information, and student data policies).',
    goals: ['collaboration', 'access', 'delivery'],
    repeat: 'yearly',
  },
  {
    meeting: 'New community training',
    frequency: 'Beginning of each semester',
    attendees: ['Resource coordinator', 'New community mental health providers'].join('\n'),
    topics:
      'Train new community providers to ensure they understand relevant school policies (e.g., the referral process, crisis response, roles and responsibilities with contact information, and student data policies).',
    goals: ['collaboration', 'access', 'delivery'],
    repeat: 'every-semester',
  },
  {
    meeting: 'Operational update',
    frequency: 'Every 1-2 months',
    attendees: [
      'Resource coordinator',
      'School head of student support',
      'Community provider representative (e.g., manager of community providers)',
    ].join('\n'),
    topics: [
      'Review systems (e.g., billing, students referred vs. served, provider and student pulse surveys, provider utilization) and plan steps for improvement.',
      'Determine student wellbeing support needs for the month (e.g., adding or reducing provider hours and availability times) based on referral trends and student wellbeing.',
      'Plan modality shifts (e.g., telehealth, on-campus) to accommodate school needs (e.g., virtual schooling).',
    ].join('\n'),
    goals: ['collaboration', 'delivery'],
    repeat: 'monthly',
  },
  {
    meeting: 'Student progress update',
    frequency: 'Every 2-4 weeks',
    attendees: [
      'Resource coordinator',
      'Community mental health providers',
      'School-employed mental health providers',
    ].join('\n'),
    topics:
      'Track how services are contributing to the wellbeing of all students receiving services and have focused conversations on specific students.',
    goals: ['access', 'effectiveness'],
    repeat: 'every-2-weeks',
  },
];

function addAbout(doc: Y.Doc): void {
  addNoteSection(doc, {
    id: 'about',
    title: 'About this tool',
    blocks: [
      ...toolIntroBlocks('entities', [
        'Review your existing meeting calendar and reflect on how communication with community mental health providers currently happens.',
        'Plan objectives and meeting times with community mental health providers.',
        'Determine who will plan and schedule meetings.',
        'For districts, work with schools to adapt the calendar for their needs and help them plan and run meetings.',
      ]),
      paragraph([
        bold(
          'School-based mental health involves many questions regarding confidentiality and data sharing. As you plan communications with community providers, determine what data-sharing considerations need to be addressed before any information is shared.',
        ),
      ]),
      paragraph([bold(LEGAL_TEAM_REMINDER)]),
    ],
  });
}

function addReflection(doc: Y.Doc): void {
  addTableSection(doc, {
    id: 'communication-reflection',
    title: 'Reflect on how communication with community mental health providers currently happens',
    description:
      'Before planning the calendar, you might find it helpful to reflect on how communication with community mental health providers currently happens:',
    columns: [
      {
        id: 'working-well',
        kind: 'text',
        title: 'What meetings or communication channels are working well?',
      },
      {
        id: 'improve',
        kind: 'text',
        title: 'How can the district improve communication with community mental health providers?',
      },
    ],
    rows: [{}],
  });
}

function addGuidingQuestions(doc: Y.Doc): void {
  addNoteSection(doc, {
    id: 'guiding-questions',
    title: 'Plan objectives and meeting times with community mental health providers',
    blocks: [
      paragraph([
        bold('Instructions:'),
        plain(
          ' Select the example meetings that you want to have with community mental health providers or create your own calendar.',
        ),
      ]),
      paragraph('As you complete the exercise, consider these guiding questions:'),
      bulletList([
        `What considerations around data sharing need to be addressed before any information is shared? ${DATA_REVIEW_RESOURCES_POINTER}`,
        'Are there opportunities to add these agenda items to existing meetings?',
        'What other agenda items are important for your communication with community mental health providers?',
        'For districts, which meetings should ideally happen at all schools? Which meetings should be optional for schools?',
        'Does the partner work more closely with the school or district staff?',
        "Which staff are essential for these meetings? Which staff members' attendance should be optional?",
      ]),
    ],
  });
}

function sampleMeetingRow(sample: SampleMeeting): RowInit {
  const c = MEETING_COLUMNS;
  const goals = Object.fromEntries(
    MEETING_GOALS.map(({ id }) => [GOAL_COLUMNS[id], sample.goals.includes(id)]),
  );
  return {
    values: {
      [c.meeting]: sample.meeting,
      [c.frequency]: sample.frequency,
      [c.attendees]: sample.attendees,
      [c.topics]: sample.topics,
      ...goals,
      [c.duration]: SAMPLE_DURATION_MINUTES,
      [c.repeat]: sample.repeat,
    },
  };
}

/** The meetings table with the given rows: the toolkit's samples, or none for a school's own meetings. */
export function addMeetingsTable(doc: Y.Doc, rows: readonly RowInit[]): void {
  const c = MEETING_COLUMNS;
  addTableSection(doc, {
    id: MEETINGS_SECTION_ID,
    title: 'Calendar of meetings with community providers',
    description:
      'Select the example meetings you want, adapt them or add your own. Give each meeting an owner who will plan and schedule it; a first date, time and repeat put it on the calendar export.',
    columns: [
      { id: c.meeting, kind: 'text', title: 'Potential meeting' },
      { id: c.frequency, kind: 'text', title: 'Potential frequency' },
      {
        id: c.where,
        kind: 'multi-choice',
        title: 'Should this meeting happen with schools and/or districts?',
        options: WHERE_OPTIONS,
      },
      { id: c.attendees, kind: 'text', title: 'Potential attendees' },
      { id: c.topics, kind: 'text', title: 'Potential topic(s)' },
      ...MEETING_GOALS.map(({ id, label }) => ({
        id: GOAL_COLUMNS[id],
        kind: 'checkbox' as const,
        title: label,
      })),
      {
        id: c.owner,
        kind: 'person',
        title: 'Owner',
        hint: 'Who will plan and schedule this meeting?',
      },
      { id: c.firstDate, kind: 'date', title: 'First date' },
      { id: c.time, kind: 'text', format: 'time', title: 'Time', hint: '24-hour, e.g. 15:30' },
      { id: c.duration, kind: 'minutes', title: 'Duration' },
      // Options are stored whole in the document; only id and label belong there, the RRULE is the export's.
      {
        id: c.repeat,
        kind: 'choice',
        title: 'Repeats',
        options: REPEAT_OPTIONS.map(({ id, label }) => ({ id, label })),
      },
    ],
    rows,
  });
}

function addMeetings(doc: Y.Doc): void {
  addMeetingsTable(doc, [
    ...SAMPLE_MEETINGS.map(sampleMeetingRow),
    { values: { [MEETING_COLUMNS.meeting]: 'Other:' } },
  ]);
}

export const meetingCalendarTemplate: Template = {
  id: 'meeting-calendar',
  title: 'Establish a calendar of meetings with community providers',
  description:
    'Reflect on how communication with providers works today, then pick and adapt the sample meetings (from MOU renegotiation to student progress updates) into a calendar with owners, dates and goals.',
  fill(doc) {
    addAbout(doc);
    addReflection(doc);
    addGuidingQuestions(doc);
    addMeetings(doc);
  },
};
