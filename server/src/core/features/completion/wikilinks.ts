import {
  CompletionItemKind,
  type CompletionItem,
  type CompletionList,
  type Range,
} from 'vscode-languageserver-types';
import type { IndexedNote, VaultIndex } from '../../index/types';
import type { KnowledgeBase } from '../../kb/types';
import type { Note } from '../../model/types';
import { kindLabel } from '../attackMarkdown';
import type { CompletionContext } from './context';
import { markdown, objectDocumentation, rankKey, retiredTags, sortText } from './items';
import { linkStyleOf, targetText } from './linkWriting';
import { bestNoteMatches, noteEntry } from './noteEntries';

/**
 * Wikilink completion: note targets after `[[`, the target's headings after `#`, and its ATT&CK
 * ID and name as the alias after `|` (`\|` in a table). Documentation of notes is filled in by
 * `completionItem/resolve` (see resolve.ts), since it reads the target's text.
 */

/** Enough to pick from; the client asks again (isIncomplete) as the user types on. */
export const MAX_NOTE_ITEMS = 50;

const NO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Data a note item carries to `completionItem/resolve`. */
export interface NoteItemData {
  feature: 'note';
  uri: string;
}

export function isNoteItemData(data: unknown): data is NoteItemData {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { feature?: unknown }).feature === 'note' &&
    typeof (data as { uri?: unknown }).uri === 'string'
  );
}

function folderOf(vaultPath: string): string {
  const slash = vaultPath.lastIndexOf('/');
  return slash === -1 ? '(vault root)' : vaultPath.slice(0, slash);
}

/** `techniques · technique T1059.006`: where the note is and what it describes. */
function noteDetail(note: IndexedNote, kb: KnowledgeBase): string {
  const id = note.identity?.id;
  const object = id ? kb.get(id) : undefined;
  const kind = object ? kindLabel(object) : note.identity?.kind;
  const what = id ? ` · ${kind ?? 'note'} ${id}` : '';
  return `${folderOf(note.vaultPath)}${what}`;
}

export function wikilinkTargetCompletions(
  context: Extract<CompletionContext, { kind: 'wikilink-target' }>,
  note: Note,
  index: VaultIndex,
  kb: KnowledgeBase,
): CompletionList {
  const from = index.get(note.uri);
  // A loose note (outside every workspace folder, e.g. untitled) may link into any vault.
  const sameVault = (candidate: IndexedNote) =>
    candidate.uri !== from?.uri &&
    (!from || from.folderUri === '' || candidate.folderUri === from.folderUri);
  const { matches, total } = bestNoteMatches(index, context.query, MAX_NOTE_ITEMS, sameVault);
  const style = linkStyleOf(note);
  const close = context.close ? ']]' : '';
  const items = matches.map((match, rank): CompletionItem => {
    const target = targetText(index, note.uri, match.entry.note, style);
    const id = match.entry.id;
    const object = id ? kb.get(id) : undefined;
    const data: NoteItemData = { feature: 'note', uri: match.entry.note.uri };
    return {
      label: match.entry.name,
      labelDetails: id ? { description: id } : undefined,
      kind: CompletionItemKind.File,
      detail: noteDetail(match.entry.note, kb),
      sortText: sortText(0, rankKey(rank)),
      filterText: match.matchedText,
      textEdit: { range: context.replace, newText: target + close },
      data,
      ...(object ? retiredTags(object) : {}),
    };
  });
  return { isIncomplete: total > matches.length, items };
}

function resolveTarget(index: VaultIndex, note: Note, target: string): IndexedNote | undefined {
  const resolution = index.resolveLink(note.uri, { target: { text: target, range: NO_RANGE } });
  return resolution.kind === 'resolved' ? resolution.target : undefined;
}

export function wikilinkHeadingCompletions(
  context: Extract<CompletionContext, { kind: 'wikilink-heading' }>,
  note: Note,
  index: VaultIndex,
): CompletionList {
  // `[[#` names a heading of the note itself.
  const target =
    context.target.trim() === '' ? note : resolveTarget(index, note, context.target)?.note;
  const headings = target?.headings ?? [];
  const close = context.close ? ']]' : '';
  const items = headings
    .filter((heading) => heading.text !== '')
    .map((heading, rank): CompletionItem => ({
      label: heading.text,
      kind: CompletionItemKind.Reference,
      detail: `${'#'.repeat(heading.level)} heading, line ${heading.range.start.line + 1}`,
      documentation: markdown(`\`${'#'.repeat(heading.level)} ${heading.text}\``),
      sortText: sortText(0, rankKey(rank)),
      textEdit: { range: context.replace, newText: heading.text + close },
    }));
  return { isIncomplete: false, items };
}

export function wikilinkAliasCompletions(
  context: Extract<CompletionContext, { kind: 'wikilink-alias' }>,
  note: Note,
  index: VaultIndex,
  kb: KnowledgeBase,
): CompletionList {
  const target = resolveTarget(index, note, context.target);
  if (!target) return { isIncomplete: false, items: [] };
  const entry = noteEntry(target);
  const object = entry.id ? kb.get(entry.id) : undefined;
  const close = context.close ? ']]' : '';
  const aliases: Array<[string, string]> = [];
  if (entry.id) aliases.push([entry.id, object ? `${kindLabel(object)} ID` : 'ID']);
  aliases.push([object?.name ?? entry.name, object ? `${kindLabel(object)} name` : 'note name']);
  for (const alias of entry.aliases) aliases.push([alias, 'alias']);
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const [text, detail] of aliases) {
    if (seen.has(text)) continue;
    seen.add(text);
    items.push({
      label: text,
      kind: CompletionItemKind.Value,
      detail: `${detail} of ${entry.name}`,
      documentation: object ? objectDocumentation(object, kb) : markdown(`\`${target.vaultPath}\``),
      ...(object ? retiredTags(object) : {}),
      sortText: sortText(0, rankKey(items.length)),
      textEdit: { range: context.replace, newText: text + close },
    });
  }
  return { isIncomplete: false, items };
}
