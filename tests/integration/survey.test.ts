import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { cellText } from '../../core/export/cell-text.ts';
import { readDocument, readMeta, readTable, writeTitle } from '../../core/schema/index.ts';
import {
  MAX_ANSWER_CHARACTERS,
  STAFF_SURVEY_QUESTIONS,
  SURVEY_RESPONSES_SECTION_ID,
} from '../../core/survey/index.ts';
import { readConfig } from '../../sync-server/config.ts';
import { SURVEY_ANSWERS_PER_MINUTE } from '../../sync-server/routes/survey-answers.ts';
import { startServer } from '../../sync-server/server.ts';
import { SQLITE_FILE_NAME, SqliteDocumentStore } from '../../sync-server/storage/sqlite-store.ts';
import { within } from '../support/relay-frames.ts';
import { connectRaw, StockClients, waitFor, type StockClient } from '../support/sync-clients.ts';
import {
  api,
  createDocumentIn,
  createWorkspace,
  startTestServer,
  type Workspace,
} from '../support/test-server.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

let server: TestServer;
let workspace: Workspace;
let documentId: string;
const clients = new StockClients();
const extraServers: { stop(): Promise<void> }[] = [];

beforeEach(async () => {
  server = await startTestServer();
  workspace = await createWorkspace(server.url, 'Riverside USD');
  documentId = await createDocumentIn(server.url, workspace, {
    title: 'Riverside barriers',
    template: 'barriers',
  });
});

afterEach(async () => {
  clients.destroyAll();
  for (const extra of extraServers.splice(0)) await extra.stop();
  await server.stop();
});

const client = (baseUrl: string, id: string, token: string): StockClient =>
  clients.connect(baseUrl, id, token);

async function createSurveyLink(
  id = documentId,
  token = workspace.tokens.editor,
  baseUrl = server.url,
): Promise<{ token: string; url: string }> {
  const response = await api(baseUrl, `/api/documents/${id}/survey-link`, { token, body: {} });
  expect(response.status).toBe(201);
  return (await response.json()) as { token: string; url: string };
}

function sendAnswers(
  surveyToken: string,
  answers: unknown,
  baseUrl = server.url,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(new URL(`/api/survey/${surveyToken}/answers`, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ answers }),
  });
}

function responses(doc: Y.Doc): { rows: Record<string, string>[]; sectionIds: string[] } {
  const sectionIds = readDocument(doc).value.sections.map((section) => section.id);
  const table = readTable(doc, SURVEY_RESPONSES_SECTION_ID)?.value;
  if (table === undefined) return { rows: [], sectionIds };
  const rows = table.rows.map((row) =>
    Object.fromEntries(
      table.columns.map((column) => [column.id, cellText(row.cells[column.id], column)]),
    ),
  );
  return { rows, sectionIds };
}

async function storedDoc(id = documentId, target: TestServer = server): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await target.relay.readState(id));
  return doc;
}

/**
 * Restarts the server on the same data with a store that takes 20 ms per call, as a network
 * database would: with the embedded store each write finishes before the next request is read,
 * so only added latency shows whether concurrent answers can interleave.
 */
async function useSlowStore(): Promise<void> {
  const dataDir = server.dataDir;
  await server.stop();
  server = await startTestServer({ DATA_DIR: dataDir, PATHWAYS_STORE_LATENCY_MS: '20' });
}

const today = () => new Date().toISOString().slice(0, 10);

describe('answering through a survey link', () => {
  test('the form lists the five questions; an answer reaches a connected client live, right after the sample survey, and survives a restart', async () => {
    const editor = client(server.url, documentId, workspace.tokens.editor);
    await waitFor('the editor to sync', () => editor.provider.synced, 5_000);

    const link = await createSurveyLink();
    expect(link.url).toBe(new URL(`/s/${link.token}`, server.url).href);
    const form = await fetch(new URL(`/api/survey/${link.token}`, server.url));
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('no-store');
    expect(await form.json()).toEqual({
      title: 'Riverside barriers',
      questions: STAFF_SURVEY_QUESTIONS.map(({ id, group, prompt }) => ({ id, group, prompt })),
      maxAnswerCharacters: MAX_ANSWER_CHARACTERS,
    });

    const sent = await sendAnswers(link.token, {
      'working-well': '  Referrals are answered within a week.  ',
      suggestions: 'A shared calendar',
    });
    expect(sent.status).toBe(201);
    expect(await sent.json()).toEqual({ ok: true });

    await waitFor(
      'the response to reach the editor',
      () => responses(editor.doc).rows.length === 1,
      5_000,
    );
    const live = responses(editor.doc);
    expect(live.rows[0]).toMatchObject({
      received: today(),
      'working-well': 'Referrals are answered within a week.',
      suggestions: 'A shared calendar',
      'could-improve': '',
      theme: '',
    });
    expect(live.sectionIds[live.sectionIds.indexOf('staff-survey') + 1]).toBe(
      SURVEY_RESPONSES_SECTION_ID,
    );

    const dataDir = server.dataDir;
    editor.provider.disconnect();
    await server.stop();
    server = await startTestServer({ DATA_DIR: dataDir });
    const reader = client(server.url, documentId, workspace.tokens.viewer);
    await waitFor('the reader to sync after the restart', () => reader.provider.synced, 5_000);
    expect(responses(reader.doc).rows).toEqual(live.rows);
  });

  test('R1/R7: an answer is durable in SQLite before any connected client receives it', async () => {
    await useSlowStore();
    const editor = client(server.url, documentId, workspace.tokens.editor);
    await waitFor('the editor to sync', () => editor.provider.synced, 5_000);
    const link = await createSurveyLink();
    // A second, read-only connection to the same file: what it sees is committed.
    const reader = new Database(join(server.dataDir, SQLITE_FILE_NAME), { readonly: true });
    const storedUpdates = () =>
      (
        reader
          .prepare('SELECT COUNT(*) AS n FROM updates WHERE document_id = ?')
          .get(documentId) as { n: number }
      ).n;
    const before = storedUpdates();
    let storedWhenReceived = -1;
    editor.doc.on('update', () => {
      if (storedWhenReceived === -1 && responses(editor.doc).rows.length === 1)
        storedWhenReceived = storedUpdates();
    });
    expect((await sendAnswers(link.token, { 'working-well': 'Stored first' })).status).toBe(201);
    await waitFor('the response to reach the editor', () => storedWhenReceived !== -1, 5_000);
    reader.close();
    expect(storedWhenReceived).toBeGreaterThan(before);
  });

  test('R7: with no one connected, answers go straight to storage, concurrent ones make one table, and the next client sees them all', async () => {
    await useSlowStore();
    const link = await createSurveyLink();
    expect(server.relay.roomCount).toBe(0);
    const sent = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        sendAnswers(link.token, { 'could-improve': `Answer ${index}` }),
      ),
    );
    expect(sent.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
    expect(server.relay.roomCount).toBe(0);
    // Nobody edited in a session: no automatic version is saved for an answer.
    expect(await server.store.listVersions(documentId)).toEqual([]);

    const reader = client(server.url, documentId, workspace.tokens.viewer);
    await waitFor('the reader to sync', () => reader.provider.synced, 5_000);
    const { rows, sectionIds } = responses(reader.doc);
    expect(rows.map((row) => row['could-improve']).sort()).toEqual([
      'Answer 0',
      'Answer 1',
      'Answer 2',
      'Answer 3',
      'Answer 4',
    ]);
    expect(sectionIds.filter((id) => id === SURVEY_RESPONSES_SECTION_ID)).toHaveLength(1);
  });

  test('answers sent while clients connect, edit and leave are all kept, once each, and each client sees those of its visit', async () => {
    await useSlowStore();
    const link = await createSurveyLink();
    for (let round = 0; round < 4; round++) {
      // The answer and the socket arrive together: the answer may be written to storage while
      // the room opens, or go through the room once it is open.
      const visitor = client(server.url, documentId, workspace.tokens.editor);
      const first = sendAnswers(link.token, { suggestions: `Round ${round} a` });
      await waitFor('the visitor to sync', () => visitor.provider.synced, 5_000);
      const second = sendAnswers(link.token, { suggestions: `Round ${round} b` });
      expect((await Promise.all([first, second])).map((response) => response.status)).toEqual([
        201, 201,
      ]);
      await waitFor(
        `the visitor to see round ${round}'s answers`,
        () => {
          const seen = responses(visitor.doc).rows.map((row) => row.suggestions);
          return seen.includes(`Round ${round} a`) && seen.includes(`Round ${round} b`);
        },
        5_000,
      );
      // An edit makes the room store, compact and version when it closes.
      writeTitle(visitor.doc, `Riverside barriers, visit ${round}`);
      await waitFor(
        'the edit to be stored',
        async () =>
          readMeta(await storedDoc()).value.title === `Riverside barriers, visit ${round}`,
        5_000,
      );
      visitor.provider.disconnect();
    }
    await waitFor('every room to close', () => server.relay.roomCount === 0, 5_000);
    const doc = await storedDoc();
    expect(
      responses(doc)
        .rows.map((row) => row.suggestions)
        .sort(),
    ).toEqual([
      'Round 0 a',
      'Round 0 b',
      'Round 1 a',
      'Round 1 b',
      'Round 2 a',
      'Round 2 b',
      'Round 3 a',
      'Round 3 b',
    ]);
  });

  test('R7/R16: a room opening while an answer is being written to storage waits for it, so its first sync holds the answer', async () => {
    // A store whose appends wait for a gate: the answer's write is held mid-way, deterministically.
    let gate: { promise: Promise<void>; open: () => void } | null = null;
    let heldAppends = 0;
    const sqlite = SqliteDocumentStore.open(server.dataDir);
    const gated = new Proxy(sqlite, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        if (property !== 'appendUpdates')
          return (value as (...args: unknown[]) => unknown).bind(target);
        return async (...args: unknown[]) => {
          if (gate !== null) heldAppends++;
          await gate?.promise;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const dataDir = server.dataDir;
    await server.stop();
    const started = await startServer(
      readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }),
      { store: gated, logger: pino({ level: 'silent' }) },
    );
    server = Object.assign(started, { dataDir });
    const link = await createSurveyLink();

    let open!: () => void;
    gate = { promise: new Promise<void>((resolve) => (open = resolve)), open };
    const sent = sendAnswers(link.token, { 'working-well': 'Written while a room opens' });
    await waitFor("the answer's write to be held", () => heldAppends === 1, 5_000);
    expect(server.relay.roomCount).toBe(0);
    const visitor = client(server.url, documentId, workspace.tokens.editor);
    let rowsAtFirstSync = -1;
    visitor.provider.once('sync', () => (rowsAtFirstSync = responses(visitor.doc).rows.length));
    await waitFor('the room to be asked for', () => server.relay.roomCount === 1, 5_000);
    // Time enough for a room that did not wait to load and greet the visitor.
    await new Promise((resolve) => setTimeout(resolve, 300));
    gate.open();
    expect((await sent).status).toBe(201);
    await waitFor('the visitor to sync', () => visitor.provider.synced, 5_000);
    expect(rowsAtFirstSync).toBe(1);
  });
});

describe('bad answers', () => {
  test('empty, blank, oversized, unknown, non-text, malformed and too large: a clear 4xx each, and nothing stored', async () => {
    const link = await createSurveyLink();
    const before = await server.store.loadDocument(documentId);
    const cases: [string, () => Promise<Response>, number, RegExp, string | null][] = [
      ['no answers', () => sendAnswers(link.token, {}), 400, /at least one question/, null],
      [
        'only blanks',
        () => sendAnswers(link.token, { 'working-well': '   ', suggestions: '' }),
        400,
        /at least one question/,
        null,
      ],
      [
        'an oversized answer',
        () => sendAnswers(link.token, { suggestions: 'x'.repeat(MAX_ANSWER_CHARACTERS + 1) }),
        400,
        /need a change/,
        'suggestions',
      ],
      [
        'an unknown question',
        () => sendAnswers(link.token, { name: 'Pat Jones' }),
        400,
        /not a question of this survey/,
        null,
      ],
      [
        'a number for an answer',
        () => sendAnswers(link.token, { 'working-well': 42 }),
        400,
        /need a change/,
        'working-well',
      ],
      [
        'answers that are not a form',
        () => sendAnswers(link.token, ['working-well']),
        400,
        /one field per question/,
        null,
      ],
      [
        'no answers field',
        () =>
          fetch(new URL(`/api/survey/${link.token}/answers`, server.url), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"working-well":"x"}',
          }),
        400,
        /one field per question/,
        null,
      ],
      [
        'a body that is not JSON',
        () =>
          fetch(new URL(`/api/survey/${link.token}/answers`, server.url), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: 'working-well=fine',
          }),
        400,
        /as JSON/,
        null,
      ],
      [
        'a body over 64 KiB',
        () => sendAnswers(link.token, { suggestions: 'y'.repeat(70 * 1024) }),
        413,
        /more than this survey takes/,
        null,
      ],
    ];
    for (const [name, send, status, message, questionId] of cases) {
      const response = await send();
      expect(response.status, name).toBe(status);
      const body = (await response.json()) as {
        error: string;
        problems: { questionId: string | null; message: string }[];
      };
      expect(body.error, name).toMatch(message);
      expect(Array.isArray(body.problems), name).toBe(true);
      if (questionId !== null)
        expect(
          body.problems.map((problem) => problem.questionId),
          name,
        ).toContain(questionId);
    }
    const oversized = (await (
      await sendAnswers(link.token, { suggestions: 'x'.repeat(MAX_ANSWER_CHARACTERS + 1) })
    ).json()) as { problems: { message: string }[] };
    expect(oversized.problems[0]!.message).toBe(
      'This answer is 4,001 characters; please keep it under 4,000.',
    );

    const after = await server.store.loadDocument(documentId);
    expect(after.updates.length).toBe(before.updates.length);
    expect(responses(await storedDoc()).sectionIds).not.toContain(SURVEY_RESPONSES_SECTION_ID);
  });

  test(`more than ${SURVEY_ANSWERS_PER_MINUTE} answers a minute on one link get 429 with Retry-After, and the rest are stored`, async () => {
    const link = await createSurveyLink();
    for (let index = 0; index < SURVEY_ANSWERS_PER_MINUTE; index++) {
      expect((await sendAnswers(link.token, { suggestions: `Answer ${index}` })).status).toBe(201);
    }
    const refused = await sendAnswers(link.token, { suggestions: 'One too many' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { error: string }).error).toMatch(/send yours again/);
    expect(responses(await storedDoc()).rows).toHaveLength(SURVEY_ANSWERS_PER_MINUTE);
  });
});

describe('what a survey link opens', () => {
  test('nothing but the survey: the sync socket refuses it with 401 before the upgrade', async () => {
    const link = await createSurveyLink();
    const raw = connectRaw(server.url, documentId, link.token);
    await expect(within(raw.opened, 5_000, 'the upgrade answer')).rejects.toThrow('HTTP 401');
    raw.socket.terminate();
    expect(raw.received).toEqual([]);
  });

  test('nothing but the survey: every REST route refuses it as a Bearer token', async () => {
    const link = await createSurveyLink();
    const requests: [string, { method?: string; body?: unknown }][] = [
      [`/api/workspaces/${workspace.id}`, {}],
      [`/api/workspaces/${workspace.id}/documents`, {}],
      [`/api/workspaces/${workspace.id}/documents`, { body: { title: 'From a survey link' } }],
      [`/api/workspaces/${workspace.id}/tokens/editor`, { body: {} }],
      [`/api/documents/${documentId}`, {}],
      [`/api/documents/${documentId}/export?format=md`, {}],
      [`/api/documents/${documentId}/export?format=csv&section=${SURVEY_RESPONSES_SECTION_ID}`, {}],
      [`/api/documents/${documentId}/versions`, {}],
      [`/api/documents/${documentId}/versions`, { body: { label: 'From a survey link' } }],
      [`/api/documents/${documentId}/survey-link`, {}],
      [`/api/documents/${documentId}/survey-link`, { body: {} }],
      [`/api/documents/${documentId}/survey-link`, { method: 'DELETE' }],
    ];
    for (const [path, init] of requests) {
      const response = await api(server.url, path, { ...init, token: link.token });
      expect(response.status, `${init.method ?? (init.body ? 'POST' : 'GET')} ${path}`).toBe(401);
    }
    // The link it tried to replace or revoke still works.
    expect((await fetch(new URL(`/api/survey/${link.token}`, server.url))).status).toBe(200);
  });

  test('a role token is no survey token', async () => {
    await createSurveyLink();
    for (const token of Object.values(workspace.tokens)) {
      const response = await fetch(new URL(`/api/survey/${token}`, server.url));
      expect(response.status).toBe(404);
    }
  });
});

describe('managing the survey link', () => {
  test('revoking makes the form and answers 404 with words; a new link replaces the old one', async () => {
    const first = await createSurveyLink();
    expect(
      await (
        await api(server.url, `/api/documents/${documentId}/survey-link`, {
          token: workspace.tokens.editor,
        })
      ).json(),
    ).toEqual({ exists: true });

    const second = await createSurveyLink(documentId, workspace.tokens.owner);
    expect(second.token).not.toBe(first.token);
    expect((await fetch(new URL(`/api/survey/${first.token}`, server.url))).status).toBe(404);
    expect((await sendAnswers(second.token, { suggestions: 'Still open' })).status).toBe(201);

    const revoked = await api(server.url, `/api/documents/${documentId}/survey-link`, {
      method: 'DELETE',
      token: workspace.tokens.editor,
    });
    expect(revoked.status).toBe(200);
    expect(
      await (
        await api(server.url, `/api/documents/${documentId}/survey-link`, {
          token: workspace.tokens.editor,
        })
      ).json(),
    ).toEqual({ exists: false });
    const form = await fetch(new URL(`/api/survey/${second.token}`, server.url));
    expect(form.status).toBe(404);
    expect(((await form.json()) as { error: string }).error).toMatch(/does not work any more/);
    const late = await sendAnswers(second.token, { suggestions: 'Too late' });
    expect(late.status).toBe(404);
    expect(responses(await storedDoc()).rows.map((row) => row.suggestions)).toEqual(['Still open']);
  });

  test('needs an editor of the workspace, and a document that holds the staff survey', async () => {
    const path = `/api/documents/${documentId}/survey-link`;
    expect((await api(server.url, path, { body: {} })).status).toBe(401);
    const viewer = await api(server.url, path, { token: workspace.tokens.viewer, body: {} });
    expect(viewer.status).toBe(403);
    expect(
      (await api(server.url, path, { method: 'DELETE', token: workspace.tokens.viewer })).status,
    ).toBe(403);
    const other = await createWorkspace(server.url, 'Lakeview USD');
    expect((await api(server.url, path, { token: other.tokens.owner, body: {} })).status).toBe(404);

    const dataReview = await createDocumentIn(server.url, workspace, {
      title: 'Monthly numbers',
      template: 'data-review',
    });
    const refused = await api(server.url, `/api/documents/${dataReview}/survey-link`, {
      token: workspace.tokens.editor,
      body: {},
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toMatch(/no staff survey/);
  });
});

describe('anonymity', () => {
  test('the stored row holds only the day and the answers; no token, address, browser or time is in the SQLite file or the log', async () => {
    await server.stop();
    const logLines: string[] = [];
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    const dataDir = server.dataDir;
    const logged = await startServer(
      readConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }),
      { logger: pino({ level: 'info' }, logStream) },
    );
    extraServers.push(logged);
    server = Object.assign(logged, { dataDir });
    workspace = await createWorkspace(server.url, 'Riverside USD');
    documentId = await createDocumentIn(server.url, workspace, {
      title: 'Riverside barriers',
      template: 'barriers',
    });

    const editor = client(server.url, documentId, workspace.tokens.editor);
    await waitFor('the editor to sync', () => editor.provider.synced, 5_000);
    const link = await createSurveyLink();
    const answer = 'Counselors wait weeks to hear back-7f3a';
    const sent = await sendAnswers(link.token, { 'could-improve': answer }, server.url, {
      'user-agent': 'RespondentBrowser/9.9-ua-marker',
      'x-forwarded-for': '203.0.113.77',
      'x-real-ip': '198.51.100.23',
    });
    expect(sent.status).toBe(201);
    await waitFor(
      'the response to reach the editor',
      () => responses(editor.doc).rows.length === 1,
      5_000,
    );

    // The row in Yjs: its own id and order, the cells of the table's columns, nothing else.
    const table = (editor.doc.getArray('sections').toArray() as Y.Map<unknown>[]).find(
      (section) => section.get('id') === SURVEY_RESPONSES_SECTION_ID,
    )!;
    const rowMaps = (table.get('rows') as Y.Array<Y.Map<unknown>>).toArray();
    expect(rowMaps).toHaveLength(1);
    const row = rowMaps[0]!.toJSON() as {
      cells: Record<string, unknown>;
      picks: Record<string, unknown>;
      ratings: Record<string, unknown>;
    };
    const questionIds = STAFF_SURVEY_QUESTIONS.map((question) => question.id);
    expect(Object.keys(row.cells).sort()).toEqual(
      ['received', 'quote', 'theme', ...questionIds].sort(),
    );
    expect(row.cells.received).toBe(today());
    expect(row.cells.theme).toBe('');
    expect(row.cells.quote).toBe(false);
    expect(row.cells['could-improve']).toBe(answer);
    for (const id of questionIds.filter((id) => id !== 'could-improve'))
      expect(row.cells[id]).toBe('');
    expect(row.picks).toEqual({});
    expect(row.ratings).toEqual({});
    const rowJson = JSON.stringify(rowMaps[0]!.toJSON());
    expect(rowJson).not.toMatch(/\d{2}:\d{2}/);

    // The answer's update carries a client id no respondent chose or sent: not the editor's.
    expect(rowMaps[0]!._item!.id.client).not.toBe(editor.doc.clientID);

    editor.provider.disconnect();
    await server.stop();
    const files = readdirSync(dataDir).map((name) => readFileSync(join(dataDir, name)));
    const everything = Buffer.concat(files);
    expect(everything.includes(answer)).toBe(true); // the answer is stored, so the search below means something
    for (const secret of [link.token, 'ua-marker', '203.0.113.77', '198.51.100.23'])
      expect(everything.includes(secret), secret).toBe(false);

    const log = logLines.join('');
    expect(log).toContain('stored a survey answer');
    expect(log).toContain(documentId);
    for (const secret of [answer, link.token, 'ua-marker', '203.0.113.77'])
      expect(log.includes(secret), secret).toBe(false);
  });
});
