import type { Page } from 'playwright-core';

/**
 * Signs in through the real provider's development screens without a browser: follows each
 * redirect by hand, keeps each site's cookies, fills in the login form and presses Continue on
 * the consent form. Resolves with the session cookie ("name=value") and where Pathways sent us.
 */
export async function signInWithoutBrowser(
  pathwaysUrl: string,
  login: string,
  next = '/',
): Promise<{ cookie: string | null; location: string; setCookie: string | null }> {
  const jar = new Map<string, Map<string, string>>();
  const cookieHeader = (url: URL): string =>
    [...(jar.get(url.host) ?? new Map<string, string>())]
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  let setCookie: string | null = null;
  const keep = (url: URL, response: Response): void => {
    const cookies = jar.get(url.host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      if (line.includes('pathways_session=')) setCookie = line;
      const [pair] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      if (value === '' || /max-age=0/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    jar.set(url.host, cookies);
  };
  const pathways = new URL(pathwaysUrl);
  let url = new URL(`/auth/login?next=${encodeURIComponent(next)}`, pathwaysUrl);
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader(url) },
    });
    keep(url, response);
    const location = response.headers.get('location');
    if (location !== null) {
      const target = new URL(location, url);
      // Back at Pathways after the callback: done.
      if (target.host === pathways.host && url.pathname === '/auth/callback') {
        const session = [...(jar.get(pathways.host) ?? new Map<string, string>())].find(([name]) =>
          name.endsWith('pathways_session'),
        );
        return {
          cookie: session === undefined ? null : `${session[0]}=${session[1]}`,
          location: target.pathname + target.search,
          setCookie,
        };
      }
      url = target;
      init = {};
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (action === undefined)
      throw new Error(
        `no form and no redirect at ${url.href} (${response.status}): ${html.slice(0, 200)}`,
      );
    const fields = new URLSearchParams(
      html.includes('name="login"')
        ? { prompt: 'login', login, password: 'any' }
        : { prompt: 'consent' },
    );
    url = new URL(action.replace(/&amp;/g, '&'), url);
    init = {
      method: 'POST',
      body: fields.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }
  throw new Error('sign-in did not finish within 20 redirects');
}

/** Through the provider's development screens in a browser, as a person would: login, password, Continue. */
export async function signInInBrowser(
  page: Page,
  pathwaysUrl: string,
  login: string,
): Promise<void> {
  await page.goto(new URL('/sign-in', pathwaysUrl).href);
  await page.getByRole('link', { name: /^Sign in with / }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.origin === new URL(pathwaysUrl).origin);
}
