import type * as Y from 'yjs';
import { addTableSection } from '../schema/index.ts';
import { NEXT_STEPS_COLUMNS, NEXT_STEPS_SECTION_ID } from '../schema/section-ids.ts';

export interface NextStep {
  readonly task: string;
  readonly owner?: string;
  readonly deadline?: string;
}

export interface NextStepsInit {
  readonly title: string;
  readonly description?: string;
  readonly steps?: readonly NextStep[];
}

/**
 * The seed's "Task / Owner / Deadline" table, which closes both the barriers tool and the
 * working session, plus a Done box so the same table tracks the work between sessions.
 */
export function addNextStepsSection(doc: Y.Doc, init: NextStepsInit): void {
  addTableSection(doc, {
    id: NEXT_STEPS_SECTION_ID,
    title: init.title,
    ...(init.description !== undefined && { description: init.description }),
    columns: [
      {
        id: NEXT_STEPS_COLUMNS.task,
        kind: 'text',
        title: 'Task',
        hint: 'What does your district need to do next?',
      },
      {
        id: NEXT_STEPS_COLUMNS.owner,
        kind: 'person',
        title: 'Owner',
        hint: 'Who will be in charge of making sure this task is complete?',
      },
      {
        id: NEXT_STEPS_COLUMNS.deadline,
        kind: 'date',
        title: 'Deadline',
        hint: 'When will this task be complete?',
      },
      { id: NEXT_STEPS_COLUMNS.done, kind: 'checkbox', title: 'Done' },
    ],
    rows: (init.steps ?? []).map((step) => ({
      values: {
        [NEXT_STEPS_COLUMNS.task]: step.task,
        [NEXT_STEPS_COLUMNS.owner]: step.owner ?? '',
        [NEXT_STEPS_COLUMNS.deadline]: step.deadline ?? null,
        [NEXT_STEPS_COLUMNS.done]: false,
      },
    })),
  });
}
