import dagre from '@dagrejs/dagre';
import { END_ID, type PathwayFlow } from './flow.ts';

/** A box of the diagram: a step, a missing step, or the end. Lines are already wrapped. */
export interface LaidOutNode {
  readonly id: string;
  readonly kind: 'step' | 'missing' | 'end';
  /** Centre, in diagram units (CSS pixels at 100 %). */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** The step's name, wrapped. */
  readonly title: readonly string[];
  /** Role, time target and stage, one short line each. */
  readonly details: readonly string[];
}

export interface LaidOutEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: 'next' | 'branch';
  readonly label: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
  /** Where the label's centre goes, when there is a label. */
  readonly labelAt: { readonly x: number; readonly y: number } | null;
}

export interface PathwayLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly LaidOutNode[];
  readonly edges: readonly LaidOutEdge[];
}

/** Sizes in diagram units; the renderers draw text at these sizes, so layout and drawing agree. */
export const PATHWAY_METRICS = {
  nodeWidth: 232,
  padding: 12,
  titleLineHeight: 18,
  detailLineHeight: 16,
  /** Characters per line for the 14 px title and the 12 px details at the node width. */
  titleChars: 25,
  detailChars: 32,
  labelChars: 24,
  labelLineHeight: 15,
} as const;

/** Greedy word wrap; a word longer than a line is cut, so no box ever overflows. */
export function wrapText(text: string, width: number, maxLines = 4): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    const pieces =
      word.length > width ? (word.match(new RegExp(`.{1,${width}}`, 'g')) ?? [word]) : [word];
    for (const piece of pieces) {
      if (line === '') line = piece;
      else if (line.length + 1 + piece.length <= width) line += ` ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length > maxLines)
    return [...lines.slice(0, maxLines - 1), `${lines[maxLines - 1]!.slice(0, width - 1)}…`];
  return lines;
}

function nodeHeight(title: readonly string[], details: readonly string[]): number {
  const m = PATHWAY_METRICS;
  return m.padding * 2 + title.length * m.titleLineHeight + details.length * m.detailLineHeight;
}

/**
 * Lays the flow out top to bottom with dagre (layered layout: steps in rows, edges routed
 * around boxes), so any pathway people type reads in order without anyone placing boxes.
 */
export function layOutPathway(flow: PathwayFlow): PathwayLayout {
  const m = PATHWAY_METRICS;
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 32, ranksep: 40, edgesep: 16, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));

  const nodes = new Map<string, Omit<LaidOutNode, 'x' | 'y'>>();
  for (const step of flow.steps) {
    const title = wrapText(step.name, m.titleChars);
    const details = [
      step.role,
      step.timeTarget,
      step.stage === null ? '' : `Data review: ${step.stage}`,
    ]
      .filter((detail) => detail !== '')
      .map((detail) => wrapText(detail, m.detailChars, 1)[0]!);
    nodes.set(step.id, {
      id: step.id,
      kind: 'step',
      width: m.nodeWidth,
      height: nodeHeight(title, details),
      title,
      details,
    });
  }
  for (const missing of flow.missing) {
    const title = wrapText(missing.name, m.titleChars);
    const details = ['Not a step in the table'];
    nodes.set(missing.id, {
      id: missing.id,
      kind: 'missing',
      width: m.nodeWidth,
      height: nodeHeight(title, details),
      title,
      details,
    });
  }
  if (flow.hasEnd)
    nodes.set(END_ID, {
      id: END_ID,
      kind: 'end',
      width: 96,
      height: m.padding * 2 + m.titleLineHeight,
      title: ['End'],
      details: [],
    });
  for (const node of nodes.values())
    graph.setNode(node.id, { width: node.width, height: node.height });

  flow.edges.forEach((edge, index) => {
    const label = edge.label === '' ? [] : wrapText(edge.label, m.labelChars, 2);
    const size =
      label.length === 0
        ? {}
        : {
            width: Math.max(...label.map((line) => line.length)) * 7 + 8,
            height: label.length * m.labelLineHeight + 4,
            labelpos: 'c',
          };
    graph.setEdge(
      edge.from,
      edge.to,
      { ...size, minlen: 1, weight: edge.kind === 'next' ? 2 : 1 },
      `e${index}`,
    );
  });

  dagre.layout(graph);
  const laidOutNodes = [...nodes.values()].map((node) => {
    const placed = graph.node(node.id);
    return { ...node, x: placed.x, y: placed.y };
  });
  const laidOutEdges = flow.edges.map((edge, index): LaidOutEdge => {
    const placed = graph.edge({ v: edge.from, w: edge.to, name: `e${index}` });
    const points = ((placed.points ?? []) as { x: number; y: number }[]).map(({ x, y }) => ({
      x,
      y,
    }));
    const hasLabel = edge.label !== '' && placed.x !== undefined && placed.y !== undefined;
    return {
      from: edge.from,
      to: edge.to,
      kind: edge.kind,
      label: edge.label,
      points,
      labelAt: hasLabel ? { x: placed.x!, y: placed.y! } : null,
    };
  });
  const size = graph.graph();
  return {
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    nodes: laidOutNodes,
    edges: laidOutEdges,
  };
}

/** An edge label's lines, wrapped as the layout sized them. */
export function edgeLabelLines(label: string): string[] {
  return wrapText(label, PATHWAY_METRICS.labelChars, 2);
}
