import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium: no browser download works on this machine, and CI installs the same package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium with the flags this sandbox needs; playwright gives each launch a fresh profile. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where browser tests leave screenshots: under test-results/, which git ignores. */
export const SCREENSHOT_DIR = 'test-results/screenshots';

/** The screens Pathways is used on: laptop, the two projectors, phone. */
export const SCREEN_SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
] as const;

/** Opens a page and reports its console errors and uncaught exceptions to the test. */
export async function openPage(
  browser: Browser,
  url: string,
  options: { viewport?: { width: number; height: number }; fakeClock?: boolean } = {},
) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  // A fake clock starts at the real time and runs with it until the test moves it (`page.clock`).
  if (options.fakeClock === true) await context.clock.install();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await waitForLivePage(page);
  return { context, page, errors };
}

/**
 * A share link's page starts as the server's read-only first screen of the document, which the
 * live page replaces once it is drawn; tests work with the live page, as the person does a moment later.
 */
export async function waitForLivePage(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.locator('#first-screen').waitFor({ state: 'detached', timeout: timeoutMs });
}
