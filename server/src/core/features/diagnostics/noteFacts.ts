import type { VaultIndex } from '../../index/types';
import type { AttackDomain, AttackObject, KnowledgeBase } from '../../kb/types';
import type {
  FrontmatterField,
  Heading,
  Note,
  Section,
  Spanned,
  TableCell,
  WikiLink,
} from '../../model/types';
import { isWellFormedId, looksLikeIdAttempt } from './idSyntax';
import { rangeWithin, sliceRange } from './ranges';

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
  /** Entries of `alias`/`aliases` that are attempts at an ID (well formed or not). */
  frontmatterIdEntries: Spanned[];
  /** The first well-formed ID in `alias`/`aliases`. */
  frontmatterId?: Spanned;
  /** The first level-2 heading that is an attempt at an ID (`## T1059.006`). */
  idHeading?: Heading;
  /** The note's ATT&CK object, when the knowledge base has its ID. */
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

function detectDialect(note: Note): Dialect {
  if (note.footnoteDefinitions.length > 0) return 'kb';
  const aliases = findField(note, 'aliases');
  if (aliases && aliases.items.length > 0) return 'kb';
  if (findField(note, 'mitre-attack')) return 'kb';
  return 'seed';
}

function fileNameOf(note: Note, index: VaultIndex): string {
  const indexed = index.get(note.uri);
  if (indexed) return indexed.name;
  const last = note.uri.split('/').pop() ?? '';
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // a malformed escape: keep the raw segment
  }
  return decoded.replace(/\.md$/i, '');
}

/** Domains of the note's object; an ICS ID (`T08xx`, `M08xx`) is ICS even when unknown. */
function domainsOf(object: AttackObject | undefined, id: string | undefined): AttackDomain[] {
  if (object && object.domains.length > 0) return [...object.domains];
  if (id && /^[TM]08\d\d/.test(id)) return ['ics'];
  return [];
}

export function computeNoteFacts(note: Note, index: VaultIndex, kb: KnowledgeBase): NoteFacts {
  const idField = findField(note, 'alias', 'aliases');
  const frontmatterIdEntries = idField
    ? fieldEntries(idField).filter((e) => looksLikeIdAttempt(e.text))
    : [];
  const frontmatterId = frontmatterIdEntries.find((entry) => isWellFormedId(entry.text));
  const idHeading = note.headings.find((h) => h.level === 2 && looksLikeIdAttempt(h.text));
  const ownId = note.identity?.id;
  const object = ownId ? kb.get(ownId) : undefined;
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
    object,
    domains: domainsOf(object, ownId),
    fileName: fileNameOf(note, index),
    linksByLine,
  };
}

/** Sections whose key is one of `keys` (keys are NFKC + case-folded heading texts). */
export function sectionsNamed(note: Note, ...keys: string[]): Section[] {
  return note.sections.filter((section) => keys.includes(section.key));
}

/** Wikilinks written inside a table cell. */
export function linksInCell(facts: NoteFacts, cell: TableCell): WikiLink[] {
  const onLine = facts.linksByLine.get(cell.range.start.line);
  if (!onLine) return [];
  return onLine.filter((link) => rangeWithin(link.range, cell.range));
}
