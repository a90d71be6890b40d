import type { Page } from 'playwright-core';

/** What does not fit a page: how far it scrolls sideways, and controls drawn out of reach. */
export interface PageFit {
  /** Pixels the page itself scrolls sideways (0 when it fits). */
  readonly sidewaysScroll: number;
  /** Controls cut off: outside the window, or clipped by a box that does not scroll. */
  readonly cutControls: readonly string[];
}

/**
 * Measures the page as it is drawn. A control inside a box that scrolls (a table's own scroll
 * box, the projector's slide) is reachable by scrolling that box, so only the box itself has to
 * fit; anything else must lie inside the window sideways, and, when the page cannot scroll down
 * (`fixedHeight`), inside it top to bottom too.
 */
export async function measurePageFit(
  page: Page,
  options: { fixedHeight?: boolean } = {},
): Promise<PageFit> {
  return page.evaluate(
    ({ fixedHeight }) => {
      const root = document.documentElement;
      const sidewaysScroll = Math.max(0, root.scrollWidth - root.clientWidth);
      const cut: string[] = [];
      const describe = (element: Element): string => {
        const name =
          element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40) ?? '';
        return `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? '.' + element.className.split(' ')[0] : ''} "${name}"`;
      };
      const scrollsInOwnBox = (element: Element): boolean => {
        for (
          let parent = element.parentElement;
          parent !== null && parent !== document.body;
          parent = parent.parentElement
        ) {
          const style = getComputedStyle(parent);
          if (/(auto|scroll)/.test(style.overflowX + style.overflowY)) return true;
        }
        return false;
      };
      const controls = document.querySelectorAll(
        'a[href], button, input, select, textarea, [role="textbox"], [tabindex="0"]',
      );
      for (const element of controls) {
        if (element.closest('.visually-hidden, .skip-link')) continue;
        const rect = element.getBoundingClientRect();
        if (rect.width <= 1 || rect.height <= 1) continue;
        const style = getComputedStyle(element);
        if (style.visibility === 'hidden') continue;
        if (scrollsInOwnBox(element)) continue;
        const outside =
          rect.left < -1 ||
          rect.right > root.clientWidth + 1 ||
          (fixedHeight === true && (rect.top < -1 || rect.bottom > root.clientHeight + 1));
        if (outside)
          cut.push(
            `${describe(element)} at ${Math.round(rect.left)},${Math.round(rect.top)}–${Math.round(rect.right)},${Math.round(rect.bottom)}`,
          );
      }
      return { sidewaysScroll, cutControls: cut };
    },
    { fixedHeight: options.fixedHeight ?? false },
  );
}
