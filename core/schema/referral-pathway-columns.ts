/**
 * Ids of the referral-pathway template's tables. The flow diagram, the Mermaid export and the
 * data review's funnel read the steps table through these, so they are part of the document
 * format: never rename one, only add.
 */
export const PATHWAY_STEPS_SECTION_ID = 'pathway-steps';

export const PATHWAY_STEP_COLUMNS = {
  /** The step's name; next steps and branches point to a step by this name. */
  step: 'step',
  role: 'role',
  action: 'action',
  timeTarget: 'time-target',
  channel: 'channel',
  shared: 'shared',
  /** The name of the step that follows; empty means the row below, "End" ends the pathway. */
  next: 'next',
  /** When the branch is taken, e.g. "Urgent: risk of harm"; empty means no branch. */
  branchWhen: 'branch-when',
  /** The name of the step the branch goes to. */
  branchTo: 'branch-to',
  /** The data-review funnel stage this step counts toward, if any. */
  stage: 'stage',
} as const;

/**
 * The data review's funnel stages (its metrics columns `referred`, `offered`, `initiated` and
 * `active-after-month`), so a pathway step and the count it produces carry the same name.
 */
export const FUNNEL_STAGE_OPTIONS = [
  { id: 'referred', label: 'Students referred' },
  { id: 'offered', label: 'Offered services' },
  { id: 'initiated', label: 'Initiated services' },
  { id: 'active', label: 'Active after one month' },
] as const;

export type FunnelStageId = (typeof FUNNEL_STAGE_OPTIONS)[number]['id'];

/** What a "next step" cell holds to end the pathway there. */
export const PATHWAY_END = 'End';

export const PATHWAY_CONTACTS_SECTION_ID = 'pathway-contacts';

export const PATHWAY_CONTACT_COLUMNS = {
  place: 'place',
  contact: 'contact',
  role: 'role',
  reach: 'reach',
  questions: 'questions',
} as const;
