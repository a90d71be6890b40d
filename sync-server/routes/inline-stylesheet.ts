import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The stylesheet links Vite writes into index.html for the built client's CSS. */
const STYLESHEET_LINK = /<link rel="stylesheet"(?: crossorigin)? href="(\/assets\/[^"?#]+\.css)">/g;

/** A `url()` that is not data, not absolute and not from the site's root. */
const RELATIVE_URL = /url\(\s*['"]?(?!data:|\/|[a-z]+:)/i;

/**
 * index.html with each of its own stylesheets written into the page instead of linked, for the
 * page that carries a document's first screen: its first paint then waits for no other request.
 * A stylesheet that cannot be read, that would close the `<style>` element, or whose relative
 * `url()`s would mean another address inside the page, stays a link.
 */
export function inlineStylesheets(indexHtml: string, clientDir: string): string {
  return indexHtml.replace(STYLESHEET_LINK, (link, href: string) => {
    const file = join(clientDir, href);
    if (!existsSync(file)) return link;
    const css = readFileSync(file, 'utf8');
    if (/<\/style/i.test(css) || RELATIVE_URL.test(css)) return link;
    return `<style>${css}</style>`;
  });
}
