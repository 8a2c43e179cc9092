import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import type { Note, Spanned } from '../../model/types';
import { lineBreakOf } from '../../text/applyEdits';
import { objectLinkTarget, wikilinkText } from '../completion/linkWriting';
import { fixDataOf } from '../diagnostics/fixData';
import { nameKey } from '../diagnostics/kbMemo';
import { computeNoteFacts } from '../diagnostics/noteFacts';
import { domainPlatforms } from '../diagnostics/platformRules';
import { entryTacticIds } from '../diagnostics/tacticRules';
import { platformsOfNote, tacticsOfNote } from '../diagnostics/techniqueFacts';
import { lineIndexOf, textAt } from './noteText';
import type { FixContext, NoteFix } from './types';

/** Fixes of a technique's tactic and platform lists (seed sections or kb front matter). */

/** tactic-id-mismatch: the ID of the named tactic, or the name of the ID's tactic. */
export function tacticIdFixes(context: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const data = fixDataOf(diagnostic.data, 'tactic-id-mismatch');
  const { note, index, kb } = context;
  if (!data) return [];
  const writtenId = textAt(note, diagnostic.range);
  const named = kb.get(data.namedId);
  const fixes: NoteFix[] = [];
  if (named) {
    fixes.push({
      title: `Change the ID to ${named.id} (${named.name})`,
      code: 'tactic-id-mismatch',
      unambiguous: false,
      edits: [{ range: diagnostic.range, newText: named.id }],
    });
  }
  const idTactic = kb.get(writtenId);
  if (data.idName && idTactic?.type === 'tactic') {
    let newText = data.idName;
    if (data.nameIsLinkTarget) {
      // A link without alias shows its target: point it at the ID's tactic note instead.
      newText = objectLinkTarget(index, note, idTactic, textAt(note, data.nameRange));
    }
    fixes.push({
      title: `Change the name to ${data.idName} (${writtenId})`,
      code: 'tactic-id-mismatch',
      unambiguous: false,
      edits: [{ range: data.nameRange, newText }],
    });
  }
  return fixes;
}

/** platform-unknown: one item per platform for a joined item; else the closest platform. */
export function platformFixes(context: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const data = fixDataOf(diagnostic.data, 'platform-unknown');
  if (!data) return [];
  const { note } = context;
  if (data.joined && data.joined.length > 1) {
    const prefix = listItemPrefix(note, diagnostic.range);
    if (prefix === undefined) return [];
    const eol = lineBreakOf(note.text);
    return [
      {
        title: `Split into one item per platform: ${data.joined.join(', ')}`,
        code: 'platform-unknown',
        unambiguous: true,
        isPreferred: true,
        edits: [{ range: diagnostic.range, newText: data.joined.join(eol + prefix) }],
      },
    ];
  }
  return data.suggestions.map((suggestion, i) => ({
    title: `Change to '${suggestion}'`,
    code: 'platform-unknown',
    unambiguous: false,
    isPreferred: i === 0,
    edits: [{ range: diagnostic.range, newText: suggestion }],
  }));
}

/** What comes before an item's text on its line (`- `, `     - `), when the line is a list item. */
function listItemPrefix(note: Note, item: Range): string | undefined {
  if (item.start.line !== item.end.line) return undefined;
  const lines = lineIndexOf(note);
  const prefix = lines.lineText(item.start.line).slice(0, item.start.character);
  return /^\s*[-*+]\s+$/.test(prefix) ? prefix : undefined;
}

/**
 * attack-drift on tactics or platforms: the list becomes ATT&CK's, in ATT&CK's order. Lines
 * that already name an expected entry are kept as written (their link style, their spelling);
 * the others are written like the list's first line.
 */
export function driftFixes(context: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const data = fixDataOf(diagnostic.data, 'attack-drift');
  if (!data) return [];
  const edit =
    data.list === 'platforms'
      ? platformListEdit(context, data.expected)
      : tacticListEdit(context, data.expected);
  if (!edit) return [];
  return [
    {
      title: `Update the ${data.list} from ATT&CK ${context.kb.attackVersion}`,
      code: 'attack-drift',
      unambiguous: true,
      isPreferred: true,
      edits: [edit],
    },
  ];
}

/**
 * The edit that replaces a list's item lines (from the first item's line start to the last
 * item's line end) with `lines` item texts, each behind the first item's prefix. Undefined
 * unless every entry is a block list item of its own line, in one run of lines.
 */
function listEdit(
  note: Note,
  entries: readonly Spanned[],
  texts: readonly string[],
): TextEdit | undefined {
  if (entries.length === 0) return undefined;
  const lines = lineIndexOf(note);
  const firstLine = entries[0].range.start.line;
  const lastLine = entries[entries.length - 1].range.start.line;
  const itemLines = new Set(entries.map((entry) => entry.range.start.line));
  if (itemLines.size !== lastLine - firstLine + 1) return undefined;
  const prefix = listItemPrefix(note, entries[0].range);
  if (prefix === undefined) return undefined;
  for (const entry of entries)
    if (listItemPrefix(note, entry.range) === undefined) return undefined;
  const eol = lineBreakOf(note.text);
  const start = lines.lineStart(firstLine);
  const end = lines.lineEnd(lastLine);
  const newText = texts.map((text) => prefix + text).join(eol);
  if (newText === note.text.slice(start, end)) return undefined;
  return { range: lines.range(start, end), newText };
}

function platformListEdit(context: FixContext, expected: readonly string[]): TextEdit | undefined {
  const { note, kb } = context;
  const listed = platformsOfNote(note);
  if (!listed) return undefined;
  const facts = computeNoteFacts(note, kb);
  const known = domainPlatforms(kb, facts.domains);
  const written = new Map<string, string>();
  for (const entry of listed.entries) {
    const platform = known.byKey.get(nameKey(entry.text));
    if (platform && !written.has(platform)) written.set(platform, entry.text);
  }
  return listEdit(
    note,
    listed.entries,
    expected.map((platform) => written.get(platform) ?? platform),
  );
}

function tacticListEdit(context: FixContext, expected: readonly string[]): TextEdit | undefined {
  const { note, kb, index } = context;
  const facts = computeNoteFacts(note, kb);
  const listed = tacticsOfNote(note, facts);
  if (!listed) return undefined;
  // The tactics each line names (a kb item may join two: `Persistence - Privilege Escalation`).
  const idsByLine = new Map<number, string[]>();
  let sample: string | undefined;
  for (const entry of listed.entries) {
    const span = entry.name ?? entry.id;
    if (!span) return undefined;
    const line = span.range.start.line;
    idsByLine.set(line, [
      ...(idsByLine.get(line) ?? []),
      ...entryTacticIds(kb, entry, facts.domains),
    ]);
    sample ??= entry.link?.target.text;
  }
  const lines = lineIndexOf(note);
  const items: Spanned[] = [];
  // A line is kept as written when it names one expected tactic and nothing else.
  const written = new Map<string, string>();
  for (const [line, ids] of idsByLine) {
    const text = lines.lineText(line);
    const bullet = /^\s*[-*+]\s+/.exec(text);
    if (!bullet) return undefined;
    const itemText = text.slice(bullet[0].length);
    const start = { line, character: bullet[0].length };
    items.push({ text: itemText, range: { start, end: { line, character: text.length } } });
    if (new Set(ids).size === 1 && !written.has(ids[0])) written.set(ids[0], itemText);
  }
  // The seed writes `[[Execution]] (TA0002)`; the kb dialect's front matter, names only.
  const seedList = listed.entries.some(
    (entry) => entry.id !== undefined || entry.link !== undefined,
  );
  const texts: string[] = [];
  for (const id of expected) {
    const kept = written.get(id);
    const tactic = kb.get(id);
    if (kept !== undefined) texts.push(kept);
    else if (!tactic) return undefined;
    else if (seedList) {
      const target = objectLinkTarget(index, note, tactic, sample);
      texts.push(`${wikilinkText(target, undefined, false)} (${tactic.id})`);
    } else texts.push(tactic.name);
  }
  return listEdit(note, items, texts);
}
