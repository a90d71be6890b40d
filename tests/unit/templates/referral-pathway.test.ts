import { describe, expect, test } from 'vitest';
import { readPathwayFlow } from '../../../core/pathway/index.ts';
import { readDocument } from '../../../core/schema/index.ts';
import {
  FUNNEL_STAGE_OPTIONS,
  METRICS_SECTION_ID,
  PATHWAY_CONTACTS_SECTION_ID,
  PATHWAY_STEP_COLUMNS,
  PATHWAY_STEPS_SECTION_ID,
} from '../../../core/templates/index.ts';
import { buildTemplate, columnTexts, tableOf } from './template-doc.ts';

describe('the referral-pathway template', () => {
  test('opens with who it is for and how to use it, then the steps, the contacts and the escalation notes', () => {
    const view = readDocument(buildTemplate('referral-pathway')).value;
    expect(view.sections.map((section) => section.id)).toEqual([
      'about',
      PATHWAY_STEPS_SECTION_ID,
      PATHWAY_CONTACTS_SECTION_ID,
      'escalation',
    ]);
    expect(JSON.stringify(view.sections[0])).toContain('Who is this tool for?');
    expect(JSON.stringify(view.sections[0])).toContain('minimum necessary');
  });

  test('the default steps follow the seed: from a concern noticed to the loop closed, with a crisis branch', () => {
    const doc = buildTemplate('referral-pathway');
    const steps = columnTexts(tableOf(doc, PATHWAY_STEPS_SECTION_ID), PATHWAY_STEP_COLUMNS.step);
    expect(steps).toEqual([
      'A staff member notices a concern',
      'Referral to the school-based coordinator',
      'Screening and urgency check',
      'Family contact and consent',
      'Referral to the community provider',
      'First appointment offered',
      'Services initiated',
      'Check at one month',
      'Close the loop with the referring staff member',
      "District's crisis response",
    ]);
    const flow = readPathwayFlow(tableOf(doc, PATHWAY_STEPS_SECTION_ID));
    expect(flow.problems).toEqual([]);
    const screening = flow.steps.find((step) => step.name === 'Screening and urgency check')!;
    const crisis = flow.steps.find((step) => step.name === "District's crisis response")!;
    expect(flow.edges).toContainEqual({
      from: screening.id,
      to: crisis.id,
      kind: 'branch',
      label: 'Urgent: risk of harm',
    });
  });

  test('the steps the data review counts carry the data review’s own stage names, in funnel order', () => {
    const doc = buildTemplate('referral-pathway');
    const flow = readPathwayFlow(tableOf(doc, PATHWAY_STEPS_SECTION_ID));
    expect(flow.steps.filter((step) => step.stage !== null).map((step) => step.stage)).toEqual(
      FUNNEL_STAGE_OPTIONS.map((option) => option.label),
    );
    const metrics = tableOf(buildTemplate('data-review'), METRICS_SECTION_ID);
    const metricTitles = metrics.columns.map((column) => column.title);
    for (const option of FUNNEL_STAGE_OPTIONS) expect(metricTitles).toContain(option.label);
  });
});
