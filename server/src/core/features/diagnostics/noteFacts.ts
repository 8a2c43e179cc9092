import type { Range } from 'vscode-languageserver-types';
import { stripMarkdownExtension } from '../../index/vaultPaths';
import { kindOfId } from '../../kb/names';
import type { AttackDomain, AttackObject, AttackObjectType, KnowledgeBase } from '../../kb/types';
import type {
  FrontmatterField,
  Heading,
  Note,
  NoteKind,
  Section,
  Spanned,
  TableCell,
  WikiLink,
} from '../../model/types';
import { isWellFormedId, looksLikeIdAttempt } from './idSyntax';
import { firstLineRange, sliceRange } from './ranges';

/**
 * Facts about one note that several rules need (its dialect, where its ID is written, its ATT&CK
 * object and domain), worked out once per check instead of once per rule.
 */

/**
 * `seed`: the generator of docs/note-formats §1 (`alias:` scalar, `## ID`, list references).
 * `kb`: the footnote dialect of §2 (`aliases:` list, facts in front matter, `[^n]` references).
 */
export type Dialect = 'seed' | 'kb';

export interface NoteFacts {
  dialect: Dialect;
  /** The first entry of `alias`/`aliases` when it is an attempt at an ID (well formed or not). */
  frontmatterIdEntries: Spanned[];
  /** That entry when it is a well-formed ID. */
  frontmatterId?: Spanned;
  /** The first level-2 heading that is an attempt at an ID (`## T1059.006`). */
  idHeading?: Heading;
  /**
   * The note's own ID and kind. Usually the parser's identity; but when the `## ID` heading names
   * a group, software or campaign, the front matter `alias` holds names (Proofpoint's `TA2541` is a
   * group name that happens to look like a tactic ID) and the heading is the ID.
   */
  ownId?: string;
  ownKind?: NoteKind;
  /** The note's ATT&CK object, when ATT&CK (or a user bundle) has its ID; never a vault note's own. */
  object?: AttackObject;
  /** Domains whose platforms and tactics apply to the note (empty when unknown). */
  domains: AttackDomain[];
  /** File name without `.md`. */
  fileName: string;
  /** Wikilinks by line, so table cells find theirs without scanning every link. */
  linksByLine: Map<number, WikiLink[]>;
}

export function findField(note: Note, ...keys: string[]): FrontmatterField | undefined {
  return note.frontmatter?.fields.find((field) => keys.includes(field.key.toLowerCase()));
}

/** A field's entries: its list items, or its scalar split at commas (`alias: APT28, Sofacy`). */
export function fieldEntries(field: FrontmatterField): Spanned[] {
  if (field.items.length > 0) return field.items;
  const value = field.value;
  if (!value) return [];
  const entries: Spanned[] = [];
  let offset = 0;
  for (const part of value.text.split(',')) {
    const lead = part.length - part.trimStart().length;
    const text = part.trim();
    if (text)
      entries.push({
        text,
        range: sliceRange(value.range, offset + lead, offset + lead + text.length),
      });
    offset += part.length + 1;
  }
  return entries;
}

/**
 * The object ATT&CK (or a user's STIX bundle) defines for `id`. Objects the knowledge base only
 * knows because a vault note defines them are left out: comparing a note with itself finds nothing.
 */
export function attackObject(kb: KnowledgeBase, id: string): AttackObject | undefined {
  const object = kb.get(id);
  return object && !isVaultDefined(object) ? object : undefined;
}

export function isVaultDefined(object: AttackObject): boolean {
  return object.definitionUri !== undefined;
}

function detectDialect(note: Note): Dialect {
  if (note.footnoteDefinitions.length > 0) return 'kb';
  const aliases = findField(note, 'aliases');
  if (aliases && aliases.items.length > 0) return 'kb';
  if (findField(note, 'mitre-attack')) return 'kb';
  return 'seed';
}

/** File name without `.md`, from the URI itself (cheaper than an index lookup per note). */
function fileNameOf(note: Note): string {
  const last = note.uri.slice(note.uri.lastIndexOf('/') + 1);
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // a malformed escape: keep the raw segment
  }
  return stripMarkdownExtension(decoded);
}

/** Domains of the note's object; an ICS ID (`T08xx`, `M08xx`) is ICS even when unknown. */
function domainsOf(object: AttackObject | undefined, id: string | undefined): AttackDomain[] {
  if (object && object.domains.length > 0) return [...object.domains];
  if (id && /^[TM]08\d\d/.test(id)) return ['ics'];
  return [];
}

/** Groups, software and campaigns: their `alias` lists names. */
const NAMED_BY_ALIAS_ID = /^[GSC]\d{4}$/;

const NOTE_KIND_OF_TYPE: Partial<Record<AttackObjectType, NoteKind>> = {
  tactic: 'tactic',
  technique: 'technique',
  mitigation: 'mitigation',
  group: 'group',
  software: 'software',
  campaign: 'campaign',
  'data-source': 'data-source',
};

export function noteKindOfId(id: string): NoteKind {
  const type = kindOfId(id);
  return (type && NOTE_KIND_OF_TYPE[type]) ?? 'other';
}

export function computeNoteFacts(note: Note, kb: KnowledgeBase): NoteFacts {
  const idHeading = note.headings.find((h) => h.level === 2 && looksLikeIdAttempt(h.text));
  const headingId = idHeading && isWellFormedId(idHeading.text) ? idHeading.text : undefined;
  const aliasHoldsNames = headingId !== undefined && NAMED_BY_ALIAS_ID.test(headingId);
  // The ID is the first alias entry (`alias: T1059.006`, `aliases: [T1059.006]`); later entries
  // are other names, whatever they look like.
  const idField = aliasHoldsNames ? undefined : findField(note, 'alias', 'aliases');
  const firstEntry = idField ? fieldEntries(idField)[0] : undefined;
  const frontmatterIdEntries =
    firstEntry && looksLikeIdAttempt(firstEntry.text) ? [firstEntry] : [];
  const frontmatterId = frontmatterIdEntries.find((entry) => isWellFormedId(entry.text));
  const ownId = aliasHoldsNames ? headingId : note.identity?.id;
  const ownKind = aliasHoldsNames && headingId ? noteKindOfId(headingId) : note.identity?.kind;
  const object = ownId ? attackObject(kb, ownId) : undefined;
  const linksByLine = new Map<number, WikiLink[]>();
  for (const link of note.wikilinks) {
    const line = link.range.start.line;
    const list = linksByLine.get(line);
    if (list) list.push(link);
    else linksByLine.set(line, [link]);
  }
  return {
    dialect: detectDialect(note),
    frontmatterIdEntries,
    frontmatterId,
    idHeading,
    ownId,
    ownKind,
    object,
    domains: domainsOf(object, ownId),
    fileName: fileNameOf(note),
    linksByLine,
  };
}

/** Sections whose key is one of `keys` (keys are NFKC + case-folded heading texts). */
export function sectionsNamed(note: Note, ...keys: string[]): Section[] {
  return note.sections.filter((section) => keys.includes(section.key));
}

/**
 * Wikilinks that start inside a table cell. A link with a bare `|` starts in one cell and ends in
 * the next (the pipe split it); it still belongs to the cell it starts in.
 */
export function linksInCell(facts: NoteFacts, cell: TableCell): WikiLink[] {
  const onLine = facts.linksByLine.get(cell.range.start.line);
  if (!onLine) return [];
  // Cells are single-line: a link starts in the cell when its start character lies within it.
  const from = cell.range.start.character;
  const to = cell.range.end.character;
  return onLine.filter(
    (link) => link.range.start.character >= from && link.range.start.character <= to,
  );
}

/** Where the note's own ID is written, for findings about the note as a whole. */
export function ownIdRange(facts: NoteFacts): Range {
  return facts.frontmatterId?.range ?? facts.idHeading?.textRange ?? firstLineRange();
}
