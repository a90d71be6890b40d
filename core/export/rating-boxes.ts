import type { CellValue, Column } from '../tables/index.ts';

/** An empty box, as on the seed's paper rubric: one per level, to tick by hand. */
export const EMPTY_BOX = '☐';
/** A box someone ticked, with how many chose that level when more than one did. */
export const TICKED_BOX = '☒';

/**
 * A rating cell as the seed's rubric prints it: one box per level of the scale (Never … Always),
 * empty, or ticked with the number of people who chose that level ("☒ 3"). Blank rubrics so
 * stay fillable by hand.
 *
 * @example ratingBoxes({ kind: 'rating', answers: [{ participant: 'a', level: 3 }] }, sixLevels) // ['☐','☐','☐','☒','☐','☐']
 */
export function ratingBoxes(
  value: CellValue | undefined,
  column: Column & { readonly kind: 'rating' },
): string[] {
  const counts = column.scale.map(() => 0);
  if (value?.kind === 'rating') {
    for (const answer of value.answers)
      if (answer.level >= 0 && answer.level < counts.length) counts[answer.level]! += 1;
  }
  return counts.map((count) =>
    count === 0 ? EMPTY_BOX : count === 1 ? TICKED_BOX : `${TICKED_BOX} ${count}`,
  );
}
