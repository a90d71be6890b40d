import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startIdentityServer, type IdentityTestServer } from '../support/identity-server.ts';
import { signInWithoutBrowser } from '../support/sign-in.ts';

let server: IdentityTestServer;

const PEOPLE = {
  pat: { email: 'pat@riverside.example', name: 'Pat Lee' },
  gia: { email: 'gia@gmail.example', name: 'Gia Moss', hd: 'riverside.example' },
  kim: { email: 'kim@elsewhere.example', name: 'Kim Park' },
};

beforeAll(async () => {
  // This provider puts only `sub` in the ID token; email, name and hd come from its userinfo endpoint.
  server = await startIdentityServer(
    PEOPLE,
    'riverside.example',
    {},
    { profileOnlyFromUserInfo: true },
  );
});

afterAll(async () => {
  await server?.stop();
});

const me = async (cookie: string | null) =>
  (await (
    await fetch(new URL('/api/me', server.url), { headers: cookie === null ? {} : { cookie } })
  ).json()) as Record<string, unknown>;

describe('a provider that keeps the profile to its userinfo endpoint', () => {
  test('signs in with the email and name read from userinfo', async () => {
    const { cookie, location } = await signInWithoutBrowser(server.url, 'pat', '/w/abc');
    expect(location).toBe('/w/abc');
    expect(await me(cookie)).toMatchObject({
      signedIn: true,
      name: 'Pat Lee',
      email: 'pat@riverside.example',
    });
  });

  test("counts Google's hosted domain read from userinfo", async () => {
    const { cookie } = await signInWithoutBrowser(server.url, 'gia');
    expect(await me(cookie)).toMatchObject({
      signedIn: true,
      name: 'Gia Moss',
      email: 'gia@gmail.example',
    });
  });

  test('still refuses a domain that is not allowed, naming it', async () => {
    const { cookie, location } = await signInWithoutBrowser(server.url, 'kim');
    expect(cookie).toBeNull();
    expect(location).toBe('/sign-in?refused=domain&domain=elsewhere.example');
  });
});
