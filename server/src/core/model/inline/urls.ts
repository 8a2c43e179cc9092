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
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  let start = 0;
  while (start < end && /\s/.test(text[start])) start++;
  let urlStart = end;
  while (urlStart > start && !/\s/.test(text[urlStart - 1])) urlStart--;
  if (!looksLikeUrl(text.slice(urlStart, end))) return { name: { start, end } };
  let nameEnd = urlStart;
  while (nameEnd > start && /\s/.test(text[nameEnd - 1])) nameEnd--;
  if (text[nameEnd - 1] === ':') nameEnd--;
  while (nameEnd > start && /\s/.test(text[nameEnd - 1])) nameEnd--;
  return { name: { start, end: nameEnd }, url: { start: urlStart, end } };
}
