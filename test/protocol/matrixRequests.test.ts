import { strict as assert } from 'node:assert';
import path from 'node:path';
import {
  NEW_NOTE_REQUEST,
  NOTE_DOMAIN_REQUEST,
  type NewNoteParams,
  type NewNoteResult,
  type NoteDomainParams,
  type NoteDomainResult,
} from '../../server/src/lsp/protocol/matrixRequests';
import { fileUri, LspTestClient, repoRoot } from './support/lspTestClient';

/** The coverage matrix panel's two requests, over stdio against the built server on examples/vault. */

const vault = path.join(repoRoot, 'examples', 'vault');

describe('protocol: coverage matrix requests', function () {
  this.timeout(60000);
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ workspaceFolders: [vault] });
    await client.waitForIndex(60000);
  });

  after(async () => {
    if (client) await client.stop();
  });

  const domainOf = (uri: string): Promise<NoteDomainResult | null> =>
    client.connection.sendRequest(NOTE_DOMAIN_REQUEST, {
      textDocument: { uri },
    } satisfies NoteDomainParams);
  const newNote = (params: NewNoteParams): Promise<NewNoteResult> =>
    client.connection.sendRequest(NEW_NOTE_REQUEST, params);

  it('tells the domain of a note on disk, and null for a file the index does not hold', async () => {
    assert.deepEqual(await domainOf(fileUri(path.join(vault, 'techniques', 'Python.md'))), {
      domain: 'enterprise',
    });
    assert.equal(await domainOf(fileUri(path.join(vault, 'nowhere.md'))), null);
  });

  it('plans a new note in the techniques folder without writing it, and refuses covered IDs', async () => {
    const planned = await newNote({ id: 'T1055', folderUri: fileUri(vault) });
    assert.ok(!('problem' in planned), JSON.stringify(planned));
    assert.equal(planned.vaultPath, 'techniques/Process Injection.md');
    assert.equal(planned.uri, fileUri(path.join(vault, 'techniques', 'Process Injection.md')));
    assert.equal(planned.title, 'T1055 Process Injection');
    assert.match(planned.text, /^---\nalias: T1055\n---\n\n## T1055\n\n### Tactic\n/);
    // Without a folder, the one holding notes is taken.
    assert.deepEqual(await newNote({ id: 'T1055' }), planned);
    assert.deepEqual(await newNote({ id: 'T1059.001' }), {
      problem: 'T1059.001 already has a note: techniques/PowerShell.md.',
    });
    assert.deepEqual(await newNote({ id: 'T1055', folderUri: 'file:///elsewhere' }), {
      problem: 'The folder is not a workspace folder of the server.',
    });
  });
});
