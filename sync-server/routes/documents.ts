import { Hono } from 'hono';
import { z } from 'zod';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import { createDocument, findTemplate, type TemplateId } from '#core/templates';
import { auditEntry } from '../access/audit-entry.ts';
import { documentMember, workspaceMember } from '../access/middleware.ts';
import type { Relay } from '../relay/relay.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import { createRecordId } from './ids.ts';
import { jsonBody, requiredText } from './json-body.ts';

/** Only a string is echoed (shortened): a nested value would make JSON.stringify overflow the stack. */
function describeTemplate(given: unknown): string {
  return typeof given === 'string'
    ? JSON.stringify(given.slice(0, 80))
    : `(a ${Array.isArray(given) ? 'list' : typeof given}, not a template id)`;
}

const NewDocument = z.object({
  title: requiredText('title', 300).optional(),
  // null or absent: a blank document.
  template: z
    .custom<TemplateId>((given) => typeof given === 'string' && findTemplate(given) !== null, {
      error: (issue) =>
        `Unknown template ${describeTemplate(issue.input)}: GET /api/templates lists the ones there are, or leave it out for a blank document.`,
    })
    .nullable()
    .optional(),
});

/**
 * A workspace's documents. The template is applied here, once, when the document is created;
 * clients never seed a document they find empty (two would, and merging would double it).
 * `DELETE /api/documents/:doc` (owner) deletes one for good: its sockets close with 4404 on
 * every node, and a stale client that comes back later is told the same.
 */
export function documentRoutes(store: DocumentStore, relay: Relay) {
  return new Hono()
    .post(
      '/api/workspaces/:ws/documents',
      workspaceMember(store, 'editor'),
      jsonBody(NewDocument, '{"title": "Fall kickoff", "template": "roles-working-session"}'),
      async (c) => {
        const body = c.req.valid('json');
        const templateId = body.template ?? null;
        const title =
          body.title ??
          (templateId === null ? null : findTemplate(templateId)?.title) ??
          'Untitled document';
        const doc = new Y.Doc();
        const createdAt = new Date().toISOString();
        const created = createDocument(doc, { template: templateId, title, createdAt });
        if (!created.ok) throw new HTTPException(400, { message: created.message });
        const id = createRecordId();
        const audit = auditEntry(c, {
          workspaceId: c.req.param('ws'),
          action: 'document-created',
          target: id,
          ...(templateId !== null && { detail: String(templateId) }),
        });
        await store.createDocument(
          {
            id,
            workspaceId: c.req.param('ws'),
            title,
            template: templateId,
            createdAt,
            updatedAt: createdAt,
          },
          Y.encodeStateAsUpdate(doc),
          audit,
        );
        doc.destroy();
        return c.json({ id }, 201);
      },
    )
    .get('/api/documents/:doc', documentMember(store), async (c) => {
      // What a share link to one document needs to show its page: the workspace and the role.
      const document = c.get('document');
      const workspace = await store.getWorkspace(document.workspaceId);
      const { id, title, template, updatedAt } = document;
      const { access } = c.get('authorized');
      // `documentOnly`: a join link, which opens this document and not its workspace.
      return c.json({
        id,
        title,
        template,
        updatedAt,
        workspaceId: document.workspaceId,
        workspaceName: workspace?.name ?? '',
        role: access.role,
        ...(access.documentId !== undefined && { documentOnly: true }),
      });
    })
    .delete('/api/documents/:doc', documentMember(store, 'owner'), async (c) => {
      const documentId = c.req.param('doc');
      const deletedAt = new Date().toISOString();
      const audit = auditEntry(c, {
        workspaceId: c.get('document').workspaceId,
        action: 'document-deleted',
        target: documentId,
      });
      const deleted = await relay.deleteDocument(documentId, () =>
        store.deleteDocument(documentId, deletedAt, audit),
      );
      // Another owner's delete got there first: the outcome is the same.
      return c.json({ deleted: true, alreadyDeleted: !deleted });
    })
    .get('/api/workspaces/:ws/documents', workspaceMember(store), async (c) => {
      const documents = await store.listDocuments(c.req.param('ws'));
      return c.json(
        documents.map(({ id, title, template, updatedAt }) => ({ id, title, template, updatedAt })),
      );
    });
}
