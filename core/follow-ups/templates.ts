import { MEETING_TEMPLATE_ID } from '../meetings/meeting-document.ts';
import type { TemplateId } from '../templates/template.ts';

/**
 * Templates that create a next-steps table: the follow-ups page opens only documents made from
 * them, rather than every document of the workspace. A unit test checks this list against what
 * the templates build.
 */
export const TEMPLATES_WITH_NEXT_STEPS: readonly TemplateId[] = [
  'barriers',
  'roles-working-session',
];

/** True for documents from those templates, and for a meeting's own document (made from a calendar row). */
export function mayHaveNextSteps(template: string | null): boolean {
  return (
    template !== null &&
    ((TEMPLATES_WITH_NEXT_STEPS as readonly string[]).includes(template) ||
      template === MEETING_TEMPLATE_ID)
  );
}
