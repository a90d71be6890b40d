import { END_ID, type PathwayFlow } from '../pathway/flow.ts';

/**
 * Text for inside a Mermaid quoted label. Mermaid reads `#name;` and `#number;` as entities, so
 * `#` itself, the quote that would end the label, and angle brackets (read as HTML) are written
 * as entities; line breaks become spaces.
 */
export function escapeMermaidLabel(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The pathway as a Mermaid flowchart, for the Markdown export: GitHub, GitLab and most wikis
 * draw it. Node ids are generated (s1, s2, m1, end), never taken from what people typed.
 */
export function exportPathwayMermaid(flow: PathwayFlow): string {
  const ids = new Map<string, string>();
  flow.steps.forEach((step, index) => ids.set(step.id, `s${index + 1}`));
  flow.missing.forEach((missing, index) => ids.set(missing.id, `m${index + 1}`));
  ids.set(END_ID, 'end_');
  const lines = ['flowchart TD'];
  for (const step of flow.steps) {
    const details = [step.role, step.timeTarget].filter((part) => part !== '').join(' · ');
    const label =
      details === ''
        ? escapeMermaidLabel(step.name)
        : `${escapeMermaidLabel(step.name)}<br/>${escapeMermaidLabel(details)}`;
    lines.push(`  ${ids.get(step.id)}["${label}"]`);
  }
  for (const missing of flow.missing)
    lines.push(
      `  ${ids.get(missing.id)}["${escapeMermaidLabel(`Missing step: ${missing.name}`)}"]:::missing`,
    );
  if (flow.hasEnd) lines.push('  end_(["End"])');
  for (const edge of flow.edges) {
    const from = ids.get(edge.from)!;
    const to = ids.get(edge.to)!;
    if (edge.kind === 'branch')
      lines.push(
        edge.label === ''
          ? `  ${from} -.-> ${to}`
          : `  ${from} -. "${escapeMermaidLabel(edge.label)}" .-> ${to}`,
      );
    else lines.push(`  ${from} --> ${to}`);
  }
  if (flow.missing.length > 0) lines.push('  classDef missing stroke-dasharray: 5 5');
  return lines.join('\n');
}
