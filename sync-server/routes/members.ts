import { Hono } from 'hono';
import { z } from 'zod';
import { HTTPException } from 'hono/http-exception';
import { auditEntry } from '../access/audit-entry.ts';
import { workspaceMember } from '../access/middleware.ts';
import type { Relay } from '../relay/relay.ts';
import { ROLES, type DocumentStore, type Role } from '../storage/document-store.ts';
import type { MemberRecord } from '../storage/identity-records.ts';
import { createRecordId } from './ids.ts';
import { jsonBody } from './json-body.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMAIL_MESSAGE =
  'Send "email": the district address of the person to invite, e.g. "pat.lee@riversideusd.org".';

const Invitation = z.object({
  email: z
    .string({ error: EMAIL_MESSAGE })
    .transform((email) => email.trim().toLowerCase())
    .refine((email) => EMAIL.test(email) && email.length <= 254, EMAIL_MESSAGE),
  role: z.custom<Role>((value) => ROLES.includes(value as Role), {
    error: 'Send "role": owner, editor or viewer.',
  }),
});

const Settings = z.object({
  signInRequired: z.boolean({ error: 'Send "signInRequired": true or false.' }),
});

const toJson = (member: MemberRecord) => ({
  id: member.id,
  email: member.email,
  role: member.role,
  name: member.account?.name ?? null,
  /** False while the invitation waits for the person's first sign-in. */
  joined: member.account !== null,
  invitedAt: member.invitedAt,
  lastActiveAt: member.lastActiveAt,
});

/**
 * `GET|POST|DELETE /api/workspaces/:ws/members` and `PUT /api/workspaces/:ws/settings` (owner):
 * invitations by email (accepted at the person's first sign-in), roles, removal (their open
 * sockets close at once, on every node), and the "sign-in required" setting.
 */
export function memberRoutes(store: DocumentStore, relay: Relay) {
  return new Hono()
    .get('/api/workspaces/:ws/members', workspaceMember(store, 'owner'), async (c) => {
      const workspace = await store.getWorkspace(c.req.param('ws'));
      return c.json({
        members: (await store.listMembers(c.req.param('ws'))).map(toJson),
        signInRequired: workspace?.signInRequired === true,
      });
    })
    .post(
      '/api/workspaces/:ws/members',
      workspaceMember(store, 'owner'),
      jsonBody(Invitation, '{"email": "pat.lee@riversideusd.org", "role": "editor"}'),
      async (c) => {
        const { email, role } = c.req.valid('json');
        const workspaceId = c.req.param('ws');
        const before = (await store.listMembers(workspaceId)).find(
          (member) => member.email === email,
        );
        const member = await store.putMember(
          workspaceId,
          email,
          role,
          createRecordId(),
          new Date().toISOString(),
          auditEntry(c, { workspaceId, action: 'member-invited', target: email, detail: role }),
        );
        // A lower role takes effect on open sockets too: they close, and reopen with the new role.
        if (before?.account && member.account && before.role !== role)
          relay.closeSocketsOfAccount(workspaceId, member.account.id);
        return c.json(toJson(member), before === undefined ? 201 : 200);
      },
    )
    .delete('/api/workspaces/:ws/members', workspaceMember(store, 'owner'), async (c) => {
      const id = c.req.query('id');
      if (id === undefined || id === '')
        throw new HTTPException(400, {
          message:
            'Say which member: DELETE /api/workspaces/:ws/members?id=MEMBER_ID (GET lists the ids).',
        });
      const workspaceId = c.req.param('ws');
      const removed = await store.removeMember(
        workspaceId,
        id,
        auditEntry(c, { workspaceId, action: 'member-removed', target: id }),
      );
      if (removed === null)
        throw new HTTPException(404, { message: 'No such member of this workspace.' });
      if (removed.account !== null) relay.closeSocketsOfAccount(workspaceId, removed.account.id);
      return c.json({ removed: toJson(removed) });
    })
    .put(
      '/api/workspaces/:ws/settings',
      workspaceMember(store, 'owner'),
      jsonBody(Settings, '{"signInRequired": true}'),
      async (c) => {
        const body = c.req.valid('json');
        const workspaceId = c.req.param('ws');
        // Links alone stop working, so someone must be able to sign in as owner to turn it off again.
        if (
          body.signInRequired &&
          !(await store.listMembers(workspaceId)).some(
            (member) => member.role === 'owner' && member.account !== null,
          )
        ) {
          throw new HTTPException(409, {
            message:
              'Requiring sign-in would lock out every owner: first invite an owner who has signed in once.',
          });
        }
        await store.setSignInRequired(
          workspaceId,
          body.signInRequired,
          auditEntry(c, {
            workspaceId,
            action: 'sign-in-required-changed',
            detail: String(body.signInRequired),
          }),
        );
        // Sockets opened by a link alone must sign in now: every socket closes, and members' reopen at once.
        if (body.signInRequired)
          for (const role of ROLES) relay.closeSocketsOfRole(workspaceId, role);
        return c.json({ signInRequired: body.signInRequired });
      },
    );
}
