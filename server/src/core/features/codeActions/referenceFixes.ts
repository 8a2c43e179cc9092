import type { Diagnostic } from 'vscode-languageserver-types';
import { fixDataOf } from '../diagnostics/fixData';
import { sameRange } from './noteText';
import type { FixContext, NoteFix } from './types';

/** reference-attack-url: the `mitre-attack` line's URL becomes the note's ATT&CK page. */
export function attackUrlFixes({ note }: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const data = fixDataOf(diagnostic.data, 'reference-attack-url');
  if (!data) return [];
  const line = note.references.find(
    (r) =>
      (r.url && sameRange(r.url.range, diagnostic.range)) ||
      (!r.url && sameRange(r.name.range, diagnostic.range)),
  );
  if (!line) return [];
  const edit = line.url
    ? { range: line.url.range, newText: data.url }
    : { range: { start: line.name.range.end, end: line.name.range.end }, newText: `: ${data.url}` };
  return [
    {
      title: `Point the mitre-attack reference to ${data.url}`,
      code: 'reference-attack-url',
      unambiguous: true,
      isPreferred: true,
      edits: [edit],
    },
  ];
}
