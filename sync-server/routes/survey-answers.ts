import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import {
  addSurveyResponse,
  checkSurveyAnswers,
  hasStaffSurvey,
  MAX_ANSWER_CHARACTERS,
  STAFF_SURVEY_QUESTIONS,
} from '#core/survey';
import type { RateLimiters } from '../access/rate-window.ts';
import { hashToken } from '../access/tokens.ts';
import type { Logger } from '../observability/logger.ts';
import type { Relay } from '../relay/relay.ts';
import type { DocumentStore } from '../storage/document-store.ts';

/** Five answers of 4,000 characters are about 20 KiB as JSON (more with escapes); anything far past that is not a form. */
export const MAX_SURVEY_BODY_BYTES = 64 * 1024;
/** A staff room filling in the survey together stays well under this; a script does not. */
export const SURVEY_ANSWERS_PER_MINUTE = 30;

const UNKNOWN_LINK =
  'This survey link does not work any more: it may have been replaced or closed. Ask the person who sent it for the current link.';

type SurveyEnv = { Variables: { documentId: string } };

/** The document a survey token answers, or a 404 in words. The token never opens anything else. */
function surveyToken(store: DocumentStore) {
  return createMiddleware<SurveyEnv>(async (c, next) => {
    const token = c.req.param('token') ?? '';
    const documentId =
      token === '' || token.length > 200 ? null : await store.findSurveyDocument(hashToken(token));
    c.header('cache-control', 'no-store');
    if (documentId === null) throw new HTTPException(404, { message: UNKNOWN_LINK });
    c.set('documentId', documentId);
    await next();
  });
}

/** The UTC day an answer arrived: never the time, which could tell who sent it. */
const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * `/api/survey/:token`: the only thing a survey link opens. Reading the form and sending one
 * answer; no workspace, no other document, no socket. Nothing about the person is kept: not
 * their address, browser or the time, and the answer's Yjs update carries the server's client id.
 */
export function surveyAnswerRoutes(
  store: DocumentStore,
  relay: Relay,
  logger: Logger,
  rateLimiters: RateLimiters,
) {
  const answers = rateLimiters('survey-answers', SURVEY_ANSWERS_PER_MINUTE, 60_000);
  const readDocument = async (documentId: string): Promise<{ hasSurvey: boolean }> => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await relay.readState(documentId));
    const hasSurvey = hasStaffSurvey(doc);
    doc.destroy();
    return { hasSurvey };
  };
  return new Hono<SurveyEnv>()
    .get('/api/survey/:token', surveyToken(store), async (c) => {
      const documentId = c.get('documentId');
      const record = await store.getDocument(documentId);
      if (record === null || !(await readDocument(documentId)).hasSurvey)
        throw new HTTPException(404, { message: UNKNOWN_LINK });
      return c.json({
        title: record.title,
        questions: STAFF_SURVEY_QUESTIONS.map(({ id, group, prompt }) => ({ id, group, prompt })),
        maxAnswerCharacters: MAX_ANSWER_CHARACTERS,
      });
    })
    .post(
      '/api/survey/:token/answers',
      surveyToken(store),
      async (c, next) => {
        const taken = await answers.take(c.get('documentId'));
        if (!taken.ok) {
          c.header('retry-after', String(taken.retryAfterSeconds));
          throw new HTTPException(429, {
            message: `This survey is receiving many answers at once. Please send yours again in ${taken.retryAfterSeconds} seconds; nothing you wrote is lost.`,
          });
        }
        await next();
      },
      bodyLimit({
        maxSize: MAX_SURVEY_BODY_BYTES,
        onError: (c) =>
          c.json(
            {
              error: `That is more than this survey takes (at most ${MAX_ANSWER_CHARACTERS.toLocaleString('en-US')} characters per answer).`,
              problems: [],
            },
            413,
          ),
      }),
      async (c) => {
        let body: unknown;
        try {
          body = await c.req.json();
        } catch {
          return c.json(
            {
              error: 'Send the answers as JSON such as {"answers": {"working-well": "…"}}.',
              problems: [],
            },
            400,
          );
        }
        const input =
          typeof body === 'object' && body !== null && !Array.isArray(body)
            ? (body as Record<string, unknown>).answers
            : undefined;
        const checked = checkSurveyAnswers(input);
        if (!checked.ok) {
          const formLevel = checked.errors.find((error) => error.questionId === null);
          return c.json(
            {
              error: formLevel?.message ?? 'Some answers need a change before they can be sent.',
              problems: checked.errors,
            },
            400,
          );
        }
        const documentId = c.get('documentId');
        let stored: boolean;
        try {
          stored = await relay.applyServerChange(documentId, (doc) => {
            if (!hasStaffSurvey(doc)) return false;
            addSurveyResponse(doc, checked.answers, today());
            return true;
          });
        } catch (error) {
          logger.error({ documentId, error }, 'could not store a survey answer');
          return c.json(
            {
              error:
                'Your answer could not be saved just now. Please try again in a minute; nothing you wrote is lost.',
              problems: [],
            },
            503,
          );
        }
        if (!stored) throw new HTTPException(404, { message: UNKNOWN_LINK });
        // Only the fact, never the text: answers are for the team, not for the server's logs.
        logger.info({ documentId }, 'stored a survey answer');
        return c.json({ ok: true }, 201);
      },
    );
}
