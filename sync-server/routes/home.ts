import { Hono } from 'hono';
import { html } from 'hono/html';
import { listTemplates } from '../../core/templates/index.ts';

/**
 * A plain start page until the collaborative client is built and served here: what this
 * server offers today, and printable previews of the five templates.
 */
export const homeRoutes = new Hono().get('/', (c) =>
  c.html(html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Pathways</title>
        <style>
          body { font: 1.05rem/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
          a { color: #0b4f9c; }
          li { margin: 0.6rem 0; }
        </style>
      </head>
      <body>
        <main>
          <h1>Pathways</h1>
          <p>
            Shared worksheets for districts and community mental-health providers. The collaborative editor is not
            served yet; this server offers the toolkit's templates, ready to read or print.
          </p>
          <h2>Templates</h2>
          <ul>
            ${listTemplates().map(
              (template) => html`<li>
                <a href="/api/templates/${template.id}/preview">${template.title}</a>
                (<a href="/api/templates/${template.id}/preview?format=md" aria-label="${template.title} as Markdown">Markdown</a>)<br />
                ${template.description}
              </li>`,
            )}
          </ul>
        </main>
      </body>
    </html>`),
);
