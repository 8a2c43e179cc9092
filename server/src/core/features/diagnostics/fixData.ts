import type { Range } from 'vscode-languageserver-types';
import type { RuleCode } from './rules';

/**
 * What a rule knew when it reported a finding and a fix needs: the payload a diagnostic carries
 * in `Diagnostic.data`. Plain JSON, one shape per rule, told apart by `rule` (the diagnostic's
 * code), so the code action side never has to search the knowledge base again for what the rule
 * already found. Rules whose fix reads everything from the note model carry no payload.
 */
export type FixData =
  | IdMalformedData
  | IdUnknownData
  | LinkHeadingBrokenData
  | MitigationMissingData
  | MitigationNameMismatchData
  | ReplacementIdData
  | HeadingIdMismatchData
  | TacticIdMismatchData
  | PlatformUnknownData
  | AttackDriftData
  | ReferenceAttackUrlData;

/** The ID as ATT&CK writes it, when the text differs from one only in case and separators. */
export interface IdMalformedData {
  rule: 'id-malformed';
  suggestion: string;
}

/** The live object whose name is written beside an unknown ID (the row's Name cell). */
export interface IdUnknownData {
  rule: 'id-unknown';
  suggestion: { id: string; name: string };
}

/** Headings of the link's target close to the one written, closest first. */
export interface LinkHeadingBrokenData {
  rule: 'link-heading-broken';
  suggestions: string[];
}

/** The mapped mitigations the table lacks, in ATT&CK's order. */
export interface MitigationMissingData {
  rule: 'mitigation-missing';
  ids: string[];
}

/** The ATT&CK name of the row's ID. */
export interface MitigationNameMismatchData {
  rule: 'mitigation-name-mismatch';
  id: string;
  name: string;
}

/** A revoked ID and the live IDs that replace it. */
export interface ReplacementIdData {
  rule: 'id-revoked';
  id: string;
  replacements: { id: string; name: string }[];
  /** The Name cell of the row the ID is in, when it names the retired object. */
  nameCell?: Range;
}

export interface HeadingIdMismatchData {
  rule: 'heading-id-mismatch';
  headingId: string;
  frontmatterId: string;
  /** Where the front matter ID is written (the diagnostic's range is the heading's text). */
  frontmatterRange: Range;
}

/** A tactic line whose name and ID disagree: the name's tactic, and the ID's name when known. */
export interface TacticIdMismatchData {
  rule: 'tactic-id-mismatch';
  /** The ID of the tactic the line names. */
  namedId: string;
  /** The range of the tactic's name (link alias, link target's file name or plain text). */
  nameRange: Range;
  /** How the ID's tactic is named in ATT&CK, when the ID is a tactic. */
  idName?: string;
  /** The name is a link's target (not an alias): replacing it would repoint the link. */
  nameIsLinkTarget: boolean;
}

/** Platforms close to the unknown one, best first; or the parts of a joined item. */
export interface PlatformUnknownData {
  rule: 'platform-unknown';
  suggestions: string[];
  /** `ESXi - Linux - Windows` in one item: the known platforms it joins. */
  joined?: string[];
}

/** The list as ATT&CK has it, for the tactics or platforms drift findings. */
export interface AttackDriftData {
  rule: 'attack-drift';
  list: 'tactics' | 'platforms';
  /** Tactics: IDs; platforms: ATT&CK's spelling. In ATT&CK's order. */
  expected: string[];
}

export interface ReferenceAttackUrlData {
  rule: 'reference-attack-url';
  url: string;
}

/** The payload of the shape `rule` carries, if `data` is one. */
export type FixDataOf<Code extends RuleCode> = Extract<FixData, { rule: Code }>;

/**
 * A diagnostic's payload when it was made for `code`. Fix providers read the server's own fresh
 * diagnostics (the wiring matches the client's against them), so only the tag is checked: it
 * keeps one rule's payload from being read as another's.
 */
export function fixDataOf<Code extends FixData['rule']>(
  data: unknown,
  code: Code,
): FixDataOf<Code> | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  if (record.rule !== code) return undefined;
  return data as FixDataOf<Code>;
}
