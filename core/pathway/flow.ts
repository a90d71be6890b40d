import type { TableView } from '../schema/index.ts';
import type { CellValue } from '../tables/index.ts';
import {
  FUNNEL_STAGE_OPTIONS,
  PATHWAY_END,
  PATHWAY_STEP_COLUMNS,
} from '../schema/referral-pathway-columns.ts';

/** One row of the steps table that has a name. */
export interface FlowStep {
  /** The row id, so the diagram and the table point at the same thing. */
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly timeTarget: string;
  /** The data-review stage's label, or null. */
  readonly stage: string | null;
}

/** A step that a next step or branch names but that no row has: drawn as missing, never dropped. */
export interface MissingStep {
  readonly id: string;
  readonly name: string;
}

export interface FlowEdge {
  readonly from: string;
  /** A step's id, a missing step's id, or END_ID. */
  readonly to: string;
  readonly kind: 'next' | 'branch';
  /** When a branch is taken; empty for the usual next step. */
  readonly label: string;
}

export interface PathwayFlow {
  readonly steps: readonly FlowStep[];
  readonly missing: readonly MissingStep[];
  readonly edges: readonly FlowEdge[];
  /** True when some step ends the pathway (an edge goes to END_ID). */
  readonly hasEnd: boolean;
  /** What a person should fix, in words: a branch to nowhere, two steps with one name. */
  readonly problems: readonly string[];
}

export const END_ID = 'end';

/** Names match as people read them: case, spacing and surrounding punctuation aside. */
function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

function text(cell: CellValue | undefined): string {
  return cell !== undefined && (cell.kind === 'text' || cell.kind === 'person')
    ? cell.text.trim()
    : '';
}

function stageLabel(cell: CellValue | undefined): string | null {
  if (cell === undefined || cell.kind !== 'choice' || cell.optionId === null) return null;
  return FUNNEL_STAGE_OPTIONS.find((option) => option.id === cell.optionId)?.label ?? null;
}

/**
 * The pathway a steps table describes, as a graph: each named row is a step; "Next step" names
 * the step that follows (empty: the next named row; "End": none), and a branch adds a labelled
 * edge. Never throws: a name that matches no row becomes a missing step with a problem.
 */
export function readPathwayFlow(table: TableView): PathwayFlow {
  const c = PATHWAY_STEP_COLUMNS;
  const named = table.rows.filter((row) => text(row.cells[c.step]) !== '');
  const steps: FlowStep[] = named.map((row) => ({
    id: row.id,
    name: text(row.cells[c.step]),
    role: text(row.cells[c.role]),
    timeTarget: text(row.cells[c.timeTarget]),
    stage: stageLabel(row.cells[c.stage]),
  }));
  const problems: string[] = [];
  const byName = new Map<string, FlowStep>();
  for (const step of steps) {
    const key = nameKey(step.name);
    if (byName.has(key))
      problems.push(
        `Two steps are called “${step.name}”; next steps and branches go to the first.`,
      );
    else byName.set(key, step);
  }
  const missing = new Map<string, MissingStep>();
  const target = (name: string, from: FlowStep, what: string): string => {
    if (nameKey(name) === nameKey(PATHWAY_END)) return END_ID;
    const found = byName.get(nameKey(name));
    if (found !== undefined) return found.id;
    problems.push(`The ${what} of “${from.name}” is “${name}”, which is not a step in the table.`);
    const key = nameKey(name);
    let entry = missing.get(key);
    if (entry === undefined) {
      entry = { id: `missing-${missing.size + 1}`, name };
      missing.set(key, entry);
    }
    return entry.id;
  };

  const edges: FlowEdge[] = [];
  named.forEach((row, index) => {
    const from = steps[index]!;
    const next = text(row.cells[c.next]);
    const following = steps[index + 1];
    if (next !== '')
      edges.push({ from: from.id, to: target(next, from, 'next step'), kind: 'next', label: '' });
    else edges.push({ from: from.id, to: following?.id ?? END_ID, kind: 'next', label: '' });
    const branchTo = text(row.cells[c.branchTo]);
    const branchWhen = text(row.cells[c.branchWhen]);
    if (branchTo !== '')
      edges.push({
        from: from.id,
        to: target(branchTo, from, 'branch'),
        kind: 'branch',
        label: branchWhen,
      });
    else if (branchWhen !== '')
      problems.push(`The branch “${branchWhen}” of “${from.name}” has no step to go to.`);
  });
  return {
    steps,
    missing: [...missing.values()],
    edges,
    hasEnd: edges.some((edge) => edge.to === END_ID),
    problems,
  };
}

/** The steps in table order as sentences: the diagram's text alternative. */
export function describePathway(flow: PathwayFlow): string[] {
  const names = new Map<string, string>(
    [...flow.steps, ...flow.missing].map((step) => [step.id, step.name]),
  );
  return flow.steps.map((step, index) => {
    const outgoing = flow.edges.filter((edge) => edge.from === step.id);
    const then = outgoing
      .map((edge) => {
        const to =
          edge.to === END_ID
            ? 'the pathway ends'
            : `“${names.get(edge.to)}”${flow.missing.some((m) => m.id === edge.to) ? ' (not a step yet)' : ''}`;
        return edge.kind === 'branch'
          ? `if ${edge.label || 'the branch is taken'}: ${to}`
          : `then ${to}`;
      })
      .join('; ');
    const who = [step.role, step.timeTarget].filter((part) => part !== '').join(', ');
    return `${index + 1}. ${step.name}${who === '' ? '' : ` (${who})`}: ${then}.`;
  });
}
