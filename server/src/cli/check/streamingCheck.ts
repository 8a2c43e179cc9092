import { newerVaultNotice } from '../../core/features/attackRelease/newerVault';
import { computeDiagnostics } from '../../core/features/diagnostics/computeDiagnostics';
import type { RuleConfig } from '../../core/features/diagnostics/config';
import { vaultDefinitions } from '../../core/features/diagnostics/vaultDefinitions';
import { readNoteFile, type SkippedFile } from '../../core/index/noteFiles';
import { pathFromUri, uriFromPath } from '../../core/index/vaultPaths';
import { WorkspaceIndex } from '../../core/index/workspaceIndex';
import type { AttackKnowledgeBase } from '../../core/kb/knowledgeBase';
import { parseNote } from '../../core/model/parseNote';
import type { Note } from '../../core/model/types';
import type { VaultResult } from './parallelCheck';
import { ResolvedOnce } from './resolvedOnce';
import type { ParsedShard, ShardFindings } from './shards';
import { isWithin } from './vaultRoots';

/**
 * A vault checked on one thread, one note at a time: every note is read and summarised first (the
 * server's summary scan: identity, aliases, link targets, all that links and IDs of *other* notes
 * need), then each note in scope is parsed, checked and dropped. Holding every note's full model
 * until the end, as parsing all notes before checking any did, made most objects survive V8's
 * young-generation collections: a fifth to a quarter of a check's CPU time went to copying them.
 *
 * The findings are those of `checkShard` over every note: identity and aliases of a summary are
 * exactly the model's, and a rule that needs more of another note (its headings, for a
 * `[[Note#Heading]]` link) gets that note's full model from the index, built on demand.
 */

/**
 * Models of other notes kept while checking (the targets of `#heading` links): a few notes are
 * linked that way from many, and each model is a full parse.
 */
const TARGET_MODELS_KEPT = 64;

export function checkVaultStreaming(
  root: string,
  files: readonly string[],
  config: RuleConfig,
  scopes: readonly string[],
  kb: AttackKnowledgeBase,
): VaultResult {
  const folderUri = uriFromPath(root);
  // The note being checked: a link to itself (`[[#Heading]]`) reads its headings from this model
  // instead of parsing the note a second time.
  let current: { uri: string; note: Note } | undefined;
  const index = new WorkspaceIndex([folderUri], {
    parse: (text, uri) => (current?.uri === uri ? current.note : parseNote(text, uri)),
    modelCacheSize: TARGET_MODELS_KEPT,
  });
  const failures: ParsedShard['failures'] = [];
  const skipped: SkippedFile[] = [];
  const read: string[] = [];
  for (const file of files) {
    const uri = uriFromPath(file);
    try {
      // The files were listed by `listMarkdownFiles`, which follows only links that stay inside.
      const note = readNoteFile(file);
      if (note.kind === 'note') {
        index.setText(uri, note.text);
        read.push(uri);
      } else if (note.kind === 'skipped') skipped.push({ uri, reason: note.reason });
    } catch (error) {
      failures.push({ uri, message: error instanceof Error ? error.message : String(error) });
    }
  }

  const definitions = vaultDefinitions(index);
  const vaultKb = kb.withVaultDefinitions(definitions);
  const rulesIndex = new ResolvedOnce(index);
  // The files were listed under the root: when it is a scope, every note is in scope.
  const wholeVault = scopes.includes(root);
  const findings: ShardFindings[] = [];
  let notes = 0;
  for (const uri of read) {
    const indexed = index.get(uri);
    if (!indexed) continue;
    let fsPath = wholeVault ? undefined : pathFromUri(indexed.uri);
    if (fsPath !== undefined && !scopes.some((scope) => isWithin(fsPath!, scope))) continue;
    notes++;
    const note = parseNote(indexed.text, uri);
    current = { uri: indexed.uri, note };
    const diagnostics = computeDiagnostics(note, rulesIndex, vaultKb, config);
    if (diagnostics.length > 0) {
      fsPath ??= pathFromUri(indexed.uri);
      findings.push({ fsPath, diagnostics });
    }
  }
  current = undefined;
  const newerVault = newerVaultNotice(definitions, kb);
  const checked = { findings, notes, failures, skipped };
  return newerVault ? { ...checked, newerVault } : checked;
}
