import {
  CompletionItemKind,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver-types';
import type { Note } from '../../model/types';
import type { CompletionContext } from './context';
import { markdown, rankKey, sortText } from './items';

/**
 * Source names for `(Citation: ` from the note's own references: the `- name: url` lines of the
 * seed format and the footnote definitions of the kb dialect. The `mitre-attack` line is the
 * note's own page, never a citation.
 */

interface Source {
  name: string;
  url?: string;
}

function sourcesOf(note: Note): Source[] {
  const sources: Source[] = note.references.map((reference) => ({
    name: reference.name.text,
    url: reference.url?.text,
  }));
  for (const definition of note.footnoteDefinitions) {
    if (definition.name) sources.push({ name: definition.name.text, url: definition.url?.text });
  }
  return sources.filter((source) => source.name.trim().toLowerCase() !== 'mitre-attack');
}

export function citationCompletions(
  context: Extract<CompletionContext, { kind: 'citation' }>,
  note: Note,
): CompletionList {
  const seen = new Set<string>();
  const close = context.close ? ')' : '';
  const items: CompletionItem[] = [];
  for (const source of sourcesOf(note)) {
    if (seen.has(source.name)) continue;
    seen.add(source.name);
    items.push({
      label: source.name,
      kind: CompletionItemKind.Reference,
      detail: source.url ? `reference · ${source.url}` : 'reference (no URL)',
      documentation: source.url ? markdown(`[${source.url}](${source.url})`) : undefined,
      sortText: sortText(0, rankKey(items.length)),
      textEdit: { range: context.replace, newText: source.name + close },
    });
  }
  return { isIncomplete: false, items };
}
