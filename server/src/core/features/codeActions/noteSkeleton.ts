import type { VaultIndex } from '../../index/types';
import { conventionalUrl } from '../../kb/names';
import type { AttackObject, KnowledgeBase } from '../../kb/types';
import type { Note, NoteKind } from '../../model/types';
import { objectLinkTarget, wikilinkText } from '../completion/linkWriting';
import { nameKey } from '../diagnostics/kbMemo';
import type { Dialect } from '../diagnostics/noteFacts';

/**
 * Sections and whole notes in the seed format (docs/note-formats §1), filled with the facts the
 * knowledge base holds: tactic lines, platforms, the mapped mitigations (Description cells left
 * empty for the author), sub-techniques, the techniques a mitigation addresses and the
 * `mitre-attack` reference. Never ATT&CK's description prose: the knowledge base has none, and
 * nothing here writes any.
 */

/** What writing a section needs: the vault (for link targets) and the note whose style links follow. */
export interface SkeletonWriter {
  index: VaultIndex;
  kb: KnowledgeBase;
  /** New links are written in this note's style (short names or vault paths). */
  styleNote: Note;
}

/** A section as lines: what goes above its heading (the seed's `---` before References), the heading, its body. */
export interface SectionSkeleton {
  before: string[];
  heading: string;
  body: string[];
}

/**
 * The order sections take in each generator's notes, by kind. `A|B` is one section spelt either
 * way; the first spelling is the one written.
 */
export const SECTION_ORDER: Record<Dialect, Partial<Record<NoteKind, string[]>>> = {
  seed: {
    technique: [
      'Tactic|Tactics',
      'Platforms',
      'Permissions Required',
      'Mitigations',
      'Sub-techniques',
      'References',
    ],
    tactic: ['References'],
    mitigation: ['Techniques Addressed by Mitigation', 'References'],
    group: ['Techniques Used', 'References'],
    software: ['Techniques Used', 'References'],
    campaign: ['Techniques Used', 'References'],
  },
  kb: {
    technique: ['Description', 'Procedure Examples', 'Mitigations', 'Detection'],
    tactic: ['Description', 'Techniques'],
    mitigation: ['Description', 'Techniques Addressed by Mitigation'],
    software: ['Description', 'Techniques Used'],
    group: ['Description', 'Techniques Used'],
  },
};

/** Heading level of a generator's sections (`### Tactic` in the seed, `## Description` in kb). */
export const SECTION_LEVEL: Record<Dialect, number> = { seed: 3, kb: 2 };

/** The spelling an order entry is written in (`Tactic|Tactics` → `Tactic`). */
export function writtenName(entry: string): string {
  return entry.split('|')[0].trim();
}

/** True when a section key (see `Section.key`) is one of the entry's spellings. */
export function entryMatches(entry: string, sectionKey: string): boolean {
  return entry.split('|').some((name) => nameKey(name) === sectionKey);
}

function byId(a: AttackObject, b: AttackObject): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Live objects for IDs, in ID order (revoked and deprecated ones have no place in a new table). */
function liveObjects(kb: KnowledgeBase, ids: readonly string[]): AttackObject[] {
  const objects: AttackObject[] = [];
  for (const id of ids) {
    const object = kb.get(id);
    if (object && !object.revoked && !object.deprecated) objects.push(object);
  }
  return objects.sort(byId);
}

/** `| [[Target\|ID]] | Name | … |` rows with the free columns left empty for the author. */
function idTable(
  writer: SkeletonWriter,
  header: string[],
  objects: readonly AttackObject[],
): string[] {
  const rows = objects.map((object) => {
    const target = objectLinkTarget(writer.index, writer.styleNote, object);
    const cells = [wikilinkText(target, object.id, true), object.name];
    while (cells.length < header.length) cells.push('');
    return `| ${cells.join(' | ')} |`;
  });
  return ['', `| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows];
}

function tacticLines(writer: SkeletonWriter, object: AttackObject): string[] {
  const lines: string[] = [];
  for (const id of object.tactics ?? []) {
    const tactic = writer.kb.get(id);
    if (!tactic) continue;
    const target = objectLinkTarget(writer.index, writer.styleNote, tactic);
    lines.push(`- ${wikilinkText(target, undefined, false)} (${tactic.id})`);
  }
  return lines;
}

/**
 * The body of one section of the seed format for the note of `object` (undefined: the note's ID
 * is not ATT&CK's, so only headings are known).
 */
function seedBody(key: string, object: AttackObject | undefined, writer: SkeletonWriter): string[] {
  if (!object) return [];
  const kb = writer.kb;
  switch (key) {
    case 'tactic':
    case 'tactics':
      return object.type === 'technique' ? tacticLines(writer, object) : [];
    case 'platforms':
      return object.type === 'technique' ? (object.platforms ?? []).map((p) => `- ${p}`) : [];
    case 'mitigations': {
      if (object.type !== 'technique') return [];
      const mapped = liveObjects(kb, kb.mitigationsOf(object.id));
      return mapped.length > 0 ? idTable(writer, ['ID', 'Name', 'Description'], mapped) : [];
    }
    case 'sub-techniques': {
      if (object.type !== 'technique') return [];
      const children = liveObjects(kb, kb.subtechniquesOf(object.id));
      return children.length > 0 ? idTable(writer, ['ID', 'Name'], children) : [];
    }
    case 'techniques addressed by mitigation': {
      if (object.type !== 'mitigation') return [];
      const addressed = liveObjects(kb, kb.techniquesOf(object.id));
      return addressed.length > 0 ? idTable(writer, ['ID', 'Name', 'Description'], addressed) : [];
    }
    case 'references': {
      const url = object.url ?? conventionalUrl(object.id, object.type);
      return url ? ['', `- mitre-attack: ${url}`] : [];
    }
    default:
      return [];
  }
}

/** One section of a note in `dialect`, for the note of `object`. */
export function sectionSkeleton(
  entry: string,
  dialect: Dialect,
  object: AttackObject | undefined,
  writer: SkeletonWriter,
): SectionSkeleton {
  const name = writtenName(entry);
  const heading = `${'#'.repeat(SECTION_LEVEL[dialect])} ${name}`;
  if (dialect === 'kb') return { before: [], heading, body: [] };
  const key = nameKey(name);
  return {
    before: key === 'references' ? ['---'] : [],
    heading,
    body: seedBody(key, object, writer),
  };
}

/** Names the seed's `alias:` can hold as plain YAML (groups list their names there). */
const PLAIN_ALIAS = /^[\p{L}\p{N}][\p{L}\p{N} ._()'-]*$/u;

/** The ID and kind of a note to write, and its ATT&CK object when the knowledge base has one. */
export interface NoteSeed {
  id: string;
  kind: NoteKind;
  object?: AttackObject;
}

/**
 * The front matter `alias:` of a new note: the ID, or for groups, software and campaigns their
 * names as the seed writes them (`alias: APT28, Fancy Bear`), when every name is plain YAML.
 */
function aliasValue(seed: NoteSeed): string {
  const object = seed.object;
  if (!object || (seed.kind !== 'group' && seed.kind !== 'software' && seed.kind !== 'campaign'))
    return seed.id;
  const names = [object.name, ...(object.aliases ?? []).filter((a) => a !== object.name)];
  return names.every((name) => PLAIN_ALIAS.test(name)) ? names.join(', ') : seed.id;
}

/**
 * A new note in the seed format: front matter, the `## ID` heading and each section its kind
 * has (with the knowledge base's facts when it knows the ID), separated by blank lines.
 */
export function noteSkeleton(seed: NoteSeed, writer: SkeletonWriter, eol: string): string {
  const lines = ['---', `alias: ${aliasValue(seed)}`, '---', '', `## ${seed.id}`];
  const order = SECTION_ORDER.seed[seed.kind] ?? ['References'];
  for (const entry of order) {
    // Sub-techniques have none of their own.
    if (entry === 'Sub-techniques' && seed.id.includes('.')) continue;
    const section = sectionSkeleton(entry, 'seed', seed.object, writer);
    lines.push('', ...section.before, section.heading, ...section.body);
  }
  return lines.join(eol) + eol;
}
