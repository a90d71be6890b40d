import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import { hasStaffSurvey } from '#core/survey';
import { auditEntry } from '../access/audit-entry.ts';
import { documentMember } from '../access/middleware.ts';
import { createToken, hashToken } from '../access/tokens.ts';
import type { Relay } from '../relay/relay.ts';
import type { DocumentStore } from '../storage/document-store.ts';

/** The page a survey link opens: the token is the path, because it is the whole capability. */
export const surveyPagePath = (token: string): string => `/s/${token}`;

/**
 * `/api/documents/:doc/survey-link`: an editor creates (or replaces), checks and revokes the
 * document's survey-only link. Like the role links, only the token's hash is stored, so the link
 * is shown once, when it is made.
 */
export function surveyLinkRoutes(store: DocumentStore, relay: Relay) {
  return new Hono()
    .post('/api/documents/:doc/survey-link', documentMember(store, 'editor'), async (c) => {
      const documentId = c.req.param('doc');
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await relay.readState(documentId));
      const hasSurvey = hasStaffSurvey(doc);
      doc.destroy();
      if (!hasSurvey)
        throw new HTTPException(409, {
          message:
            'This document has no staff survey section, so there is nothing to answer. Survey links are for documents made from the barriers tool.',
        });
      const token = createToken();
      await store.replaceSurveyToken(
        documentId,
        hashToken(token),
        auditEntry(c, {
          workspaceId: c.get('document').workspaceId,
          action: 'survey-link-created',
          target: documentId,
        }),
      );
      c.header('cache-control', 'no-store');
      return c.json({ token, url: new URL(surveyPagePath(token), c.req.url).href }, 201);
    })
    .get('/api/documents/:doc/survey-link', documentMember(store, 'editor'), async (c) => {
      return c.json({ exists: await store.hasSurveyToken(c.req.param('doc')) });
    })
    .delete('/api/documents/:doc/survey-link', documentMember(store, 'editor'), async (c) => {
      await store.replaceSurveyToken(
        c.req.param('doc'),
        null,
        auditEntry(c, {
          workspaceId: c.get('document').workspaceId,
          action: 'survey-link-closed',
          target: c.req.param('doc'),
        }),
      );
      return c.json({ exists: false });
    });
}
