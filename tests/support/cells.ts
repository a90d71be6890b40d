import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Table cells on the document page rest as text (a focusable element named like the cell) and
 * become their control when someone works in them; these read and write a cell either way.
 */

/** What a cell shows: its control's value while someone works in it, its text at rest. */
export function shownValue(cell: Locator): Promise<string> {
  return cell.evaluate((element) =>
    element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement
      ? element.value
      : (element.textContent ?? ''),
  );
}

/** Clicks the cell, waits for its control to take its place, and fills it. */
export async function fillCell(cell: Locator, value: string): Promise<void> {
  await cell.click();
  await expect
    .poll(() =>
      cell.evaluate(
        (element) => element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement,
      ),
    )
    .toBe(true);
  await cell.fill(value);
}
