import { Hono } from 'hono';
import { z } from 'zod';
import { HTTPException } from 'hono/http-exception';
import { auditEntry } from '../access/audit-entry.ts';
import { documentMember } from '../access/middleware.ts';
import type { Relay } from '../relay/relay.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { createRecordId } from './ids.ts';
import { jsonBody, requiredText } from './json-body.ts';

const NewVersion = z.object({
  label: requiredText('label', 200),
  // The history panel saves the current state first when it restores, naming the version it restores as `restoring`.
  restoring: z
    .string({ error: '"restoring" must be the id of the version being restored.' })
    .transform((id) => id.slice(0, 100))
    .optional(),
});

/** Named snapshots of a document; the relay adds one automatically when a session ends. */
export function versionRoutes(store: DocumentStore, relay: Relay) {
  return new Hono()
    .post(
      '/api/documents/:doc/versions',
      documentMember(store, 'editor'),
      jsonBody(NewVersion, '{"label": "After kickoff meeting"}'),
      async (c) => {
        const { label, restoring = null } = c.req.valid('json');
        const version = {
          id: createRecordId(),
          documentId: c.req.param('doc'),
          label,
          auto: false,
          createdAt: new Date().toISOString(),
        };
        const workspaceId = c.get('document').workspaceId;
        const audit = [
          auditEntry(c, {
            workspaceId,
            action: 'version-saved',
            target: c.req.param('doc'),
            detail: version.id,
          }),
          ...(restoring === null
            ? []
            : [
                auditEntry(c, {
                  workspaceId,
                  action: 'version-restored',
                  target: c.req.param('doc'),
                  detail: restoring,
                }),
              ]),
        ];
        await store.saveVersion(version, await relay.readState(c.req.param('doc')), audit);
        return c.json({ id: version.id, label, createdAt: version.createdAt }, 201);
      },
    )
    .get('/api/documents/:doc/versions', documentMember(store), async (c) => {
      const versions = await store.listVersions(c.req.param('doc'));
      return c.json(
        versions.map(({ id, label, createdAt, auto }) => ({ id, label, createdAt, auto })),
      );
    })
    .get('/api/documents/:doc/versions/:id', documentMember(store), async (c) => {
      const state = await store.readVersion(c.req.param('doc'), c.req.param('id'));
      if (state === null)
        throw new HTTPException(404, { message: 'No such version of this document.' });
      return c.body(state as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'application/octet-stream',
      });
    });
}
