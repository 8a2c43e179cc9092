// (c) Mistakes in a note reach VS Code as diagnostics of source 'attack-notes', each on its line
// with its rule's code, and nothing else is reported there.
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { activeApi, noteUri, openNote, waitForDiagnostics } from './helpers';

// The deliberate mistakes of the sample vault (examples/vault/README.md): 1-based line -> rule.
const MISTAKES: Record<string, Record<number, string>> = {
  'techniques/PowerShell.md': {
    7: 'link-broken',
    11: 'tactic-id-mismatch',
    23: 'mitigation-name-mismatch',
    25: 'table-unescaped-pipe',
  },
  'notes/Hunting ideas.md': { 11: 'id-unknown' },
};

const codeOf = (d: vscode.Diagnostic) =>
  typeof d.code === 'object' ? String(d.code.value) : String(d.code);
const describeAll = (found: readonly vscode.Diagnostic[]) =>
  found.map((d) => `${d.range.start.line + 1} ${codeOf(d)}`).sort();

describe('diagnostics', () => {
  before(activeApi);

  for (const [note, expected] of Object.entries(MISTAKES)) {
    it(`reports the deliberate mistakes of ${note}`, async () => {
      const wanted = Object.entries(expected).map(([line, code]) => `${line} ${code}`);
      // Results may arrive in several publications (the index finishing, debouncing): wait for
      // the one that holds every expected finding.
      const waiting = waitForDiagnostics(
        noteUri(note),
        (found) => wanted.every((w) => describeAll(found).includes(w)),
        20_000,
      );
      await openNote(note);
      assert.deepEqual(describeAll(await waiting), wanted.sort());
    });
  }
});
