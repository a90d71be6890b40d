import { describePathway, type PathwayFlow } from '../pathway/flow.ts';
import { edgeLabelLines, layOutPathway, PATHWAY_METRICS } from '../pathway/layout.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);

/**
 * The pathway as a standalone SVG figure for the HTML export and the printed handout: boxes with
 * their text as text (selectable, read by screen readers), an accessible name, and the steps in
 * order as the figure's caption, so the diagram's content is there without seeing it.
 */
export function renderPathwayFigure(flow: PathwayFlow, title: string, headingId: string): string {
  if (flow.steps.length === 0) return '';
  const layout = layOutPathway(flow);
  const m = PATHWAY_METRICS;
  const parts: string[] = [];
  const markerId = `${headingId}-arrow`;
  parts.push(
    `<svg class="pathway-diagram" role="img" aria-labelledby="${headingId}-diagram-title" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${headingId}-diagram-title">${escape(`Flow diagram: ${title}`)}</title>`,
    `<defs><marker id="${markerId}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#3d4451"/></marker></defs>`,
  );
  for (const edge of layout.edges) {
    if (edge.points.length < 2) continue;
    const d = edge.points
      .map(
        (point, index) => `${index === 0 ? 'M' : 'L'}${point.x.toFixed(1)} ${point.y.toFixed(1)}`,
      )
      .join('');
    parts.push(
      `<path d="${d}" fill="none" stroke="#3d4451" stroke-width="1.5"${edge.kind === 'branch' ? ' stroke-dasharray="6 4"' : ''} marker-end="url(#${markerId})"/>`,
    );
    if (edge.labelAt !== null) {
      const lines = edgeLabelLines(edge.label);
      const top = edge.labelAt.y - (lines.length * m.labelLineHeight) / 2 + 11;
      parts.push(
        `<text text-anchor="middle" font-size="12" fill="#1f2328" paint-order="stroke" stroke="#fff" stroke-width="4">${lines
          .map(
            (line, index) =>
              `<tspan x="${edge.labelAt!.x.toFixed(1)}" y="${(top + index * m.labelLineHeight).toFixed(1)}">${escape(line)}</tspan>`,
          )
          .join('')}</text>`,
      );
    }
  }
  for (const node of layout.nodes) {
    const left = node.x - node.width / 2;
    const top = node.y - node.height / 2;
    const style =
      node.kind === 'missing'
        ? 'fill="#fff8e1" stroke="#8a5a00" stroke-dasharray="5 3"'
        : node.kind === 'end'
          ? 'fill="#eef1f5" stroke="#3d4451"'
          : 'fill="#ffffff" stroke="#3d4451"';
    parts.push(
      `<g><rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${node.width}" height="${node.height}" rx="${node.kind === 'end' ? node.height / 2 : 6}" ${style} stroke-width="1.5"/>`,
    );
    const anchor = node.kind === 'end' ? 'middle' : 'start';
    const x = node.kind === 'end' ? node.x : left + m.padding;
    let y = top + m.padding + 13;
    const lines: string[] = [];
    for (const line of node.title) {
      lines.push(
        `<tspan x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-weight="600" font-size="14">${escape(line)}</tspan>`,
      );
      y += m.titleLineHeight;
    }
    y -= 2;
    for (const line of node.details) {
      lines.push(
        `<tspan x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="12" fill="${node.kind === 'missing' ? '#6b4500' : '#474f5c'}">${escape(line)}</tspan>`,
      );
      y += m.detailLineHeight;
    }
    parts.push(`<text text-anchor="${anchor}" fill="#1f2328">${lines.join('')}</text></g>`);
  }
  parts.push('</svg>');
  const steps = describePathway(flow)
    .map((sentence) => `<li>${escape(sentence.replace(/^\d+\.\s*/, ''))}</li>`)
    .join('');
  const problems =
    flow.problems.length === 0
      ? ''
      : `<ul class="pathway-problems">${flow.problems.map((problem) => `<li>${escape(problem)}</li>`).join('')}</ul>`;
  return `<figure class="pathway-figure">${parts.join('')}<figcaption><p>The pathway, step by step:</p><ol>${steps}</ol>${problems}</figcaption></figure>`;
}
