import { createMiddleware } from 'hono/factory';
import type { SessionEnv } from '../access/middleware.ts';
import { hashToken } from '../access/tokens.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import type { AccountRecord, AuditEntry } from '../storage/identity-records.ts';
import type { SessionCookie } from './session-cookie.ts';

/** One event per workspace the account belongs to, or one outside any: how account events reach each owner's log. */
export async function accountEvents(
  store: DocumentStore,
  account: AccountRecord,
  fields: Omit<AuditEntry, 'workspaceId' | 'actor'>,
): Promise<AuditEntry[]> {
  const workspaces = await store.listAccountWorkspaces(account.id);
  const actor = { type: 'account', id: account.id, name: account.name } as const;
  return (
    workspaces.length === 0 ? [null] : workspaces.map((workspace) => workspace.workspaceId)
  ).map((workspaceId) => ({ ...fields, workspaceId, actor }));
}

/**
 * Sets `account` for every request: the session cookie's account, or null. A session past its
 * time ends here, on the server, with a "session expired" event, and its cookie is cleared.
 */
export function readSessions(store: DocumentStore, cookie: SessionCookie) {
  return createMiddleware<SessionEnv>(async (c, next) => {
    c.set('account', null);
    const value = cookie.read(c);
    if (value !== null && value.length <= 200) {
      const hash = hashToken(value);
      const session = await store.findSession(hash);
      if (session !== null && Date.parse(session.expiresAt) > Date.now())
        c.set('account', session.account);
      else if (session !== null) {
        const requestId = (c.get('requestId') as string | undefined) ?? null;
        await store.endSession(
          hash,
          await accountEvents(store, session.account, {
            at: new Date().toISOString(),
            action: 'session-expired',
            outcome: 'success',
            requestId,
            target: session.account.email,
          }),
        );
        cookie.clear(c);
      } else cookie.clear(c);
    }
    await next();
  });
}
