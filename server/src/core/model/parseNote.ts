import { LineIndex } from '../text/lineIndex';
import type { BlockProvider, BlockStructure } from './blocks/blockStructure';
import { fastBlocks } from './blocks/fastBlocks';
import { locateFrontmatter, parseFrontmatter } from './frontmatter';
import { findIdentity } from './identity';
import { scanCitations } from './inline/citations';
import { scanDirectives } from './inline/directives';
import { ExcludedRegions } from './inline/excludedRegions';
import { scanFootnoteDefinitions, scanFootnoteReferences } from './inline/footnotes';
import { readReferenceLines } from './inline/referenceLines';
import { scanWikiLinks } from './inline/wikiLinks';
import { assignTableSections, buildSections } from './sections';
import type { Frontmatter, Note } from './types';
import type { Range } from 'vscode-languageserver-types';

export interface ParseNoteOptions {
  /**
   * Block structure provider: the fast line scanner by default. `remarkBlocks` (a full remark-parse
   * + remark-gfm parse, the reference the scanner is proven against) is passed in by whoever wants
   * it, so the server's bundle does not carry remark and micromark it never runs.
   */
  blocks?: BlockProvider;
  /** Editor version of the text; leave out for a file read from disk. */
  version?: number;
}

const EMPTY_BLOCKS: BlockStructure = {
  headings: [],
  tables: [],
  bulletItems: [],
  codeBlocks: [],
  inlineRuns: [],
};

/** A model with nothing in it yet: what parsing fills in, or a stand-in built from a summary. */
export function emptyNote(uri: string, text: string, fullRange: Range): Note {
  return {
    uri,
    text,
    headings: [],
    sections: [],
    tables: [],
    wikilinks: [],
    citations: [],
    references: [],
    footnoteReferences: [],
    footnoteDefinitions: [],
    directives: [],
    fullRange,
  };
}

/**
 * Builds the note model of one Markdown note. Never throws: invalid YAML is reported in
 * `frontmatter.error`, and a failure in any stage leaves that stage's part of the model empty
 * rather than losing the whole note (a half-read note beats a server error on every keystroke).
 */
export function parseNote(text: string, uri: string, options: ParseNoteOptions = {}): Note {
  text = withoutBom(text);
  const lines = new LineIndex(text);
  const note = emptyNote(uri, text, lines.range(0, text.length));
  if (options.version !== undefined) note.version = options.version;

  const block = attempt(() => locateFrontmatter(lines), undefined);
  const frontmatter: Frontmatter | undefined = block
    ? attempt(() => parseFrontmatter(text, lines, block), undefined)
    : undefined;
  if (frontmatter) note.frontmatter = frontmatter;
  const bodyStartLine = block ? block.closeLine + 1 : 0;
  const bodyStart = block
    ? Math.min(
        text.length,
        lines.lineEnd(block.closeLine) + lineBreakLength(text, lines.lineEnd(block.closeLine)),
      )
    : 0;

  const provider = options.blocks ?? fastBlocks;
  const blocks = attempt(() => provider({ text, lines, bodyStartLine }), EMPTY_BLOCKS);
  note.headings = blocks.headings;
  note.tables = blocks.tables;
  attempt(() => {
    note.sections = buildSections(lines, blocks.headings, blocks.bulletItems);
    assignTableSections(note.tables, note.sections);
  }, undefined);

  const tableLines = tableRowLines(note);
  const excluded = attempt(
    () => new ExcludedRegions(text, lines, bodyStart, blocks, tableLines),
    undefined,
  );
  if (excluded) {
    note.wikilinks = attempt(() => scanWikiLinks(text, lines, excluded, tableLines), []);
    note.citations = attempt(() => scanCitations(text, lines, excluded), []);
    note.footnoteDefinitions = attempt(() => scanFootnoteDefinitions(text, lines, excluded), []);
    note.footnoteReferences = attempt(
      () => scanFootnoteReferences(text, lines, excluded, note.footnoteDefinitions),
      [],
    );
    note.directives = attempt(() => scanDirectives(text, lines, excluded.comments), []);
  }
  note.references = attempt(() => readReferenceLines(note.sections), []);
  const identity = attempt(() => findIdentity(frontmatter, note.headings, uri), undefined);
  if (identity) note.identity = identity;
  return note;
}

/** VS Code hands us text without a BOM; stripping it from file reads keeps positions aligned. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function tableRowLines(note: Note): Set<number> {
  const rows = new Set<number>();
  for (const table of note.tables) {
    rows.add(table.header.range.start.line);
    for (const row of table.rows) rows.add(row.range.start.line);
  }
  return rows;
}

function lineBreakLength(text: string, lineEnd: number): number {
  if (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10) return 2;
  return lineEnd < text.length ? 1 : 0;
}

/** Runs one stage of the parse; if it throws, the model keeps `fallback` for that stage. */
function attempt<T>(stage: () => T, fallback: T): T {
  try {
    return stage();
  } catch {
    return fallback;
  }
}
