import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { HoverRequest, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient, repoRoot } from './support/lspTestClient';

/** The sample vault: the enterprise vault's layout and links, with its own prose. */
const sampleVault = path.join(repoRoot, 'examples', 'vault');

describe('protocol: hover', function () {
  this.timeout(60000);
  let client: LspTestClient;
  const file = path.join(sampleVault, 'techniques', 'Python.md');
  const uri = fileUri(file);

  before(async () => {
    client = await LspTestClient.start({ workspaceFolders: [sampleVault] });
    await client.waitForIndex(60000);
    await client.open(uri, readFileSync(file, 'utf8'));
  });

  after(async () => {
    if (client) await client.stop();
  });

  const hoverAt = async (line: number, character: number): Promise<Hover | null> =>
    client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line, character },
    });

  it('announces hover', () => {
    assert.equal(client.initializeResult.capabilities.hoverProvider, true);
  });

  it('describes the note ID in the front matter with its mapped mitigations', async () => {
    const result = await hoverAt(1, 10);
    assert.ok(result);
    const value = (result.contents as MarkupContent).value;
    assert.match(value, /\*\*Python\*\* · sub-technique `T1059\.006`/);
    assert.match(value, /Mitigations: Limit Software Installation \(M1033\)/);
    assert.deepEqual(result.range, {
      start: { line: 1, character: 7 },
      end: { line: 1, character: 16 },
    });
  });

  it("shows a tactic link's target and the opening of its text", async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((text) => text.includes('[[Execution]]'));
    const result = await hoverAt(line, 5);
    assert.ok(result);
    const value = (result.contents as MarkupContent).value;
    assert.match(value, /\*\*Execution\*\* · tactic `TA0002`/);
    assert.match(value, /`tactics\/Execution\.md`/);
    assert.match(value, /The attacker wants their own code to run on a system they reached\./);
  });

  it('answers null over plain text', async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((text) => text.startsWith("Python's standard library"));
    assert.ok(line > 0);
    assert.equal(await hoverAt(line, 3), null);
  });
});
