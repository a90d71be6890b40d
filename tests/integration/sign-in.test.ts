import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SQLITE_FILE_NAME } from '../../sync-server/storage/sqlite-store.ts';
import { startIdentityServer, type IdentityTestServer } from '../support/identity-server.ts';
import { signInWithoutBrowser } from '../support/sign-in.ts';
import { api, createWorkspace, type Workspace } from '../support/test-server.ts';

let server: IdentityTestServer;
let workspace: Workspace;

const PEOPLE = {
  pat: { email: 'pat@riverside.example', name: 'Pat Lee' },
  gia: { email: 'gia@gmail.example', name: 'Gia Moss', hd: 'riverside.example' },
  kim: { email: 'kim@elsewhere.example', name: 'Kim Park' },
  una: { email: 'una@riverside.example', name: 'Una Verified', emailVerified: false },
  stu: { email: 'stu@riverside.example', name: 'Stu Dent', userType: 'student' },
};

beforeAll(async () => {
  server = await startIdentityServer(PEOPLE);
  workspace = await createWorkspace(server.url);
});

afterAll(async () => {
  await server?.stop();
});

const me = async (cookie: string | null) =>
  (await (
    await fetch(new URL('/api/me', server.url), { headers: cookie === null ? {} : { cookie } })
  ).json()) as Record<string, unknown>;

describe('sign-in with the district provider', () => {
  test('an allowed domain signs in, gets an HttpOnly Secure SameSite=Lax session, and is sent where it asked', async () => {
    const { cookie, location, setCookie } = await signInWithoutBrowser(server.url, 'pat', '/w/abc');
    expect(location).toBe('/w/abc');
    expect(cookie).toMatch(/^pathways_session=[\w-]{32}$/);
    const attributes = setCookie!.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(
      expect.arrayContaining(['httponly', 'secure', 'samesite=lax', 'path=/']),
    );
    expect(attributes.find((part) => part.startsWith('max-age='))).toBe('max-age=43200');
    expect(await me(cookie)).toMatchObject({
      signedIn: true,
      name: 'Pat Lee',
      email: 'pat@riverside.example',
    });
    expect(await me(null)).toMatchObject({ signedIn: false });
  });

  test("Google's hosted domain counts even when the email's domain does not", async () => {
    const { cookie } = await signInWithoutBrowser(server.url, 'gia');
    expect(await me(cookie)).toMatchObject({ signedIn: true, name: 'Gia Moss' });
  });

  test.each([
    ['another domain', 'kim', '/sign-in?refused=domain&domain=elsewhere.example'],
    ['an unverified email', 'una', '/sign-in?refused=domain&domain=riverside.example'],
    ['a student (Clever user_type)', 'stu', '/sign-in?refused=student'],
  ])('%s is refused with the reason, and gets no session', async (_what, login, where) => {
    const { cookie, location } = await signInWithoutBrowser(server.url, login);
    expect(location).toBe(where);
    expect(cookie).toBeNull();
  });

  test('signing out ends the session on the server: the old cookie no longer works', async () => {
    const { cookie } = await signInWithoutBrowser(server.url, 'pat');
    const out = await fetch(new URL('/auth/logout', server.url), {
      method: 'POST',
      headers: { cookie: cookie! },
    });
    expect(out.status).toBe(200);
    expect(await me(cookie)).toMatchObject({ signedIn: false });
  });

  test('a session past its time ends on the server at its next use, recorded as expired', async () => {
    const { cookie } = await signInWithoutBrowser(server.url, 'gia');
    // Twelve hours later, as far as the database can tell.
    const database = new Database(join(server.dataDir, SQLITE_FILE_NAME));
    database.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    const count = () =>
      (database.prepare('SELECT COUNT(*) AS n FROM sessions').get() as { n: number }).n;
    const before = count();
    const response = await fetch(new URL('/api/me', server.url), { headers: { cookie: cookie! } });
    expect(await response.json()).toMatchObject({ signedIn: false });
    expect(response.headers.getSetCookie().some((line) => /^pathways_session=;/.test(line))).toBe(
      true,
    );
    const left = count();
    const expired = database
      .prepare("SELECT actor_name FROM audit_events WHERE action = 'session-expired'")
      .all() as { actor_name: string }[];
    database.close();
    expect(left).toBe(before - 1);
    expect(expired).toEqual([{ actor_name: 'Gia Moss' }]);
  });

  test('a next= that leads off the site is ignored', async () => {
    const { location } = await signInWithoutBrowser(server.url, 'pat', '//evil.example/x');
    expect(location).toBe('/');
  });

  test('sign-ins, refusals and sign-outs are in the audit log of the workspaces concerned, with their actors', async () => {
    const invite = await api(server.url, `/api/workspaces/${workspace.id}/members`, {
      token: workspace.tokens.owner,
      body: { email: 'kim@elsewhere.example', role: 'editor' },
    });
    expect(invite.status).toBe(201);
    await api(server.url, `/api/workspaces/${workspace.id}/members`, {
      token: workspace.tokens.owner,
      body: { email: 'pat@riverside.example', role: 'viewer' },
    });
    await signInWithoutBrowser(server.url, 'kim');
    const { cookie } = await signInWithoutBrowser(server.url, 'pat');
    await fetch(new URL('/auth/logout', server.url), {
      method: 'POST',
      headers: { cookie: cookie! },
    });
    const lines = (
      await (
        await api(server.url, `/api/workspaces/${workspace.id}/audit`, {
          token: workspace.tokens.owner,
        })
      ).text()
    )
      .trim()
      .split('\n');
    const events = lines.map(
      (line) =>
        JSON.parse(line) as {
          action: string;
          actor: Record<string, unknown>;
          outcome: string;
          detail?: string;
        },
    );
    const of = (action: string) => events.filter((event) => event.action === action);
    expect(of('sign-in-refused')).toEqual([
      expect.objectContaining({
        actor: { type: 'person', name: 'kim@elsewhere.example' },
        outcome: 'refused',
        detail: 'domain',
      }),
    ]);
    expect(of('sign-in')).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ type: 'account', name: 'Pat Lee' }),
        outcome: 'success',
      }),
    ]);
    expect(of('sign-out')).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ type: 'account', name: 'Pat Lee' }),
      }),
    ]);
  });
});
