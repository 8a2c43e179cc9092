/**
 * Puts generated Markdown between a pair of markers in a document (`<!-- bench:NAME:start -->`
 * and `<!-- bench:NAME:end -->`), replacing what was there, empty or not. The text outside the
 * markers is left as it was; markers that are missing leave the document unchanged.
 */
export function replaceBetweenMarkers(document: string, name: string, content: string): string {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const from = document.indexOf(start);
  const to = document.indexOf(end, from + start.length);
  if (from < 0 || to < 0) return document;
  return `${document.slice(0, from + start.length)}\n\n${content.trim()}\n\n${document.slice(to)}`;
}
