import type { NoteBlock } from '../schema/index.ts';
import { bold, paragraph, plain } from './note-blocks.ts';

/** Seed text of the working session on roles and responsibilities, too long for its outline. */

export const INVITATION_EMAIL_BLOCKS: readonly NoteBlock[] = [
  paragraph('Dear colleagues,'),
  paragraph(
    'I am looking forward to our working session on [date] at [time]. We will be meeting at [location].',
  ),
  paragraph(
    "The district has set a goal to increase our students' access to high-quality mental health services by strengthening our collaboration with the community providers of these services.",
  ),
  paragraph(
    'During our working session, we will further define the roles and responsibilities of our staff and community mental health providers. Please see the agenda below.',
  ),
  paragraph(
    'Let me know if you have any questions. I look forward to working with you on this important topic.',
  ),
  paragraph('[Signature]'),
];

export const AGENDA_TOPICS: readonly { readonly topic: string; readonly minutes: number }[] = [
  { topic: 'Meeting goals and introduction', minutes: 5 },
  {
    topic:
      'Identify a central coordinating role to act as a liaison between school staff, community mental health providers, students, and families',
    minutes: 30,
  },
  { topic: 'Break', minutes: 5 },
  {
    topic:
      'Plan roles and responsibilities for teachers, staff, administrators, and community mental health providers',
    minutes: 35,
  },
  { topic: 'Identify next steps and begin taking action', minutes: 15 },
];

export const MEETING_GOAL =
  "The purpose of this meeting is to further define the roles and responsibilities of our staff and community mental health providers. By doing this, we want to enable our district to increase our students' access to high-quality mental health services and strengthen our collaboration with the community providers of these services.";

export const COORDINATING_ROLE_BLOCKS: readonly NoteBlock[] = [
  paragraph([
    bold('Facilitator:'),
    plain(
      ' Review the resource coordinator role and job description with your team. Determine whether to define a school-based resource coordinator within the district, considering how many students each resource coordinator can support. For example, depending on student needs and resource availability, one resource coordinator may be able to support multiple schools.',
    ),
  ]),
  paragraph([
    plain(
      'The School-Based Health Care Support Toolkit (Ohio Department of Education) highlights the ',
    ),
    bold('importance of a central coordinating role, such as a resource coordinator'),
    plain(
      '. A person in this role may be able to support schools in making the most of partnerships, while ',
    ),
    bold('building awareness and trust in services for students, staff, and families'),
    plain('.'),
  ]),
];

/**
 * The sample roles and their responsibilities. A table cell is plain text, so each role's lead
 * sentence and bullets are joined by line breaks.
 */
export const ROLE_RESPONSIBILITIES: readonly {
  readonly role: string;
  readonly responsibilities: string;
}[] = [
  {
    role: 'Administrators and principals',
    responsibilities: [
      'Make key operational decisions and get buy-in from all internal and external stakeholders.',
      '• Organize resources needed to launch mental health services (e.g., physical space, technology, and transportation).',
      '• Work with the resource coordinator and partner clinicians to build systems, guidelines, and processes for delivering mental health care (e.g., guidelines for delivering services on campus and guidelines for referrals to off-campus services).',
      '• Work with district leaders, including the legal department and resource coordinator, to ensure policies are in place to uphold and protect student and family rights, privacy, and confidentiality.',
      '• Ensure partner clinicians are integrated with the school staff (e.g., by inviting them to staff events and providing a forum for questions).',
    ].join('\n'),
  },
  {
    role: 'Resource coordinator',
    responsibilities: [
      'Serve as a day-to-day liaison among school leaders, staff, community providers, and the greater community.',
      '• Coordinate policies and procedures related to mental health, including consent and release to receive services, and logistics for connecting students and families to additional resources (e.g., insurance and wraparound services).',
      '• Ensure community providers and school staff know, understand, and consistently follow policies and guidelines designed to protect student and family rights, privacy, and confidentiality.',
      '• Provide mental health services information to students, families, the community (e.g., at back-to-school nights and health fairs), teachers, and other school staff (e.g., new teacher orientation).',
      '• Support efforts to increase model sustainability (e.g., track performance outcomes and collaborate with teams to improve mental health programs).',
    ].join('\n'),
  },
  {
    role: 'School mental health support staff',
    responsibilities: [
      '• Perform an initial triage and, as needed, refer cases for outside care.',
      '• Work with community providers and partners to ensure treatment compliance (e.g. medication administration) and follow-up care for students with chronic conditions.',
    ].join('\n'),
  },
  {
    role: 'Community providers',
    responsibilities: [
      '• Administer treatment to students with necessary family consent, making additional referrals to other providers where necessary.',
      '• Partner with other community clinicians to ensure coordination of care across providers.',
      '• Lead sessions for families, teachers, and the community to share the services.',
      '• If delivering care in the school environment, treat students as they would be treated in a traditional health clinic, while remaining conscious of the key differences in caring for students in a school environment. (Providers can use this toolkit for guidelines on working at schools.)',
    ].join('\n'),
  },
  {
    role: 'Teachers',
    responsibilities: [
      'Serve as trusted partners for community providers, school mental health support staff, and the resource coordinator to relay relevant academic information and support early intervention (e.g., referring students for assessment and support, sharing observations with providers).',
      '• Share relevant health and academic observations through the relevant referral systems (e.g., discuss student challenges with school health care providers).',
      '• Work with clinicians to ensure school-based mental health efforts are minimally disruptive to the classroom (e.g., when it is crucial to have students in class and how to pull students out of class).',
    ].join('\n'),
  },
];

/** The seed's "Potential tasks could include: (1) …; (2) …; and (3) …". */
export const POTENTIAL_TASKS: readonly string[] = [
  'Work with the district’s legal department and community providers to update or refine existing MOUs or create new ones, where appropriate',
  'Communicate roles and responsibilities with school or district staff, community providers, and other key stakeholders',
  'Once roles and responsibilities have been established, follow up with district staff and partners on how systems are working and make changes as needed',
];
