import * as Y from 'yjs';
import { FIRST_SCREEN_LIMITS, renderFirstScreen, withSmallCellsSuppressed } from '#core/export';
import { readDocument, readSmallCellThreshold } from '#core/schema';
import { authorizeDocument } from '../access/authorize.ts';
import type { Relay } from '../relay/relay.ts';
import type { DocumentStore } from '../storage/document-store.ts';
import type { AccountRecord } from '../storage/identity-records.ts';

/**
 * The first screen of a document as markup for the page the server sends, or null when this
 * token or signed-in account may not read the document (neither given, a bad or revoked token,
 * another workspace's, a join link for another document, an account that is no member): then
 * the page is the plain app and holds nothing of the document.
 */
export type FirstScreenRenderer = (
  documentId: string,
  token: string | null,
  account: AccountRecord | null,
) => Promise<string | null>;

/**
 * Renders from the stored document (through the relay, so an open room's latest state), for a
 * token or a signed-in member the API would let read it: the same check as `documentMember(store, 'viewer')`.
 * A viewer sees small counts suppressed, as the live page shows them to a viewer.
 */
export function firstScreenRenderer(store: DocumentStore, relay: Relay): FirstScreenRenderer {
  return async (documentId, token, account) => {
    const authorized = await authorizeDocument(store, token, documentId, account);
    if (typeof authorized === 'string') return null;
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, await relay.readState(documentId));
      const view = readDocument(doc, { sections: FIRST_SCREEN_LIMITS.sections }).value;
      const shown =
        authorized.access.role === 'viewer'
          ? withSmallCellsSuppressed(view, readSmallCellThreshold(doc))
          : view;
      return firstScreenMarkup(renderFirstScreen(shown));
    } finally {
      doc.destroy();
    }
  };
}

/**
 * The document's first sections in the page's own frame (its top bar and document column, by
 * the same class names), so the live page replaces it where it stands. It comes before the
 * app's root, which the stylesheet hides while it is there (client/first-screen.css); the
 * document page removes it once its editor is drawn (client/first-screen.ts). Read-only: it has
 * no form fields and no script.
 */
export function firstScreenMarkup(body: string): string {
  return [
    '<div id="first-screen" class="first-screen" aria-busy="true">',
    '<header class="topbar"><nav aria-label="Breadcrumb"><a href="/">Pathways</a></nav><p class="first-screen-status">Opening the editor…</p></header>',
    '<main class="document">',
    body,
    '</main>',
    '</div>',
  ].join('\n');
}
