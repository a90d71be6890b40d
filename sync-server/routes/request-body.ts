import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';

/** The JSON object body of a request, or a 400 that says what to send. */
export async function readJsonObject(c: Context, example: string): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HTTPException(400, { message: `Send a JSON body such as ${example}.` });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HTTPException(400, { message: `Send a JSON object such as ${example}.` });
  return body as Record<string, unknown>;
}

/** A trimmed, non-empty text field of at most `max` characters, or a 400 naming the field. */
export function readText(body: Record<string, unknown>, field: string, max: number, fallback?: string): string {
  const value = body[field];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value.trim() === '') throw new HTTPException(400, { message: `"${field}" must be a non-empty text.` });
  if (value.length > max) throw new HTTPException(400, { message: `"${field}" must be at most ${max} characters.` });
  return value.trim();
}
