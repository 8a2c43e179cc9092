import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NOTE_KIND_REQUEST, type NoteKindResult } from '../../server/src/lsp/noteKindProtocol';
import { OWNED_SEED_PATH } from '../support/sharedData';
import { fileUri, LspTestClient } from './support/lspTestClient';

// The owned stand-in of the seed note: the same technique and layout, in the repository.
const seedPath = OWNED_SEED_PATH;

// The client's `attackNotes.isTechniqueNote` context key (the editor menu's Insert Mitigation
// Row) follows this answer.
describe('protocol: attackNotes/noteKind', function () {
  let client: LspTestClient;
  let folder: string;
  const kindOf = (uri: string) =>
    client.request<NoteKindResult>(NOTE_KIND_REQUEST, { textDocument: { uri } });

  before(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-kind-'));
    writeFileSync(path.join(folder, 'Audit.md'), '---\nalias: M1047\n---\n\n## M1047\n');
    client = await LspTestClient.start({ workspaceFolders: [folder] });
    await client.waitForIndex();
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('names the kind and ID of an open note, and follows its edits', async () => {
    const uri = fileUri(path.join(folder, 'Python.md'));
    const seed = readFileSync(seedPath, 'utf8');
    await client.open(uri, seed);
    assert.deepEqual(await kindOf(uri), { kind: 'technique', id: 'T1059.006' });
    await client.change(uri, seed.replaceAll('T1059.006', 'TA0002'));
    assert.deepEqual(await kindOf(uri), { kind: 'tactic', id: 'TA0002' });
  });

  it('answers for a note on disk that is not open', async () => {
    assert.deepEqual(await kindOf(fileUri(path.join(folder, 'Audit.md'))), {
      kind: 'mitigation',
      id: 'M1047',
    });
  });

  it('answers null for a note without an ATT&CK identity and for an unknown URI', async () => {
    const uri = fileUri(path.join(folder, 'Hunting ideas.md'));
    await client.open(uri, '# Hunting ideas\n\nLook at PowerShell first.\n');
    assert.deepEqual(await kindOf(uri), { kind: null, id: null });
    assert.deepEqual(await kindOf(fileUri(path.join(folder, 'missing.md'))), {
      kind: null,
      id: null,
    });
  });
});
