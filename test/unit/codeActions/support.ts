import { strict as assert } from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-types';
import { FIX_PROVIDERS } from '../../../server/src/core/features/codeActions/registry';
import type { FixContext, NoteFix } from '../../../server/src/core/features/codeActions/types';
import { computeDiagnostics } from '../../../server/src/core/features/diagnostics/computeDiagnostics';
import { parseRuleConfig } from '../../../server/src/core/features/diagnostics/config';
import { isRuleCode } from '../../../server/src/core/features/diagnostics/rules';
import { vaultDefinitions } from '../../../server/src/core/features/diagnostics/vaultDefinitions';
import { applyTextEdits } from '../../../server/src/core/text/applyEdits';
import { catalogKnowledgeBase } from '../kb/attackData';
import { memoryVault, noteUri } from '../support/memoryVault';

/**
 * The real pipeline for fixes: an in-memory vault, the ATT&CK v18.1 catalog, computeDiagnostics,
 * the registered fix providers, and the edits applied to the text as stored (BOM and all).
 */

const baseKb = catalogKnowledgeBase();

export interface Checked {
  context: FixContext;
  diagnostics: Diagnostic[];
  /** The note's text as given (a BOM kept), which the fixes' edits apply to. */
  text: string;
}

/** Indexes `files` and checks the note at `vaultPath` with every rule on. */
export function check(files: Record<string, string>, vaultPath: string): Checked {
  const index = memoryVault(files);
  const kb = baseKb.withVaultDefinitions(vaultDefinitions(index));
  const indexed = index.get(noteUri(vaultPath));
  if (!indexed) throw new Error(`no note at ${vaultPath}`);
  const { config } = parseRuleConfig({ 'reference-unused': 'warning' });
  const note = indexed.note;
  return {
    context: { note, index, kb },
    diagnostics: computeDiagnostics(note, index, kb, config),
    text: files[vaultPath],
  };
}

export function fixesOf(checked: Checked, diagnostic: Diagnostic): NoteFix[] {
  const code = String(diagnostic.code);
  const provider = isRuleCode(code) ? FIX_PROVIDERS[code] : undefined;
  return provider ? provider(checked.context, diagnostic) : [];
}

/** The one diagnostic of `code` (the test fails when there are none or several). */
export function onlyOf(checked: Checked, code: string): Diagnostic {
  const found = checked.diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(checked.diagnostics)}`);
  return found[0];
}

/** A short form for comparing diagnostics before and after a fix: code and message. */
export function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${String(d.code)}: ${d.message}`);
}

/**
 * Applies `fix` to the note at `vaultPath` and checks the result again: returns the new text and
 * its diagnostics. Asserts that the fixed diagnostic is gone, that no diagnostic appears that was
 * not there before, and that the same fix is not offered again. `changing` names rules whose
 * message may change (a list that got shorter).
 */
export function applyAndRecheck(
  files: Record<string, string>,
  vaultPath: string,
  checked: Checked,
  diagnostic: Diagnostic,
  fix: NoteFix,
  changing: readonly string[] = [],
): { text: string; after: Checked } {
  const text = applyTextEdits(checked.text, fix.edits);
  const after = check({ ...files, [vaultPath]: text }, vaultPath);
  const before = summary(checked.diagnostics.filter((d) => d !== diagnostic));
  const now = summary(after.diagnostics);
  for (const line of now) {
    if (changing.some((code) => line.startsWith(`${code}: `))) continue;
    assert.ok(before.includes(line), `a new diagnostic appeared: ${line}`);
  }
  assert.ok(
    !now.includes(`${String(diagnostic.code)}: ${diagnostic.message}`),
    `the fixed diagnostic is still there: ${diagnostic.message}`,
  );
  const again = after.diagnostics
    .filter((d) => d.code === diagnostic.code)
    .flatMap((d) => fixesOf(after, d))
    .filter((f) => f.title === fix.title);
  assert.deepEqual(again, [], 'the same fix is offered again');
  return { text, after };
}
