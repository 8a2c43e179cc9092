import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import type { IndexedNote, VaultIndex } from '../index/types';
import { ATTACK_ID } from '../kb/names';
import type { AttackObject, KnowledgeBase } from '../kb/types';
import type { Note, WikiLink } from '../model/types';
import { describeObject } from './attackMarkdown';
import { lineOf } from './completion/context';
import { frontmatterObjectAt } from './navigation/frontmatterValues';
import { notePreview } from './notePreview';

/**
 * Hover for ATT&CK notes: over a wikilink, the target's ATT&CK facts and the opening of its
 * text; over an ATT&CK ID anywhere (front matter, heading, table cell, running text), the
 * object's facts; over the rest of a Tactic line, the tactic it names.
 */
export function hover(
  note: Note,
  index: VaultIndex,
  kb: KnowledgeBase,
  position: Position,
): Hover | undefined {
  const link = note.wikilinks.find((candidate) => contains(candidate.range, position));
  if (link) return linkHover(note, index, kb, link);
  const id = idAt(note, position);
  if (id) return idHover(note, index, kb, id.text, id.range);
  return (
    tacticLineHover(note, kb, position) ??
    frontmatterValueHover(note, index, kb, position) ??
    citationHover(note, position)
  );
}

function contains(range: Range, position: Position): boolean {
  const { start, end } = range;
  if (position.line < start.line || position.line > end.line) return false;
  if (position.line === start.line && position.character < start.character) return false;
  if (position.line === end.line && position.character > end.character) return false;
  return true;
}

function markdownHover(blocks: string[], range: Range): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: blocks.join('\n\n') }, range };
}

/** The ATT&CK ID written at the position, if any. */
function idAt(note: Note, position: Position): { text: string; range: Range } | undefined {
  const { text } = lineOf(note.text, position.line);
  for (const match of text.matchAll(ATTACK_ID)) {
    const start = match.index;
    const end = start + match[0].length;
    if (position.character >= start && position.character <= end) {
      return {
        text: match[0].toUpperCase(),
        range: {
          start: { line: position.line, character: start },
          end: { line: position.line, character: end },
        },
      };
    }
  }
  return undefined;
}

/** Vault notes that define the ID, in the hovered note's vault. */
function definingNotes(index: VaultIndex, note: Note, id: string): IndexedNote[] {
  const from = index.get(note.uri);
  return index
    .definitionsOf(id)
    .filter((candidate) => !from || candidate.folderUri === from.folderUri);
}

function idHover(
  note: Note,
  index: VaultIndex,
  kb: KnowledgeBase,
  id: string,
  range: Range,
): Hover {
  const object = kb.get(id);
  const notes = definingNotes(index, note, id).filter((n) => n.uri !== index.get(note.uri)?.uri);
  const blocks: string[] = [];
  if (object) blocks.push(describeObject(object, kb, { mitigations: true }));
  else blocks.push(`\`${id}\` is not an ATT&CK ${kb.attackVersion} ID`);
  if (notes.length > 0)
    blocks.push(
      `Note${notes.length > 1 ? 's' : ''}: ${notes.map((n) => `\`${n.vaultPath}\``).join(', ')}`,
    );
  if (!object && notes.length > 0) {
    const preview = notePreview(notes[0].note);
    if (preview) blocks.push(preview);
  }
  return markdownHover(blocks, range);
}

function linkHover(note: Note, index: VaultIndex, kb: KnowledgeBase, link: WikiLink): Hover {
  const resolution = index.resolveLink(note.uri, link);
  const aliasObject =
    link.alias && /^[A-Z]{1,2}\d{4}(\.\d{3})?$/i.test(link.alias.text.trim())
      ? kb.get(link.alias.text.trim())
      : undefined;
  if (resolution.kind === 'ambiguous') {
    const paths = resolution.candidates.map((c) => `- \`${c.vaultPath}\``);
    return markdownHover(
      [
        `**Ambiguous link**: \`${link.target.text}\` matches ${paths.length} notes`,
        paths.join('\n'),
      ],
      link.range,
    );
  }
  if (resolution.kind === 'broken') {
    const blocks = [`**No note** named \`${link.target.text}\` in this vault`];
    if (aliasObject) blocks.push(describeObject(aliasObject, kb, { mitigations: true }));
    return markdownHover(blocks, link.range);
  }
  const target = resolution.target;
  const id = target.identity?.id;
  const object: AttackObject | undefined = (id ? kb.get(id) : undefined) ?? aliasObject;
  const blocks = [
    object ? describeObject(object, kb, { mitigations: true }) : `**${target.name}**`,
  ];
  let where = `\`${target.vaultPath}\``;
  if (link.heading) {
    where += resolution.headingFound
      ? ` › ${resolution.heading?.text ?? link.heading.text}`
      : ` (no heading \`${link.heading.text}\`)`;
  }
  blocks.push(where);
  const preview = notePreview(target.note);
  if (preview) blocks.push('---', preview);
  return markdownHover(blocks, link.range);
}

/** Anywhere on a `- [[Execution]] (TA0002)` line of a Tactic section. */
function tacticLineHover(note: Note, kb: KnowledgeBase, position: Position): Hover | undefined {
  for (const section of note.sections) {
    if (section.key !== 'tactic' && section.key !== 'tactics') continue;
    const item = section.items.find((candidate) => candidate.range.start.line === position.line);
    if (!item) continue;
    const id = [...item.text.matchAll(ATTACK_ID)][0]?.[0];
    const byName = kb.findByName(
      item.text
        .replace(/\(.*\)\s*$/, '')
        .replace(/[[\]]/g, '')
        .split('/')
        .pop() ?? '',
      'tactic',
    )[0];
    const object = (id ? kb.get(id) : undefined) ?? byName;
    if (!object) return undefined;
    return markdownHover([describeObject(object, kb)], item.range);
  }
  return undefined;
}

/**
 * A front matter value naming an object other than by its bare ID: a tactic under `tactic:`
 * (`- Execution`, kb dialect), a `mitre-attack:` vault path. The same hover as the ID's.
 */
function frontmatterValueHover(
  note: Note,
  index: VaultIndex,
  kb: KnowledgeBase,
  position: Position,
): Hover | undefined {
  const named = frontmatterObjectAt(note, position, kb);
  return named ? idHover(note, index, kb, named.id, named.range) : undefined;
}

/** `(Citation: X)`: the reference line (or footnote) of the note that names source X. */
function citationHover(note: Note, position: Position): Hover | undefined {
  const citation = note.citations.find((candidate) => contains(candidate.range, position));
  if (!citation) return undefined;
  const name = citation.name.text;
  const reference =
    note.references.find((r) => r.name.text === name) ??
    note.footnoteDefinitions.find((d) => d.name?.text === name);
  if (!reference) return markdownHover([`No reference line names \`${name}\``], citation.range);
  const url = reference.url?.text;
  return markdownHover(
    [`**${name}**`, url ? `[${url}](${url})` : 'Reference without a URL'],
    citation.range,
  );
}
