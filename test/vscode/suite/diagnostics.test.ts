// (c) Mistakes in a note reach VS Code as diagnostics of source 'attack-notes'.
import * as assert from 'node:assert/strict';
import { activeApi, noteUri, openNote, waitForDiagnostics } from './helpers';

// examples/vault/README.md lists the deliberate mistakes of this note and their lines (1-based):
// broken link, wrong tactic ID, wrong mitigation name, unescaped pipe in a table row.
const NOTE = 'techniques/PowerShell.md';
const MISTAKE_LINES = [7, 11, 23, 25];

describe('diagnostics', () => {
  before(activeApi);

  it('reports the deliberate mistakes of a note', async () => {
    const uri = noteUri(NOTE);
    const onMistake = (line: number) => MISTAKE_LINES.includes(line + 1);
    // Waits for the first finding on a mistake line: the rules land one by one, any will do.
    const waiting = waitForDiagnostics(
      uri,
      (found) => found.some((d) => onMistake(d.range.start.line)),
      20_000,
    );
    await openNote(NOTE);
    const diagnostics = await waiting;
    const elsewhere = diagnostics.filter((d) => !onMistake(d.range.start.line));
    assert.deepEqual(
      elsewhere.map((d) => `${d.range.start.line + 1}: ${d.message}`),
      [],
      'findings on lines that hold no deliberate mistake',
    );
  });
});
