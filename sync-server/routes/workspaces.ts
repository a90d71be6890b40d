import { Hono } from 'hono';
import { z } from 'zod';
import { HTTPException } from 'hono/http-exception';
import { auditEntry } from '../access/audit-entry.ts';
import { readAccount, workspaceMember } from '../access/middleware.ts';
import { createToken, hashToken, readBearer, sameSecret } from '../access/tokens.ts';
import type { Relay } from '../relay/relay.ts';
import type { DocumentStore, Role } from '../storage/document-store.ts';
import { createRecordId } from './ids.ts';
import { jsonBody, requiredText } from './json-body.ts';

const NewWorkspace = z.object({ name: requiredText('name', 200) });

/**
 * Workspaces and their three links. Creating one returns the tokens once: only their hashes are
 * stored, so they cannot be shown again, only rotated by the owner.
 */
export function workspaceRoutes(
  store: DocumentStore,
  relay: Relay,
  adminToken: string | undefined,
) {
  return new Hono()
    .post('/api/workspaces', jsonBody(NewWorkspace, '{"name": "Riverside USD"}'), async (c) => {
      if (
        adminToken !== undefined &&
        !sameSecret(readBearer(c.req.header('authorization')), adminToken)
      ) {
        throw new HTTPException(401, {
          message:
            'Creating a workspace on this server needs the administrator token as "Authorization: Bearer <token>".',
        });
      }
      const { name } = c.req.valid('json');
      const tokens: Record<Role, string> = {
        owner: createToken(),
        editor: createToken(),
        viewer: createToken(),
      };
      const workspace = { id: createRecordId(), name, createdAt: new Date().toISOString() };
      // Someone signed in becomes the first member, as owner; the owner link is theirs to share.
      const account = readAccount(c);
      const owner =
        account === null
          ? undefined
          : { memberId: createRecordId(), accountId: account.id, email: account.email };
      const audit = auditEntry(c, {
        workspaceId: workspace.id,
        action: 'workspace-created',
        target: workspace.id,
        ...(account === null && { actor: { type: 'link', role: 'owner' } as const }),
      });
      await store.createWorkspace(
        workspace,
        {
          owner: hashToken(tokens.owner),
          editor: hashToken(tokens.editor),
          viewer: hashToken(tokens.viewer),
        },
        audit,
        owner,
      );
      return c.json({ id: workspace.id, name, tokens }, 201);
    })
    .get('/api/workspaces/:ws', workspaceMember(store), async (c) => {
      const workspace = await store.getWorkspace(c.req.param('ws'));
      if (workspace === null) throw new HTTPException(404, { message: 'No such workspace.' });
      return c.json({
        id: workspace.id,
        name: workspace.name,
        role: c.get('authorized').access.role,
        signInRequired: workspace.signInRequired === true,
      });
    })
    .post('/api/workspaces/:ws/tokens/:role', workspaceMember(store, 'owner'), async (c) => {
      const role = c.req.param('role');
      if (role !== 'editor' && role !== 'viewer')
        throw new HTTPException(400, {
          message: 'Only the editor and viewer links can be replaced.',
        });
      const token = createToken();
      await store.replaceToken(
        c.req.param('ws'),
        role,
        hashToken(token),
        auditEntry(c, { workspaceId: c.req.param('ws'), action: 'link-rotated', target: role }),
      );
      // The old link stops working at once, open sockets included.
      relay.closeSocketsOfRole(c.req.param('ws'), role);
      return c.json({ role, token });
    });
}
