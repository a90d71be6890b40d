import { expect, test } from 'vitest';
import type { DocumentRecord, DocumentStore } from '../../../sync-server/storage/document-store.ts';
import type { AuditEntry, SignIn } from '../../../sync-server/storage/identity-records.ts';

/**
 * Rules I1–I7 for accounts, sessions, members and the audit log, run by store-contract.test.ts
 * inside its per-store `describe`, against every store. `fresh` gives a store holding workspace
 * w1 (tokens h-owner, h-editor, h-viewer) and document d1.
 */
const signIn = (overrides: Partial<SignIn> = {}): SignIn => ({
  accountId: 'a-new',
  issuer: 'https://idp.riverside.example',
  subject: 'sub-1',
  email: 'pat@riverside.example',
  name: 'Pat Lee',
  at: '2026-12-01T09:00:00.000Z',
  sessionHash: `s-${Math.random()}`,
  sessionExpiresAt: '2026-12-01T21:00:00.000Z',
  requestId: 'req-1',
  ...overrides,
});

const entry = (
  action: AuditEntry['action'],
  at: string,
  workspaceId: string | null = 'w1',
): AuditEntry => ({
  workspaceId,
  at,
  actor: { type: 'link', role: 'owner' },
  action,
  outcome: 'success',
  requestId: 'req-x',
});

const document = (id: string): DocumentRecord => ({
  id,
  workspaceId: 'w1',
  title: id,
  template: null,
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
});

export function identityContract(fresh: () => Promise<DocumentStore>): void {
  test('I1: accounts are keyed on issuer and subject: a new email keeps the account, another issuer is another account', async () => {
    const store = await fresh();
    const first = await store.signIn(signIn());
    const again = await store.signIn(
      signIn({ accountId: 'a-other', email: 'pat.lee@riverside.example', name: 'Patricia Lee' }),
    );
    expect(again.account).toEqual({
      id: first.account.id,
      issuer: 'https://idp.riverside.example',
      subject: 'sub-1',
      email: 'pat.lee@riverside.example',
      name: 'Patricia Lee',
    });
    const elsewhere = await store.signIn(
      signIn({ accountId: 'a-third', issuer: 'https://idp.hillcrest.example' }),
    );
    expect(elsewhere.account.id).toBe('a-third');
    expect(
      await store.findAccountByIssuerSubject('https://idp.riverside.example', 'sub-1'),
    ).toEqual(again.account);
  });

  test('I2: a session is found by its hash until it ends, and ending it writes its event in the same step', async () => {
    const store = await fresh();
    await store.putMember(
      'w1',
      'pat@riverside.example',
      'editor',
      'm1',
      '2026-12-01T08:00:00.000Z',
      entry('member-invited', '2026-12-01T08:00:00.000Z'),
    );
    const { account } = await store.signIn(signIn({ sessionHash: 'h-session' }));
    expect(await store.findSession('h-session')).toEqual({
      account,
      expiresAt: '2026-12-01T21:00:00.000Z',
    });
    await store.endSession('h-session', [
      {
        ...entry('sign-out', '2026-12-01T10:00:00.000Z'),
        actor: { type: 'account', id: account.id, name: account.name },
      },
    ]);
    expect(await store.findSession('h-session')).toBeNull();
    const actions = (await store.listAudit('w1', { limit: 10 })).map((event) => event.action);
    expect(actions).toEqual(['member-invited', 'sign-in', 'sign-out']);
  });

  test('I3: an invitation becomes a membership at first sign-in; inviting someone who signed in before makes them a member at once', async () => {
    const store = await fresh();
    const invited = await store.putMember(
      'w1',
      'pat@riverside.example',
      'editor',
      'm1',
      '2026-12-01T08:00:00.000Z',
      entry('member-invited', '2026-12-01T08:00:00.000Z'),
    );
    expect(invited).toMatchObject({
      id: 'm1',
      email: 'pat@riverside.example',
      role: 'editor',
      account: null,
      lastActiveAt: null,
    });
    const { account, workspaceIds } = await store.signIn(signIn());
    expect(workspaceIds).toEqual(['w1']);
    expect(await store.findMemberRole('w1', account.id)).toBe('editor');
    expect(await store.listAccountWorkspaces(account.id)).toEqual([
      { workspaceId: 'w1', name: 'Riverside USD', role: 'editor' },
    ]);
    expect(await store.listWorkspacesOfEmail('pat@riverside.example')).toEqual(['w1']);
    expect(await store.listWorkspacesOfEmail('nobody@riverside.example')).toEqual([]);
    const other = await store.signIn(
      signIn({
        accountId: 'a-sam',
        subject: 'sub-2',
        email: 'sam@riverside.example',
        name: 'Sam Ortiz',
      }),
    );
    const sam = await store.putMember(
      'w1',
      'sam@riverside.example',
      'viewer',
      'm2',
      '2026-12-01T09:30:00.000Z',
      entry('member-invited', '2026-12-01T09:30:00.000Z'),
    );
    expect(sam.account).toEqual({ id: other.account.id, name: 'Sam Ortiz' });
    expect(
      (await store.listMembers('w1')).map((member) => [
        member.email,
        member.role,
        member.account?.name ?? null,
      ]),
    ).toEqual([
      ['pat@riverside.example', 'editor', 'Pat Lee'],
      ['sam@riverside.example', 'viewer', 'Sam Ortiz'],
    ]);
  });

  test('I4: inviting a member again changes the role (recorded as a role change); removing forgets the membership', async () => {
    const store = await fresh();
    await store.putMember(
      'w1',
      'pat@riverside.example',
      'viewer',
      'm1',
      '2026-12-01T08:00:00.000Z',
      entry('member-invited', '2026-12-01T08:00:00.000Z'),
    );
    const { account } = await store.signIn(signIn());
    const changed = await store.putMember(
      'w1',
      'pat@riverside.example',
      'owner',
      'm-unused',
      '2026-12-01T09:10:00.000Z',
      entry('member-invited', '2026-12-01T09:10:00.000Z'),
    );
    expect(changed).toMatchObject({
      id: 'm1',
      role: 'owner',
      lastActiveAt: '2026-12-01T09:00:00.000Z',
    });
    expect(
      await store.removeMember('w1', 'm1', entry('member-removed', '2026-12-01T09:20:00.000Z')),
    ).toMatchObject({ id: 'm1', account: { id: account.id } });
    expect(
      await store.removeMember('w1', 'm1', entry('member-removed', '2026-12-01T09:21:00.000Z')),
    ).toBeNull();
    expect(await store.findMemberRole('w1', account.id)).toBeNull();
    expect(await store.listMembers('w1')).toEqual([]);
    const actions = (await store.listAudit('w1', { limit: 10 })).map((event) => event.action);
    expect(actions).toEqual(['member-invited', 'sign-in', 'member-role-changed', 'member-removed']);
  });

  test('I5: changes write their event with them; the log reads back per workspace, in order, by time range and page', async () => {
    const store = await fresh();
    await store.createWorkspace(
      { id: 'w2', name: 'Hillcrest', createdAt: '2026-12-01T07:00:00.000Z' },
      { owner: 'h2o', editor: 'h2e', viewer: 'h2v' },
      entry('workspace-created', '2026-12-01T07:00:00.000Z', 'w2'),
    );
    await store.replaceToken(
      'w1',
      'editor',
      'h-editor-2',
      entry('link-rotated', '2026-12-01T08:00:00.000Z'),
    );
    await store.createDocument(document('d2'), new Uint8Array([1]), {
      ...entry('document-created', '2026-12-01T08:10:00.000Z'),
      target: 'd2',
    });
    await store.replaceSurveyToken(
      'd2',
      'h-survey',
      entry('survey-link-created', '2026-12-01T08:20:00.000Z'),
    );
    await store.replaceSurveyToken(
      'd2',
      null,
      entry('survey-link-closed', '2026-12-01T08:30:00.000Z'),
    );
    await store.saveVersion(
      {
        id: 'v1',
        documentId: 'd2',
        label: 'Before',
        auto: false,
        createdAt: '2026-12-01T08:40:00.000Z',
      },
      new Uint8Array([2]),
      [
        entry('version-saved', '2026-12-01T08:40:00.000Z'),
        {
          ...entry('version-restored', '2026-12-01T08:40:00.000Z'),
          actor: { type: 'account', id: 'a1', name: 'Pat Lee' },
          detail: 'v0',
        },
      ],
    );
    await store.appendAudit([
      {
        ...entry('document-exported', '2026-12-01T08:50:00.000Z'),
        actor: { type: 'system' },
        target: 'd2',
        detail: 'csv',
      },
    ]);
    const all = await store.listAudit('w1', { limit: 100 });
    expect(all.map((event) => event.action)).toEqual([
      'link-rotated',
      'document-created',
      'survey-link-created',
      'survey-link-closed',
      'version-saved',
      'version-restored',
      'document-exported',
    ]);
    expect(all.map((event) => event.id)).toEqual(
      [...all.map((event) => event.id)].sort((a, b) => a - b),
    );
    expect(all[1]).toMatchObject({
      workspaceId: 'w1',
      at: '2026-12-01T08:10:00.000Z',
      actor: { type: 'link', role: 'owner' },
      target: 'd2',
      outcome: 'success',
      requestId: 'req-x',
    });
    expect(all[5]!.actor).toEqual({ type: 'account', id: 'a1', name: 'Pat Lee' });
    expect(all[6]).toMatchObject({ actor: { type: 'system' }, detail: 'csv' });
    expect((await store.listAudit('w2', { limit: 100 })).map((event) => event.action)).toEqual([
      'workspace-created',
    ]);
    const window = await store.listAudit('w1', {
      from: '2026-12-01T08:10:00.000Z',
      to: '2026-12-01T08:40:00.000Z',
      limit: 100,
    });
    expect(window.map((event) => event.action)).toEqual([
      'document-created',
      'survey-link-created',
      'survey-link-closed',
    ]);
    const page = await store.listAudit('w1', { afterId: all[2]!.id, limit: 2 });
    expect(page.map((event) => event.action)).toEqual(['survey-link-closed', 'version-saved']);
  });

  test('I6: a change that fails writes no event', async () => {
    const store = await fresh();
    await expect(
      store.createDocument(
        document('d1'),
        new Uint8Array([1]),
        entry('document-created', '2026-12-01T08:10:00.000Z'),
      ),
    ).rejects.toThrow();
    expect(await store.listAudit('w1', { limit: 10 })).toEqual([]);
  });

  test('I7: a workspace created by a signed-in person has them as owner; "sign-in required" is a workspace setting', async () => {
    const store = await fresh();
    const { account } = await store.signIn(signIn());
    await store.createWorkspace(
      { id: 'w3', name: 'Lakeside', createdAt: '2026-12-01T10:00:00.000Z' },
      { owner: 'h3o', editor: 'h3e', viewer: 'h3v' },
      undefined,
      { memberId: 'm3', accountId: account.id, email: account.email },
    );
    expect(await store.findMemberRole('w3', account.id)).toBe('owner');
    expect((await store.getWorkspace('w3'))?.signInRequired).toBe(false);
    await store.setSignInRequired(
      'w3',
      true,
      entry('sign-in-required-changed', '2026-12-01T10:05:00.000Z', 'w3'),
    );
    expect((await store.getWorkspace('w3'))?.signInRequired).toBe(true);
    expect((await store.listAudit('w3', { limit: 10 })).map((event) => event.action)).toEqual([
      'sign-in-required-changed',
    ]);
  });
}
