import type { Note } from '../model/types';

/**
 * The opening of a note's description, for hovers over links and for completion documentation:
 * a few lines after the front matter and the headings, with citation markers, footnote marks and
 * the kb dialect's `<br>` line breaks cleaned up.
 */

const MAX_LINES = 4;
const MAX_CHARACTERS = 480;

export function notePreview(note: Note): string {
  const lines = note.text.split(/\r\n|\r|\n/);
  const first = note.frontmatter ? note.frontmatter.range.end.line + 1 : 0;
  const kept: string[] = [];
  let length = 0;
  for (let line = first; line < lines.length && kept.length < MAX_LINES; line++) {
    const text = lines[line].trim();
    if (text === '') {
      if (kept.length > 0) break; // the first paragraph is enough
      continue;
    }
    if (/^#{1,6}\s/.test(text)) {
      if (kept.length > 0) break;
      continue;
    }
    if (/^(?:\||>|---|\*\*\*)/.test(text)) break; // tables, callouts and rules are no description
    for (const piece of clean(text).split('\n')) {
      if (piece === '' || kept.length >= MAX_LINES) continue;
      kept.push(piece);
      length += piece.length;
    }
    if (length >= MAX_CHARACTERS) break;
  }
  const joined = kept.join('\n\n');
  return joined.length > MAX_CHARACTERS ? `${joined.slice(0, MAX_CHARACTERS).trimEnd()}…` : joined;
}

function clean(text: string): string {
  return text
    .replace(/\(Citation: [^)]*\)/g, '')
    .replace(/\[\^[^\]]+\]/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
