/**
 * The link targets an export hands out as clickable: web pages and e-mail addresses. Anything
 * else (`javascript:`, `data:`, relative paths, schemes a handout reader cannot follow) is shown
 * as plain text, because a link in a note may come from any collaborator, or from a hostile
 * client, and an exported file is opened outside the app, where nothing else sanitises it.
 */
const ALLOWED = /^(?:https?:\/\/[^/?#]|mailto:[^\s])/i;

/** Whitespace and control characters: browsers strip some of them, which is how `java\nscript:` sneaks through. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const UNSAFE_CHARACTERS = /[\s\u0000-\u001f\u007f]/;

/** The href, trimmed, when it is an http(s) or mailto link; null when it should be shown as text. */
export function safeHref(href: string | undefined): string | null {
  if (href === undefined) return null;
  const trimmed = href.trim();
  return ALLOWED.test(trimmed) && !UNSAFE_CHARACTERS.test(trimmed) ? trimmed : null;
}
