import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { safeNext } from '../../../sync-server/auth/auth-routes.ts';
import { checkDistrictRule } from '../../../sync-server/auth/district-rule.ts';
import {
  readIdentityConfig,
  type ProviderConfig,
} from '../../../sync-server/auth/identity-config.ts';
import { Hono } from 'hono';
import { sessionCookie } from '../../../sync-server/auth/session-cookie.ts';

const provider: ProviderConfig = {
  id: 'default',
  name: 'Riverside',
  issuer: 'https://idp.example',
  clientId: 'c',
  clientSecret: 's',
  allowedDomains: ['riverside.example', '5f1c-tenant'],
};

describe('the district rule', () => {
  test.each([
    [
      'a verified email in an allowed domain',
      { email: 'Pat@Riverside.example', email_verified: true },
      { ok: true, email: 'pat@riverside.example' },
    ],
    [
      'an unverified email in an allowed domain',
      { email: 'pat@riverside.example', email_verified: false },
      { ok: false, reason: 'domain', email: 'pat@riverside.example', domain: 'riverside.example' },
    ],
    [
      'a look-alike domain',
      { email: 'pat@riverside.example.evil', email_verified: true },
      {
        ok: false,
        reason: 'domain',
        email: 'pat@riverside.example.evil',
        domain: 'riverside.example.evil',
      },
    ],
    [
      "Google's hd claim",
      { email: 'pat@gmail.example', hd: 'riverside.example' },
      { ok: true, email: 'pat@gmail.example' },
    ],
    [
      'a Microsoft tenant',
      { email: 'pat@contoso.example', tid: '5f1c-tenant' },
      { ok: true, email: 'pat@contoso.example' },
    ],
    [
      'a Clever student, even in an allowed domain',
      { email: 'stu@riverside.example', email_verified: true, user_type: 'student' },
      { ok: false, reason: 'student', email: 'stu@riverside.example', domain: null },
    ],
    [
      'no email at all',
      { hd: 'riverside.example' },
      { ok: false, reason: 'no-email', email: null, domain: null },
    ],
  ])('%s', (_what, claims, expected) => {
    expect(checkDistrictRule(claims, provider)).toEqual(expected);
  });
});

describe('identity configuration', () => {
  const base = {
    OIDC_ISSUER: 'https://idp.example',
    OIDC_CLIENT_ID: 'c',
    OIDC_CLIENT_SECRET: 's',
    OIDC_ALLOWED_DOMAINS: 'Riverside.example, ',
    PATHWAYS_PUBLIC_URL: 'https://pathways.example/',
  };

  test('is off without an issuer, and reads the variables into one provider', () => {
    expect(readIdentityConfig({})).toBeUndefined();
    expect(readIdentityConfig(base)).toMatchObject({
      publicUrl: 'https://pathways.example',
      providers: [
        { id: 'default', issuer: 'https://idp.example', allowedDomains: ['riverside.example'] },
      ],
    });
  });

  test.each([
    ['a missing secret', { ...base, OIDC_CLIENT_SECRET: '' }, 'OIDC_CLIENT_SECRET'],
    ['a missing public URL', { ...base, PATHWAYS_PUBLIC_URL: '' }, 'PATHWAYS_PUBLIC_URL'],
    ['an http issuer off loopback', { ...base, OIDC_ISSUER: 'http://idp.example' }, 'https://'],
    ['no allowed domain', { ...base, OIDC_ALLOWED_DOMAINS: ' , ' }, 'OIDC_ALLOWED_DOMAINS'],
  ])('refuses %s with a sentence naming the variable', (_what, env, named) => {
    expect(() => readIdentityConfig(env)).toThrow(named);
  });

  test('reads several districts from OIDC_PROVIDERS_FILE and names the mistake in a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pathways-providers-'));
    const file = join(dir, 'providers.json');
    const hillcrest = {
      id: 'hillcrest',
      name: 'Hillcrest USD',
      issuer: 'https://accounts.google.example',
      clientId: 'h',
      clientSecret: 'hs',
      allowedDomains: ['hillcrest.example'],
    };
    writeFileSync(file, JSON.stringify([hillcrest]));
    expect(
      readIdentityConfig({ ...base, OIDC_PROVIDERS_FILE: file })?.providers.map((p) => p.id),
    ).toEqual(['default', 'hillcrest']);
    writeFileSync(file, JSON.stringify([{ ...hillcrest, allowedDomains: [] }]));
    expect(() =>
      readIdentityConfig({ PATHWAYS_PUBLIC_URL: 'https://p.example', OIDC_PROVIDERS_FILE: file }),
    ).toThrow('allowedDomains');
  });
});

describe('after sign-in', () => {
  test.each([
    ['/w/abc?x=1', '/w/abc?x=1'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    [undefined, '/'],
  ])('next=%s leads to %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  test('over HTTPS the session cookie is __Host- prefixed, Secure, HttpOnly and SameSite=Lax, and reads back', async () => {
    const cookie = sessionCookie('https://pathways.example');
    const app = new Hono()
      .get('/set', (c) => (cookie.write(c, 'abc', 60), c.text('ok')))
      .get('/read', (c) => c.text(cookie.read(c) ?? 'none'));
    const set = (await app.request('/set')).headers.get('set-cookie')!;
    expect(set).toMatch(/^__Host-pathways_session=abc;/);
    expect(set.split('; ')).toEqual(
      expect.arrayContaining(['Max-Age=60', 'Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax']),
    );
    expect(
      await (
        await app.request('/read', { headers: { cookie: '__Host-pathways_session=abc' } })
      ).text(),
    ).toBe('abc');
    // The unprefixed name, which a sibling subdomain could plant, is not read over HTTPS.
    expect(
      await (
        await app.request('/read', { headers: { cookie: 'pathways_session=planted' } })
      ).text(),
    ).toBe('none');
  });
});
