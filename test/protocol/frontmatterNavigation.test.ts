import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DefinitionRequest,
  HoverRequest,
  type Hover,
  type Location,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient } from './support/lspTestClient';

/** A kb-dialect technique whose front matter names its tactic and its own page by path. */
const TECHNIQUE = [
  '---',
  'aliases: ',
  '    - T1059.006',
  'tactic: ',
  '     - Execution',
  'mitre-attack: kb/mitre/attack/techniques/T1059.006-Python',
  '---',
  '',
  '## Description',
  '',
].join('\n');
const TACTIC = '---\naliases: \n    - TA0002\n---\n\n## Description\n';

describe('protocol: definition and hover on front matter values', function () {
  this.timeout(60000);
  let folder: string;
  let client: LspTestClient | undefined;
  let techniqueUri: string;
  let tacticUri: string;

  before(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-frontmatter-'));
    const write = (vaultPath: string, text: string) => {
      const file = path.join(folder, ...vaultPath.split('/'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      return fileUri(file);
    };
    techniqueUri = write('kb/mitre/attack/techniques/T1059.006-Python.md', TECHNIQUE);
    tacticUri = write('kb/mitre/attack/tactics/TA0002-Execution.md', TACTIC);
    client = await LspTestClient.start({ workspaceFolders: [folder] });
    await client.waitForIndex(60000);
    await client.open(techniqueUri, TECHNIQUE);
  });

  after(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('definition: a tactic named under `tactic:` leads to the tactic note', async () => {
    const result = (await client!.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: techniqueUri },
      position: { line: 4, character: 9 },
    })) as Location[];
    assert.deepEqual(
      result.map((location) => location.uri),
      [tacticUri],
    );
  });

  it('hover: the `mitre-attack:` path describes the ID its file name starts with', async () => {
    const result = (await client!.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: techniqueUri },
      position: { line: 5, character: 54 },
    })) as Hover;
    assert.ok(result);
    assert.match((result.contents as MarkupContent).value, /\*\*Python\*\* · sub-technique/);
    assert.deepEqual(result.range, {
      start: { line: 5, character: 14 },
      end: { line: 5, character: 57 },
    });
  });
});
