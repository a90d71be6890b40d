export { describePathway, END_ID, readPathwayFlow } from './flow.ts';
export type { FlowEdge, FlowStep, MissingStep, PathwayFlow } from './flow.ts';
export { edgeLabelLines, layOutPathway, PATHWAY_METRICS, wrapText } from './layout.ts';
export type { LaidOutEdge, LaidOutNode, PathwayLayout } from './layout.ts';
