import type * as Y from 'yjs';
import { initializeDocument, type Applied } from '../schema/index.ts';
import { assessmentTemplate } from './assessment.ts';
import { barriersTemplate } from './barriers.ts';
import { dataReviewTemplate } from './data-review.ts';
import { meetingCalendarTemplate } from './meeting-calendar.ts';
import { referralPathwayTemplate } from './referral-pathway.ts';
import { rolesWorkingSessionTemplate } from './roles-working-session.ts';
import type { Template, TemplateId } from './template.ts';

export { TEMPLATE_IDS } from './template.ts';
export type { Template, TemplateId } from './template.ts';
export { METRICS_COLUMNS, METRICS_SECTION_ID } from '../schema/data-review-columns.ts';
export {
  MEETING_COLUMNS,
  REPEAT_OPTIONS,
  WHERE_OPTIONS,
} from '../schema/meeting-calendar-columns.ts';
export type { RepeatOptionId } from '../schema/meeting-calendar-columns.ts';
export {
  FUNNEL_STAGE_OPTIONS,
  PATHWAY_CONTACT_COLUMNS,
  PATHWAY_CONTACTS_SECTION_ID,
  PATHWAY_END,
  PATHWAY_STEP_COLUMNS,
  PATHWAY_STEPS_SECTION_ID,
} from '../schema/referral-pathway-columns.ts';
export type { FunnelStageId } from '../schema/referral-pathway-columns.ts';
export {
  AGENDA_COLUMNS,
  AGENDA_SECTION_ID,
  MEETINGS_SECTION_ID,
  NEXT_STEPS_COLUMNS,
  NEXT_STEPS_SECTION_ID,
  RUBRIC_COLUMNS,
  RUBRIC_DOMAINS,
  RUBRIC_SECTION_ID,
} from '../schema/section-ids.ts';
export type { RubricDomainId } from '../schema/section-ids.ts';

/** The toolkit's five tools and the referral pathway, in the order of `TEMPLATE_IDS`. */
export const TEMPLATES: readonly Template[] = [
  barriersTemplate,
  rolesWorkingSessionTemplate,
  dataReviewTemplate,
  meetingCalendarTemplate,
  assessmentTemplate,
  referralPathwayTemplate,
];

export const BLANK_DOCUMENT_TITLE = 'Untitled document';

export function findTemplate(id: string): Template | null {
  return TEMPLATES.find((template) => template.id === id) ?? null;
}

/** What the "new document" picker and `GET /api/templates` show. */
export function listTemplates(): { id: TemplateId; title: string; description: string }[] {
  return TEMPLATES.map(({ id, title, description }) => ({ id, title, description }));
}

export interface CreateDocumentOptions {
  /** null for a blank document. */
  readonly template: TemplateId | null;
  /** Defaults to the template's title, or "Untitled document" for a blank one. */
  readonly title?: string;
  /** ISO 8601; defaults to now. */
  readonly createdAt?: string;
}

/**
 * Creates a document from a template (or blank) in one transaction. Call it once, where the
 * document is created (the server, on `POST …/documents`), never when a replica finds a document
 * empty: two replicas seeding at once would merge into every section twice. A document that
 * already has content is refused and left untouched.
 *
 * @example
 * const doc = new Y.Doc();
 * const result = createDocument(doc, { template: 'data-review' });
 * if (!result.ok) throw new Error(result.message);
 */
export function createDocument(doc: Y.Doc, options: CreateDocumentOptions): Applied {
  const template = options.template === null ? null : findTemplate(options.template);
  if (options.template !== null && template === null) {
    // The type rules this out, but ids also arrive from HTTP bodies cast to TemplateId.
    return { ok: false, reason: 'invalid', message: `there is no template "${options.template}"` };
  }
  return initializeDocument(
    doc,
    {
      title: options.title ?? template?.title ?? BLANK_DOCUMENT_TITLE,
      template: template?.id ?? null,
      ...(options.createdAt !== undefined && { createdAt: options.createdAt }),
    },
    template?.fill,
  );
}
