import { strict as assert } from 'node:assert';
import type { ClientCapabilities, TextEdit } from 'vscode-languageserver-protocol';
import { noteWorkspaceEdit } from '../../../server/src/lsp/codeActionWiring';

const URI = 'file:///vault/techniques/Python.md';
const EDITS: TextEdit[] = [
  { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'x' },
];

describe('code action workspace edits', function () {
  it('a client without document changes gets plain changes', function () {
    assert.deepEqual(noteWorkspaceEdit({}, URI, 4, EDITS), { changes: { [URI]: EDITS } });
  });

  it('a client with document changes gets one edit of the version it was made for', function () {
    const capabilities: ClientCapabilities = {
      workspace: { workspaceEdit: { documentChanges: true } },
    };
    assert.deepEqual(noteWorkspaceEdit(capabilities, URI, 4, EDITS), {
      documentChanges: [{ textDocument: { uri: URI, version: 4 }, edits: EDITS }],
    });
  });

  it('a note to create: CreateFile (failing on an existing file), then its text', function () {
    const capabilities: ClientCapabilities = {
      workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
    };
    const created = { uri: 'file:///vault/techniques/Perl.md', text: '---\nalias: T1059\n---\n' };
    assert.deepEqual(noteWorkspaceEdit(capabilities, URI, 4, EDITS, created), {
      documentChanges: [
        { textDocument: { uri: URI, version: 4 }, edits: EDITS },
        { kind: 'create', uri: created.uri, options: { overwrite: false, ignoreIfExists: false } },
        {
          textDocument: { uri: created.uri, version: null },
          edits: [
            {
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
              newText: created.text,
            },
          ],
        },
      ],
    });
  });
});
