import { expect } from 'vitest';

/** One line of a workspace's audit export (jsonl). */
export type AuditLine = {
  action: string;
  actor: Record<string, unknown>;
  target?: string;
  detail?: string;
  workspace: string;
};

/** A workspace's audit log through its export route, as its owner (a link token or a session cookie) reads it. */
export async function readAudit(
  baseUrl: string,
  workspaceId: string,
  init: { token?: string; cookie?: string },
): Promise<AuditLine[]> {
  const response = await fetch(
    new URL(`/api/workspaces/${workspaceId}/audit?format=jsonl`, baseUrl),
    {
      headers: {
        ...(init.token !== undefined && { authorization: `Bearer ${init.token}` }),
        ...(init.cookie !== undefined && { cookie: init.cookie }),
      },
    },
  );
  expect(response.status).toBe(200);
  return (await response.text())
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as AuditLine);
}
