/**
 * The survey's own requests. The survey page sends its token only in the path of these two
 * requests: no header, no storage, no socket. The link control uses the editor's Bearer token.
 */
export interface SurveyForm {
  readonly title: string;
  readonly questions: readonly {
    readonly id: string;
    readonly group: string;
    readonly prompt: string;
  }[];
  readonly maxAnswerCharacters: number;
}

export interface SurveyProblem {
  readonly questionId: string | null;
  readonly message: string;
}

export type SurveyAnswer =
  | { readonly kind: 'sent' }
  | {
      readonly kind: 'refused';
      readonly message: string;
      readonly problems: readonly SurveyProblem[];
    }
  | { readonly kind: 'link-closed'; readonly message: string }
  | { readonly kind: 'unreachable'; readonly message: string };

const OFFLINE =
  'Could not reach the server: you seem to be offline. Your answers are still here; send them again when you are connected.';

function surveyPath(token: string): string {
  return `/api/survey/${encodeURIComponent(token)}`;
}

async function errorOf(response: Response): Promise<{ error: string; problems: SurveyProblem[] }> {
  const body = (await response.json().catch(() => null)) as {
    error?: unknown;
    problems?: unknown;
  } | null;
  const problems = Array.isArray(body?.problems)
    ? (body.problems as unknown[]).filter(
        (problem): problem is SurveyProblem =>
          typeof problem === 'object' &&
          problem !== null &&
          typeof (problem as SurveyProblem).message === 'string',
      )
    : [];
  return {
    error: typeof body?.error === 'string' ? body.error : `The server answered ${response.status}.`,
    problems,
  };
}

export async function fetchSurvey(
  token: string,
): Promise<
  { kind: 'form'; form: SurveyForm } | { kind: 'link-closed' | 'unreachable'; message: string }
> {
  let response: Response;
  try {
    response = await fetch(surveyPath(token), {
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    return {
      kind: 'unreachable',
      message:
        'Could not reach the server: you seem to be offline. Try again when you are connected.',
    };
  }
  if (response.status === 404)
    return { kind: 'link-closed', message: (await errorOf(response)).error };
  if (!response.ok) return { kind: 'unreachable', message: (await errorOf(response)).error };
  return { kind: 'form', form: (await response.json()) as SurveyForm };
}

export async function sendSurveyAnswers(
  token: string,
  answers: Readonly<Record<string, string>>,
): Promise<SurveyAnswer> {
  let response: Response;
  try {
    response = await fetch(`${surveyPath(token)}/answers`, {
      method: 'POST',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answers }),
    });
  } catch {
    return { kind: 'unreachable', message: OFFLINE };
  }
  if (response.ok) return { kind: 'sent' };
  const { error, problems } = await errorOf(response);
  if (response.status === 404) return { kind: 'link-closed', message: error };
  if (response.status === 400 || response.status === 413 || response.status === 429)
    return { kind: 'refused', message: error, problems };
  return { kind: 'unreachable', message: error };
}

/** The editor's side: create (or replace), check and close a document's survey link. */
async function linkRequest<T>(
  documentId: string,
  token: string,
  method: 'GET' | 'POST' | 'DELETE',
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/documents/${encodeURIComponent(documentId)}/survey-link`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(method === 'POST' && { 'content-type': 'application/json' }),
      },
      ...(method === 'POST' && { body: '{}' }),
    });
  } catch {
    throw new Error('You seem to be offline; survey links need a connection.');
  }
  if (!response.ok) throw new Error((await errorOf(response)).error);
  return (await response.json()) as T;
}

export const surveyLinks = {
  read: (documentId: string, token: string) =>
    linkRequest<{ exists: boolean }>(documentId, token, 'GET'),
  create: (documentId: string, token: string) =>
    linkRequest<{ token: string; url: string }>(documentId, token, 'POST'),
  close: (documentId: string, token: string) =>
    linkRequest<{ exists: boolean }>(documentId, token, 'DELETE'),
};
