import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exportPathwayMermaid } from '../../../core/export/pathway-mermaid.ts';
import { renderPathwayFigure } from '../../../core/export/pathway-svg.ts';
import {
  describePathway,
  END_ID,
  layOutPathway,
  readPathwayFlow,
} from '../../../core/pathway/index.ts';
import { addTableSection, readTable, type TableView } from '../../../core/schema/index.ts';
import { PATHWAY_STEP_COLUMNS as C } from '../../../core/templates/index.ts';

interface StepInput {
  readonly step: string;
  readonly next?: string;
  readonly branchWhen?: string;
  readonly branchTo?: string;
  readonly role?: string;
}

function stepsTable(steps: readonly StepInput[]): TableView {
  const doc = new Y.Doc();
  addTableSection(doc, {
    id: 'pathway-steps',
    title: 'Referral pathway',
    columns: [C.step, C.role, C.next, C.branchWhen, C.branchTo].map((id) => ({
      id,
      kind: 'text' as const,
      title: id,
    })),
    rows: steps.map((step) => ({
      values: {
        [C.step]: step.step,
        [C.role]: step.role ?? '',
        [C.next]: step.next ?? '',
        [C.branchWhen]: step.branchWhen ?? '',
        [C.branchTo]: step.branchTo ?? '',
      },
    })),
  });
  return readTable(doc, 'pathway-steps')!.value;
}

describe('reading a pathway from its steps table', () => {
  test('an empty next step goes to the row below, the last row ends, and "End" ends early', () => {
    const flow = readPathwayFlow(
      stepsTable([{ step: 'Notice' }, { step: 'Refer', next: 'end' }, { step: 'Crisis' }]),
    );
    const [notice, refer, crisis] = flow.steps;
    expect(flow.edges).toEqual([
      { from: notice!.id, to: refer!.id, kind: 'next', label: '' },
      { from: refer!.id, to: END_ID, kind: 'next', label: '' },
      { from: crisis!.id, to: END_ID, kind: 'next', label: '' },
    ]);
    expect(flow.problems).toEqual([]);
  });

  test('names match whatever the case and spacing; rows without a name are skipped', () => {
    const flow = readPathwayFlow(
      stepsTable([
        { step: 'Screening', branchWhen: 'Urgent', branchTo: '  crisis   RESPONSE ' },
        { step: '' },
        { step: 'Crisis response' },
      ]),
    );
    expect(flow.steps.map((step) => step.name)).toEqual(['Screening', 'Crisis response']);
    expect(flow.edges).toContainEqual({
      from: flow.steps[0]!.id,
      to: flow.steps[1]!.id,
      kind: 'branch',
      label: 'Urgent',
    });
  });

  test('a branch to a step that does not exist is drawn as a missing step and named as a problem, not dropped', () => {
    const flow = readPathwayFlow(
      stepsTable([
        { step: 'Screening', branchWhen: 'Urgent', branchTo: 'Crisis line' },
        { step: 'Consent', next: 'Provider intake' },
      ]),
    );
    expect(flow.missing.map((missing) => missing.name)).toEqual(['Crisis line', 'Provider intake']);
    expect(flow.problems).toEqual([
      'The branch of “Screening” is “Crisis line”, which is not a step in the table.',
      'The next step of “Consent” is “Provider intake”, which is not a step in the table.',
    ]);
    const layout = layOutPathway(flow);
    expect(
      layout.nodes.filter((node) => node.kind === 'missing').map((node) => node.title.join(' ')),
    ).toEqual(['Crisis line', 'Provider intake']);
    expect(describePathway(flow)[0]).toContain('“Crisis line” (not a step yet)');
  });

  test('two steps with one name, and a branch condition without a target, are reported', () => {
    const flow = readPathwayFlow(
      stepsTable([{ step: 'Refer', branchWhen: 'Urgent' }, { step: 'refer' }]),
    );
    expect(flow.problems).toEqual([
      'Two steps are called “refer”; next steps and branches go to the first.',
      'The branch “Urgent” of “Refer” has no step to go to.',
    ]);
  });
});

describe('the diagram', () => {
  test('every box sits inside the drawing and no two boxes overlap', () => {
    const flow = readPathwayFlow(
      stepsTable([
        { step: 'A', branchWhen: 'x', branchTo: 'C' },
        { step: 'B' },
        { step: 'C', next: 'A' },
        { step: 'D', branchTo: 'Nowhere' },
      ]),
    );
    const layout = layOutPathway(flow);
    for (const node of layout.nodes) {
      expect(node.x - node.width / 2).toBeGreaterThanOrEqual(0);
      expect(node.y + node.height / 2).toBeLessThanOrEqual(layout.height);
    }
    for (const a of layout.nodes)
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart =
          Math.abs(a.x - b.x) >= (a.width + b.width) / 2 ||
          Math.abs(a.y - b.y) >= (a.height + b.height) / 2;
        expect(apart, `${a.id} and ${b.id}`).toBe(true);
      }
  });

  test('the figure escapes what people typed and lists the steps in order as text', () => {
    const flow = readPathwayFlow(
      stepsTable([
        { step: '<img src=x onerror=alert(1)>', role: 'Coordinator & "lead"' },
        { step: 'Next' },
      ]),
    );
    const html = renderPathwayFigure(flow, 'Referral pathway', 'section-2');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('role="img"');
    expect(html).toMatch(/<ol><li>&lt;img.*<\/li><li>Next: then the pathway ends\.<\/li><\/ol>/);
  });
});

/**
 * Mermaid's flowchart grammar, for the statements we write: a node with a quoted label (an
 * optional class), an edge with an optional quoted label, a class definition. Inside quotes a
 * label may hold anything but a quote; `#` only as the start of an entity.
 */
const LABEL = String.raw`"(?:[^"#]|#(?:quot|lt|gt|\d+);)*"`;
const STATEMENTS = [
  new RegExp(String.raw`^  (s\d+|m\d+)\[${LABEL}\](:::missing)?$`),
  /^ {2}end_\(\["End"\]\)$/,
  /^ {2}(s\d+|m\d+|end_) --> (s\d+|m\d+|end_)$/,
  new RegExp(String.raw`^  (s\d+) -\. ${LABEL} \.-> (s\d+|m\d+|end_)$`),
  /^ {2}(s\d+) -\.-> (s\d+|m\d+|end_)$/,
  /^ {2}classDef missing stroke-dasharray: 5 5$/,
];

function checkMermaid(text: string): void {
  const [first, ...lines] = text.split('\n');
  expect(first).toBe('flowchart TD');
  const defined = new Set<string>();
  const used = new Set<string>();
  for (const line of lines) {
    const matched = STATEMENTS.find((pattern) => pattern.test(line));
    expect(matched, `not Mermaid flowchart syntax: ${line}`).toBeDefined();
    const definition = /^ {2}(s\d+|m\d+|end_)[[(]/.exec(line);
    if (definition) defined.add(definition[1]!);
    for (const id of line.matchAll(/(?:-->|\.->) (\w+)$|^ {2}(\w+) -/g))
      used.add((id[1] ?? id[2])!);
  }
  for (const id of used) expect(defined.has(id), `edge to undefined node ${id}`).toBe(true);
}

describe('the Mermaid flowchart in the Markdown export', () => {
  test('the default pathway is valid flowchart syntax', () => {
    const flow = readPathwayFlow(
      stepsTable([
        { step: 'Notice' },
        { step: 'Screen', branchWhen: 'Urgent: risk of harm', branchTo: 'Crisis' },
        { step: 'Consent', next: 'Missing one' },
        { step: 'Crisis', next: 'End' },
      ]),
    );
    const mermaid = exportPathwayMermaid(flow);
    checkMermaid(mermaid);
    expect(mermaid).toContain('s2 -. "Urgent: risk of harm" .-> s4');
    expect(mermaid).toContain('m1["Missing step: Missing one"]:::missing');
  });

  test('any text people type stays inside its label', () => {
    const text = fc.string({
      unit: fc.constantFrom(
        'a',
        ' ',
        '"',
        '#',
        '<',
        '>',
        ';',
        '[',
        ']',
        '(',
        ')',
        '-',
        '.',
        '\n',
        'é',
        '|',
        '`',
      ),
      maxLength: 24,
    });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ step: text, role: text, next: text, branchWhen: text, branchTo: text }),
          { minLength: 1, maxLength: 6 },
        ),
        (steps) => {
          const flow = readPathwayFlow(stepsTable(steps));
          if (flow.steps.length === 0) return;
          checkMermaid(exportPathwayMermaid(flow));
        },
      ),
      { numRuns: 200 },
    );
  });
});
