import type * as Y from 'yjs';
import { addNoteSection, addTableSection } from '../schema/index.ts';
import type { ColumnSpec } from '../tables/index.ts';
import { METRICS_COLUMNS, METRICS_SECTION_ID } from '../schema/data-review-columns.ts';
import {
  BEST_PRACTICES_BLOCKS,
  EXAMPLE_METRICS,
  INFORMATION_SHARING_SOURCE,
  INFORMATION_SHARING_STEPS,
  METRICS_CHECKLIST_DESCRIPTION,
  PROTOCOL_ROWS,
} from './data-review-text.ts';
import { bold, paragraph } from './note-blocks.ts';
import { LEGAL_TEAM_REMINDER, MEETING_GOALS, toolIntroBlocks } from './shared-passages.ts';
import type { Template } from './template.ts';

function addAbout(doc: Y.Doc): void {
  addNoteSection(doc, {
    id: 'about',
    title: 'About this tool',
    blocks: [
      ...toolIntroBlocks('partners', [
        'Understand best practices when it comes to sharing data to improve care while protecting the privacy of students.',
        'Define your data strategy according to data-sharing best practices.',
        'Determine what data districts and community providers will look at together to ensure effective referral pathways and delivery of services.',
        'Prepare prompts to use when discussing data with community providers.',
        'Begin the data review with community providers. Assess how the first discussions went and make improvements.',
      ]),
      paragraph([bold(LEGAL_TEAM_REMINDER)]),
    ],
  });
}

function addInformationSharingWorksheet(doc: Y.Doc): void {
  addTableSection(doc, {
    id: 'information-sharing',
    title: 'Objective 2: Define your data strategy according to data-sharing best practices',
    description: [
      `The following worksheet is reproduced from a webinar released by the Substance Abuse and Mental Health Services Administration on ${INFORMATION_SHARING_SOURCE}. This worksheet is designed to help you figure out why, how, and when schools and community providers will share information. While completing the worksheet, your district might find it helpful to view the webinar.`,
      `Source: ${INFORMATION_SHARING_SOURCE} (Substance Abuse and Mental Health Services Administration)`,
    ].join('\n'),
    columns: [
      {
        id: 'step',
        kind: 'choice',
        title: 'Step',
        options: INFORMATION_SHARING_STEPS.map(({ id, label }) => ({ id, label })),
      },
      { id: 'question', kind: 'text', title: 'Question' },
      { id: 'answer', kind: 'text', title: 'Answer' },
    ],
    rows: INFORMATION_SHARING_STEPS.flatMap((step) =>
      step.questions.map((question) => ({ values: { step: step.id, question } })),
    ),
  });
}

function addMetricsChecklist(doc: Y.Doc): void {
  addTableSection(doc, {
    id: 'metrics-checklist',
    title:
      'Objective 3: Determine what data districts and community providers will look at together',
    description: METRICS_CHECKLIST_DESCRIPTION,
    columns: [
      { id: 'goal', kind: 'choice', title: 'Potential meeting goal', options: MEETING_GOALS },
      { id: 'metric', kind: 'text', title: 'Example metrics to review' },
      { id: 'collected', kind: 'checkbox', title: 'Already collected' },
    ],
    rows: EXAMPLE_METRICS.map(({ goal, metric }) => ({
      values: { goal, metric, collected: false },
    })),
  });
}

const count = (id: string, title: string, hint: string): ColumnSpec => ({
  id,
  kind: 'number',
  title,
  hint,
});
const rate = (id: string, title: string, numerator: string, denominator: string): ColumnSpec => ({
  id,
  kind: 'rate',
  title,
  numerator,
  denominator,
});

/**
 * Not in the seed's text but what its checklist asks for: the funnel metrics of the "Ensure
 * every student who needs services gets them" goal and provider training, as counts per period
 * that metrics and charts read through `METRICS_COLUMNS`.
 */
function addMetricsTable(doc: Y.Doc): void {
  const c = METRICS_COLUMNS;
  addTableSection(doc, {
    id: METRICS_SECTION_ID,
    title: 'Referral and training metrics by period',
    description:
      'One row per period and provider, with totals only. Never enter student names, student ids or anything else that identifies a student: this table holds aggregate counts, and the rates are computed from them.',
    columns: [
      { id: c.period, kind: 'text', title: 'Period', hint: 'e.g. 2026-09' },
      { id: c.provider, kind: 'text', title: 'Provider', hint: 'Partner organization' },
      count(
        c.referred,
        'Students referred',
        'Students referred for mental health services in this period',
      ),
      count(
        c.offered,
        'Offered services',
        'Of those referred: offered the opportunity to initiate services (regardless of parent or guardian consent)',
      ),
      count(c.initiated, 'Initiated services', 'Of those referred: initiated services'),
      count(
        c.active,
        'Active after one month',
        'Of those referred: initiated services and still actively receiving them after one month',
      ),
      count(
        c.providersTrained,
        'Providers trained',
        'Partner-employed providers who completed school-level training on policies and procedures',
      ),
      count(c.providersTotal, 'Providers in total', 'All partner-employed providers'),
      rate(c.offeredRate, '% offered', c.offered, c.referred),
      rate(c.initiatedRate, '% initiated', c.initiated, c.referred),
      rate(c.activeRate, '% active after one month', c.active, c.referred),
      rate(c.trainedRate, '% providers trained', c.providersTrained, c.providersTotal),
    ],
  });
}

/** The recurring data discussion's prompts; a data-review meeting's own document starts from it too. */
export function addDataReviewProtocol(doc: Y.Doc): void {
  addTableSection(doc, {
    id: 'protocol',
    title: 'Objective 4: Prepare prompts to use when discussing data with community providers',
    description: [
      'Instructions: This sample protocol is designed to be used as a handout for a recurring discussion among partners and school staff.',
      'Consider adapting the sample to use with your district community mental health providers.',
    ].join('\n'),
    columns: [
      { id: 'item', kind: 'text', title: 'Item' },
      { id: 'example', kind: 'text', title: 'Example' },
      { id: 'notes', kind: 'text', title: 'Notes' },
    ],
    rows: PROTOCOL_ROWS.map(({ item, example }) => ({ values: { item, example } })),
  });
}

export const dataReviewTemplate: Template = {
  id: 'data-review',
  title: 'Regularly review data with community providers',
  description:
    'Map what information to share and under which laws, choose the metrics to review with providers, track referral and training numbers by period, and run the recurring data discussion.',
  fill(doc) {
    addAbout(doc);
    addNoteSection(doc, {
      id: 'best-practices',
      title:
        'Objective 1: Understand best practices when it comes to sharing data to improve care while protecting the privacy of students',
      blocks: BEST_PRACTICES_BLOCKS,
    });
    addInformationSharingWorksheet(doc);
    addMetricsChecklist(doc);
    addMetricsTable(doc);
    addNoteSection(doc, {
      id: 'legal-reminder',
      title: 'Reminder',
      blocks: [
        paragraph([
          bold(
            'Reminder: Please consult with your legal team before sharing any student-level data.',
          ),
        ]),
      ],
    });
    addDataReviewProtocol(doc);
  },
};
