/** A URL as reference lines and footnotes write it: a scheme, then no blanks (`https://…`, `mailto:…`). */
const URL_WITH_SCHEME = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|mailto:|urn:|doi:)\S+$/;

export function looksLikeUrl(token: string): boolean {
  return URL_WITH_SCHEME.test(token);
}

/**
 * Splits `name: url` / `name url` / `name` into offsets relative to `text`: the URL is the last
 * blank-separated token when it has a scheme, and the name is what precedes it, without the `:`
 * that separates them (names may themselves contain `: `).
 */
export function splitNameAndUrl(text: string): {
  name: { start: number; end: number };
  url?: { start: number; end: number };
} {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  let start = 0;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  // After the last blank before the end (a URL is long: `lastIndexOf` passes it natively, where a
  // loop over its characters runs in the interpreter while a check is young).
  const lastBlank =
    end > start
      ? Math.max(
          text.lastIndexOf(' ', end - 1),
          text.lastIndexOf('\t', end - 1),
          text.lastIndexOf('\n', end - 1),
          text.lastIndexOf('\r', end - 1),
          text.lastIndexOf('\u00a0', end - 1),
        )
      : -1;
  const urlStart = lastBlank >= start ? lastBlank + 1 : start;
  // Cheap pre-check before the regex: a URL has a `:` within its first few characters.
  const colon = text.indexOf(':', urlStart);
  if (colon === -1 || colon >= end || !looksLikeUrl(text.slice(urlStart, end))) {
    return { name: { start, end } };
  }
  let nameEnd = urlStart;
  while (nameEnd > start && isSpace(text.charCodeAt(nameEnd - 1))) nameEnd--;
  if (text.charCodeAt(nameEnd - 1) === 58 /* : */) nameEnd--;
  while (nameEnd > start && isSpace(text.charCodeAt(nameEnd - 1))) nameEnd--;
  return { name: { start, end: nameEnd }, url: { start: urlStart, end } };
}

/** Blanks and line breaks (reference texts are single lines, so this is the whole of `\s` here). */
function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0;
}
