import {
  CompletionItemKind,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver-types';
import type { VaultIndex } from '../../index/types';
import { ATTACK_ID, normaliseName } from '../../kb/names';
import type { AttackObject, KnowledgeBase } from '../../kb/types';
import type { Note, Section } from '../../model/types';
import { objectDetail } from '../attackMarkdown';
import { domainOfNote, ownObject } from '../noteObject';
import type { CompletionContext } from './context';
import { lineFilterText, markdown, objectDocumentation, retiredTags, sortText } from './items';
import { objectLinkTarget, wikilinkText } from './linkWriting';

/**
 * Whole lines for a technique's Tactic and Platforms sections (`- [[Execution]] (TA0002)`,
 * `- Linux`), and the bare names for the kb dialect's `tactic:` / `platforms:` front matter
 * lists. The technique's own tactics and platforms (as ATT&CK has them) come first; what the
 * list already holds comes last.
 */

type ListContext = Extract<CompletionContext, { kind: 'list-line' | 'frontmatter-item' }>;

/** Tier 0: ATT&CK lists it for the technique; 1: the rest of the domain; 2: already written. */
function tierOf(own: boolean, present: boolean): number {
  return present ? 2 : own ? 0 : 1;
}

/** The other lines of the list (not the one being typed), as normalised text. */
function writtenLines(note: Note, context: ListContext): string[] {
  const line = context.replace.start.line;
  if (context.kind === 'list-line') {
    return context.section.items
      .filter((item) => item.range.start.line !== line)
      .map((item) => normaliseName(item.text));
  }
  const field = note.frontmatter?.fields.find((f) =>
    f.items.some((item) => item.range.start.line === line),
  );
  return (field?.items ?? [])
    .filter((item) => item.range.start.line !== line)
    .map((item) => normaliseName(item.text));
}

/** A link target already used in the section, so new lines follow its folder and naming. */
function sampleTarget(note: Note, section: Section, line: number): string | undefined {
  return note.wikilinks.find(
    (link) =>
      link.range.start.line !== line &&
      link.range.start.line > section.heading.range.start.line &&
      link.range.start.line <= section.range.end.line,
  )?.target.text;
}

function mentions(written: string[], object: AttackObject): boolean {
  const name = normaliseName(object.name);
  const id = object.id.toLowerCase();
  return written.some((text) => {
    for (const match of text.matchAll(ATTACK_ID)) if (match[0].toLowerCase() === id) return true;
    return text === name || text.includes(`[[${name}]]`) || text.includes(`/${name}]]`);
  });
}

export function tacticCompletions(
  context: ListContext,
  note: Note,
  index: VaultIndex,
  kb: KnowledgeBase,
): CompletionList {
  const technique = ownObject(note, kb);
  const own = new Set(technique?.tactics ?? []);
  const written = writtenLines(note, context);
  const line = context.replace.start.line;
  const sample =
    context.kind === 'list-line' ? sampleTarget(note, context.section, line) : undefined;
  const items = kb.all('tactic', domainOfNote(note, kb)).map((tactic): CompletionItem => {
    const isOwn = own.has(tactic.id);
    const present = mentions(written, tactic);
    const remark = present ? ' · already listed' : isOwn ? ` · tactic of ${technique?.id}` : '';
    const item: CompletionItem = {
      label: tactic.name,
      labelDetails: { description: tactic.id },
      kind: CompletionItemKind.EnumMember,
      detail: objectDetail(tactic) + remark,
      documentation: objectDocumentation(tactic, kb),
      sortText: sortText(tierOf(isOwn, present), tactic.id),
      ...retiredTags(tactic),
    };
    if (context.kind === 'list-line') {
      const target = objectLinkTarget(index, note, tactic, sample);
      item.filterText = lineFilterText(context.lead, tactic.name);
      item.textEdit = {
        range: context.replace,
        newText: `- ${wikilinkText(target, undefined, false)} (${tactic.id})`,
      };
    } else {
      item.filterText = tactic.name;
      item.textEdit = { range: context.replace, newText: tactic.name };
    }
    return item;
  });
  return { isIncomplete: false, items };
}

export function platformCompletions(
  context: ListContext,
  note: Note,
  kb: KnowledgeBase,
): CompletionList {
  const technique = ownObject(note, kb);
  const own = technique?.platforms ?? [];
  const written = writtenLines(note, context);
  const domain = domainOfNote(note, kb);
  const platforms = [...own, ...kb.platforms(domain).filter((p) => !own.includes(p))];
  const items = platforms.map((platform, rank): CompletionItem => {
    const isOwn = own.includes(platform);
    const present = written.includes(normaliseName(platform));
    const remark = present ? ' · already listed' : isOwn ? ` · platform of ${technique?.id}` : '';
    const lead = context.kind === 'list-line' ? context.lead : '';
    return {
      label: platform,
      kind: CompletionItemKind.EnumMember,
      detail: `${domain} platform${remark}`,
      documentation: markdown(
        isOwn
          ? `ATT&CK lists **${platform}** among the platforms of ${technique?.name} (${technique?.id}).`
          : `**${platform}**: a platform of ATT&CK's ${domain} techniques.`,
      ),
      sortText: sortText(tierOf(isOwn, present), String(rank).padStart(3, '0')),
      filterText: lineFilterText(lead, platform),
      textEdit: {
        range: context.replace,
        newText: context.kind === 'list-line' ? `- ${platform}` : platform,
      },
    };
  });
  return { isIncomplete: false, items };
}
