import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import { listRespondents } from '#core/metrics';
import { readDocument } from '#core/schema';
import { documentMember, readAccount, workspaceMember } from '../access/middleware.ts';
import type { Relay } from '../relay/relay.ts';
import type { DocumentStore } from '../storage/document-store.ts';

const MEMBERS_ONLY =
  "People's names are shown only to members of this workspace who are signed in; a share link alone does not show them.";

/**
 * Names of people are for the workspace's signed-in members only: a share link can be forwarded
 * to anyone, so it never reveals who else is in the workspace. Returns the joined members' names
 * by account id.
 */
async function namesForSignedInMember(
  c: Context,
  store: DocumentStore,
  workspaceId: string,
): Promise<Map<string, string>> {
  const account = readAccount(c);
  if (account === null || (await store.findMemberRole(workspaceId, account.id)) === null)
    throw new HTTPException(403, { message: MEMBERS_ONLY });
  c.header('cache-control', 'private, no-store');
  const names = new Map<string, string>();
  for (const member of await store.listMembers(workspaceId))
    if (member.account !== null) names.set(member.account.id, member.account.name);
  return names;
}

/**
 * `GET /api/workspaces/:ws/people`: the members who have signed in, `{people: [{account, name}]}`,
 * to pick a follow-up's owner from and show linked owners by their current name.
 * `GET /api/documents/:doc/respondent-names`: per rating round, the members who answered, by
 * name, and only a count of everyone else (share-link answers stay anonymous). Both read-only and
 * unaudited: nothing here changes anything, and nothing about a respondent goes to the audit log.
 */
export function peopleRoutes(store: DocumentStore, relay: Relay) {
  return new Hono()
    .get('/api/workspaces/:ws/people', workspaceMember(store), async (c) => {
      const names = await namesForSignedInMember(c, store, c.req.param('ws'));
      const people = [...names].map(([account, name]) => ({ account, name }));
      return c.json({ people: people.sort((a, b) => a.name.localeCompare(b.name)) });
    })
    .get('/api/documents/:doc/respondent-names', documentMember(store), async (c) => {
      const document = c.get('document');
      const names = await namesForSignedInMember(c, store, document.workspaceId);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await relay.readState(document.id));
      const tables = readDocument(doc).value.sections.flatMap((section) =>
        section.kind === 'table' ? [section.table] : [],
      );
      doc.destroy();
      const rounds = tables.flatMap((table) =>
        listRespondents(table).map((round) => {
          const named = round.accounts.filter((account) => names.has(account));
          return {
            sectionId: table.id,
            columnId: round.columnId,
            respondents: named
              .map((account) => ({ account, name: names.get(account)! }))
              .sort((a, b) => a.name.localeCompare(b.name)),
            // Signed-in people who are no longer members are counted, not named, like link answers.
            shareLinkRespondents: round.others + round.accounts.length - named.length,
          };
        }),
      );
      return c.json({ rounds });
    });
}
