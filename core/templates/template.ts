import type * as Y from 'yjs';

/** The seed's five tools in its order, then the referral pathway its rubric asks for. */
export const TEMPLATE_IDS = [
  'barriers',
  'roles-working-session',
  'data-review',
  'meeting-calendar',
  'assessment',
  'referral-pathway',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** One tool of the toolkit, as a function that fills a new document with its sections. */
export interface Template {
  readonly id: TemplateId;
  readonly title: string;
  /** One or two sentences for the "new document" picker. */
  readonly description: string;
  /** Adds the sections. Called once, inside `initializeDocument`'s transaction. */
  readonly fill: (doc: Y.Doc) => void;
}
