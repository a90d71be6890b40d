import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import * as Y from 'yjs';
import { exportHtml, exportMarkdown } from '#core/export';
import { readDocument } from '#core/schema';
import { createDocument, findTemplate, listTemplates } from '#core/templates';

/**
 * The toolkit's templates. Public (no token): they hold only the published toolkit's text.
 * The preview renders a template as a fresh document would start, so a facilitator can print
 * a blank worksheet before any workspace exists.
 */
export const templateRoutes = new Hono()
  .get('/api/templates', (c) => c.json(listTemplates()))
  .get('/api/templates/:id/preview', (c) => {
    const template = findTemplate(c.req.param('id'));
    if (template === null) {
      throw new HTTPException(404, {
        message: `No template "${c.req.param('id')}". GET /api/templates lists the ones there are.`,
      });
    }
    const format = c.req.query('format') ?? 'html';
    if (format !== 'html' && format !== 'md') {
      throw new HTTPException(400, { message: `Unknown format "${format}": use html or md.` });
    }
    const doc = new Y.Doc();
    createDocument(doc, { template: template.id });
    const view = readDocument(doc).value;
    return format === 'md'
      ? c.body(exportMarkdown(view), 200, { 'content-type': 'text/markdown; charset=utf-8' })
      : c.html(exportHtml(view));
  });
