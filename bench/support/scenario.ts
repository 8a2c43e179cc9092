import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Position } from 'vscode-languageserver-protocol';
import { fileUri } from '../../test/support/lspClient';
import type { ScaledVault } from './vaults';

/**
 * The notes and positions every server is measured at, all inside the vault's first copy, so each
 * scale asks the same questions and only the size of the workspace around them changes.
 */
export interface Scenario {
  /** The largest group note (a 200-row technique table): opened, then typed into. */
  large: { uri: string; text: string };
  /** A technique note with a Mitigations table, where completion is asked for in a new row. */
  mitigations: { uri: string; text: string; completionAt: Position };
  /** A wikilink in the large note's table (to PowerShell): definition and references. */
  linkAt: Position;
  /** Text of the large note after `n` keystrokes, typed into a cell of its table. */
  typed(n: number): string;
}

const LARGE_NOTE = 'groups/Mustang Panda.md';
const MITIGATIONS_NOTE = 'techniques/PowerShell.md';
const LINKED_NOTE = '/techniques/PowerShell\\|';

export function scenario(vault: ScaledVault): Scenario {
  const largePath = path.join(vault.copyFolder(1), LARGE_NOTE);
  const large = readFileSync(largePath, 'utf8');
  const lines = large.split('\n');

  const linkLine = lines.findIndex((line) => line.includes(LINKED_NOTE));
  if (linkLine < 0) throw new Error(`${LARGE_NOTE} has no link to PowerShell`);
  // Inside the link target, past `| [[`.
  const linkAt = { line: linkLine, character: lines[linkLine].indexOf('[[') + 4 };

  // Typing goes at the end of the Use cell of a row in the middle of the table.
  const rows = lines.map((line, i) => (line.startsWith('| [[') ? i : -1)).filter((i) => i >= 0);
  if (rows.length < 10) throw new Error(`${LARGE_NOTE} lost its technique table`);
  const typingLine = rows[rows.length >> 1];
  const offset =
    lines.slice(0, typingLine).reduce((sum, line) => sum + line.length + 1, 0) +
    lines[typingLine].lastIndexOf(' |');
  const word = 'lorem ipsum dolor sit amet ';

  const mitigationsPath = path.join(vault.copyFolder(1), MITIGATIONS_NOTE);
  const original = readFileSync(mitigationsPath, 'utf8').split('\n');
  const header = original.findIndex((line) => line.startsWith('### Mitigations'));
  let last = header + 3; // heading, blank line, header row, delimiter row
  while (original[last + 1]?.startsWith('| ')) last++;
  if (header < 0 || !original[last].startsWith('| ')) {
    throw new Error(`${MITIGATIONS_NOTE} has no Mitigations table`);
  }
  // A new row whose ID cell has just been started with `[[`, as a user adding a mitigation would.
  const newRow = '| [[';
  const mitigationsText = [
    ...original.slice(0, last + 1),
    newRow,
    ...original.slice(last + 1),
  ].join('\n');

  return {
    large: { uri: fileUri(largePath), text: large },
    mitigations: {
      uri: fileUri(mitigationsPath),
      text: mitigationsText,
      completionAt: { line: last + 1, character: newRow.length },
    },
    linkAt,
    typed: (n) => {
      let typed = '';
      for (let i = 0; i < n; i++) typed += word[i % word.length];
      return large.slice(0, offset) + typed + large.slice(offset);
    },
  };
}
