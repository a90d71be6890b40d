import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';

/**
 * A route's JSON body, checked against the route's schema before the handler runs; the handler
 * reads it typed with `c.req.valid('json')`. A bad field answers 400 `{error, field}`, the error
 * a sentence a person can act on and `field` the key it is about.
 *
 * The body is read whatever its content type (Hono's own `validator('json')` would see `{}` in a
 * body sent without `application/json`, and then blame a field that was in fact sent).
 */
export function jsonBody<Schema extends z.ZodType<object>>(
  schema: Schema,
  example: string,
): MiddlewareHandler<
  object,
  string,
  { in: { json: z.input<Schema> }; out: { json: z.output<Schema> } }
> {
  return async (c, next) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new HTTPException(400, { message: `Send a JSON body such as ${example}.` });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new HTTPException(400, { message: `Send a JSON object such as ${example}.` });
    const result = schema.safeParse(body);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      return c.json({ error: issue.message, field: issue.path.join('.') }, 400);
    }
    c.req.addValidatedData('json', result.data);
    await next();
  };
}

/** A non-empty text of at most `max` characters, trimmed. */
export function requiredText(field: string, max: number) {
  const empty = `"${field}" must be a non-empty text.`;
  return z
    .string({ error: empty })
    .max(max, `"${field}" must be at most ${max} characters.`)
    .refine((value) => value.trim() !== '', empty)
    .transform((value) => value.trim());
}
