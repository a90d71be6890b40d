import type { AccountRecord, AuditEntry, SignIn } from './identity-records.ts';

/** A sign-in is recorded in each workspace the account belongs to, or once outside any. */
export function signInEvents(
  account: AccountRecord,
  workspaceIds: readonly string[],
  signIn: SignIn,
): AuditEntry[] {
  const base = {
    at: signIn.at,
    actor: { type: 'account', id: account.id, name: account.name },
    action: 'sign-in',
    outcome: 'success',
    requestId: signIn.requestId,
    target: account.email,
  } as const;
  return (workspaceIds.length === 0 ? [null] : workspaceIds).map((workspaceId) => ({
    ...base,
    workspaceId,
  }));
}
