import type { Range } from 'vscode-languageserver-types';

/**
 * The note model: everything the server knows about one Markdown note, with exact source ranges
 * (0-based line, UTF-16 character, as LSP). It is plain data, built by `parseNote` and never
 * mutated afterwards; features read it, the index summarises it.
 */

/** The ATT&CK object kind a note describes, from its ID's prefix (see docs/note-formats). */
export type NoteKind =
  | 'tactic'
  | 'technique'
  | 'mitigation'
  | 'group'
  | 'software'
  | 'campaign'
  | 'data-source'
  | 'other';

/** A piece of source text and where it is. */
export interface Spanned {
  text: string;
  range: Range;
}

export interface NoteIdentity {
  /** The ATT&CK ID, upper-case as written in ATT&CK (`T1059.006`, `TA0002`, `M1033`). */
  id: string;
  kind: NoteKind;
  /** Where the ID was found; the first of these that has one wins. */
  source: 'frontmatter' | 'heading' | 'filename';
  /** Where the ID is written (absent for file names, which have no range in the note). */
  range?: Range;
}

/** A top-level front matter key with the ranges a diagnostic or edit needs. */
export interface FrontmatterField {
  key: string;
  keyRange: Range;
  /** The scalar after `key:` on the same line, if any (without quotes). */
  value?: Spanned;
  /** Items of a YAML block list (`- item` lines) or of a flow list (`[a, b]`) under the key. */
  items: Spanned[];
}

export interface Frontmatter {
  /** The whole block, from the opening `---` to the closing `---` line. */
  range: Range;
  /** Parsed by gray-matter (js-yaml); undefined when the YAML is invalid. */
  data?: Record<string, unknown>;
  error?: { message: string; range: Range };
  fields: FrontmatterField[];
}

export interface Heading {
  level: number;
  /** Heading text without the `#` marks and trailing `#`s, trimmed. */
  text: string;
  /** The whole heading line. */
  range: Range;
  /** Just the text. */
  textRange: Range;
}

export interface ListItem {
  /** Item text after the bullet, trimmed. */
  text: string;
  /** The whole line of the item. */
  range: Range;
  textRange: Range;
}

export interface Section {
  heading: Heading;
  /** Heading text, NFKC-normalised and case-folded, for lookups (`mitigations`). */
  key: string;
  /** From the heading line to the end of the last line before the next heading of the same or a higher level. */
  range: Range;
  /** Bullet list items directly in this section (before any subsection). */
  items: ListItem[];
}

export interface TableCell {
  /** Cell source text, trimmed, with `\|` kept as written. */
  text: string;
  /** The trimmed text's range (an empty range at the cell's middle for an empty cell). */
  range: Range;
}

export interface TableRow {
  /** The whole line of the row. */
  range: Range;
  cells: TableCell[];
}

export interface Table {
  range: Range;
  header: TableRow;
  /** The delimiter row (`| --- | --- |`). */
  delimiter: TableRow;
  rows: TableRow[];
  /** Index in `Note.sections` of the section the table belongs to, if any. */
  sectionIndex?: number;
}

export interface WikiLink {
  /** The whole link, from `[[` (or `![[`) to `]]`. */
  range: Range;
  embed: boolean;
  /** The path or name part (`Execution`, `kb/mitre/.../M1033-Limit_Software_Installation`). */
  target: Spanned;
  /** After `#`, without it. */
  heading?: Spanned;
  /** After the alias pipe, without it. */
  alias?: Spanned;
  /** The alias pipe was written `\|` (the escaped form required inside table rows). */
  escapedPipe: boolean;
  /** The link sits inside a table row. */
  inTable: boolean;
}

export interface Citation {
  /** `(Citation: X)` as a whole. */
  range: Range;
  name: Spanned;
}

/** A `- source name: url` (or `- source name`) line in a References section. */
export interface ReferenceLine {
  range: Range;
  name: Spanned;
  url?: Spanned;
}

export interface FootnoteReference {
  /** `[^7]` */
  range: Range;
  label: string;
}

export interface FootnoteDefinition {
  /** The whole `[^7]: ...` line (after any `>` callout marks). */
  range: Range;
  label: Spanned;
  /** `[name](url)` or plain text after the colon. */
  name?: Spanned;
  url?: Spanned;
}

/** `<!-- attack-notes-disable rule ... -->` / `<!-- attack-notes-enable ... -->` comments. */
export interface RuleDirective {
  kind: 'disable' | 'enable' | 'disable-next-line';
  /** Rule codes; empty means every rule. */
  rules: string[];
  range: Range;
}

export interface Note {
  /** Document URI (`file:///...`). */
  uri: string;
  /** The text the model was built from (BOM removed). */
  text: string;
  /** Editor version the text came from, or undefined for a file read from disk. */
  version?: number;
  frontmatter?: Frontmatter;
  identity?: NoteIdentity;
  headings: Heading[];
  sections: Section[];
  tables: Table[];
  wikilinks: WikiLink[];
  citations: Citation[];
  references: ReferenceLine[];
  footnoteReferences: FootnoteReference[];
  footnoteDefinitions: FootnoteDefinition[];
  directives: RuleDirective[];
  /** The range of the whole document (for whole-note diagnostics and edits). */
  fullRange: Range;
}
