import { readFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-types';
import { fixAllEdits } from '../../../core/features/codeActions/fixAll';
import { computeDiagnostics } from '../../../core/features/diagnostics/computeDiagnostics';
import type { RuleConfig } from '../../../core/features/diagnostics/config';
import { vaultDefinitions } from '../../../core/features/diagnostics/vaultDefinitions';
import { readNoteFile } from '../../../core/index/noteFiles';
import { pathFromUri, uriFromPath } from '../../../core/index/vaultPaths';
import { WorkspaceIndex } from '../../../core/index/workspaceIndex';
import type { AttackKnowledgeBase } from '../../../core/kb/knowledgeBase';
import type { KnowledgeBase } from '../../../core/kb/types';
import { parseNote } from '../../../core/model/parseNote';
import { applyTextEdits } from '../../../core/text/applyEdits';
import type { CheckedShard, ParsedShard, ShardFindings } from '../shards';
import { isWithin } from '../vaultRoots';

/**
 * `attack-notes check --fix`: the fixes `source.fixAll.attackNotes` applies in the editor (those
 * that need no choice), over the notes of a vault. The whole vault is indexed once, as links
 * resolve against it; each note in scope is fixed and checked again until nothing more applies
 * (one fix can bring out another: a row's name fixed makes its duplicate exact), at most
 * MAX_PASSES times; the index follows each fixed text, and the findings reported at the end are
 * those of the fixed vault. Nothing is written here (check.ts writes or prints the diff).
 */

/** Passes per note before giving up on reaching a text no fix changes. */
export const MAX_PASSES = 10;

export interface FixedNote {
  fsPath: string;
  /** The file's text as read (a BOM kept). */
  before: string;
  after: string;
  /** Findings per rule that the fixes made disappear. */
  fixed: Map<string, number>;
  /** Still changing after MAX_PASSES passes (the last text is kept). */
  unsettled: boolean;
}

export interface FixedVault extends CheckedShard {
  changed: FixedNote[];
  /** Notes whose fixing failed (a fix that threw); each is left as it was. */
  unfixable: { fsPath: string; message: string }[];
  failures: ParsedShard['failures'];
  skipped: ParsedShard['skipped'];
  /** Files left alone because their bytes are not UTF-8: writing them back would alter them. */
  notUtf8: string[];
}

function countByRule(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(String(d.code), (counts.get(String(d.code)) ?? 0) + 1);
  return counts;
}

function decreases(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const fixed = new Map<string, number>();
  for (const [code, count] of before) {
    const gone = count - (after.get(code) ?? 0);
    if (gone > 0) fixed.set(code, gone);
  }
  return fixed;
}

/**
 * Whether a file's text, read as UTF-8, is its bytes exactly (so that writing the text back
 * changes only edits). Bytes that are not UTF-8 decode to U+FFFD; only then are they compared.
 */
function isLosslessUtf8(file: string, text: string): boolean {
  return !text.includes('\uFFFD') || Buffer.from(text, 'utf8').equals(readFileSync(file));
}

export function fixVault(
  files: readonly string[],
  folderUri: string,
  config: RuleConfig,
  scopes: readonly string[],
  kb: AttackKnowledgeBase,
): FixedVault {
  const index = new WorkspaceIndex([folderUri]);
  const texts = new Map<string, string>();
  const failures: ParsedShard['failures'] = [];
  const skipped: ParsedShard['skipped'] = [];
  const notUtf8: string[] = [];
  for (const file of files) {
    const uri = uriFromPath(file);
    try {
      // Read as `check` reads (shards.ts): files too large or binary are skipped, not fixed.
      const read = readNoteFile(file);
      if (read.kind === 'skipped') skipped.push({ uri, reason: read.reason });
      if (read.kind !== 'note') continue;
      const text = read.text;
      if (!isLosslessUtf8(file, text)) {
        notUtf8.push(file);
        index.setNote(parseNote(text, uri));
        continue;
      }
      texts.set(uri, text);
      index.setNote(parseNote(text, uri));
    } catch (error) {
      failures.push({ uri, message: error instanceof Error ? error.message : String(error) });
    }
  }
  let vaultKb: KnowledgeBase = kb.withVaultDefinitions(vaultDefinitions(index));
  const diagnose = (uri: string) =>
    computeDiagnostics(index.get(uri)!.note, index, vaultKb, config);

  /** Fixes one note until no fix applies (or MAX_PASSES), keeping the index in step. */
  const fixNote = (uri: string, before: string): FixedNote | undefined => {
    let text = before;
    let diagnostics = diagnose(uri);
    const initial = countByRule(diagnostics);
    let unsettled = true;
    for (let pass = 0; pass <= MAX_PASSES; pass++) {
      const note = index.get(uri)!.note;
      const edits = fixAllEdits({ note, index, kb: vaultKb }, diagnostics);
      if (edits.length === 0) {
        unsettled = false;
        break;
      }
      if (pass === MAX_PASSES) break;
      text = applyTextEdits(text, edits);
      const change = index.setNote(parseNote(text, uri));
      if (change.identityChanged) vaultKb = kb.withVaultDefinitions(vaultDefinitions(index));
      diagnostics = diagnose(uri);
    }
    if (text === before) return undefined;
    return {
      fsPath: pathFromUri(uri),
      before,
      after: text,
      fixed: decreases(initial, countByRule(diagnostics)),
      unsettled,
    };
  };

  const inScope = [...texts.keys()]
    .filter((uri) => scopes.some((scope) => isWithin(pathFromUri(uri), scope)))
    .sort();
  const changed: FixedNote[] = [];
  const unfixable: FixedVault['unfixable'] = [];
  for (const uri of inScope) {
    const before = texts.get(uri)!;
    try {
      const fixed = fixNote(uri, before);
      if (fixed) changed.push(fixed);
    } catch (error) {
      // A fix that fails must not cost the other notes theirs: this one stays as it was.
      index.setNote(parseNote(before, uri));
      const message = error instanceof Error ? error.message : String(error);
      unfixable.push({ fsPath: pathFromUri(uri), message });
    }
  }

  // What is left, over the fixed vault (another note's fix can change a note's findings).
  const findings: ShardFindings[] = [];
  let notes = 0;
  for (const indexed of index.notes()) {
    const fsPath = pathFromUri(indexed.uri);
    if (!scopes.some((scope) => isWithin(fsPath, scope))) continue;
    notes++;
    const diagnostics = diagnose(indexed.uri);
    if (diagnostics.length > 0) findings.push({ fsPath, diagnostics });
  }
  return { changed, unfixable, findings, notes, failures, skipped, notUtf8 };
}
