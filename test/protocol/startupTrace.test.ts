import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  STARTUP_TRACE_REQUEST,
  type StartupTrace,
} from '../../server/src/lsp/protocol/startupTraceRequest';
import { fileUri, LspTestClient, repoRoot } from './support/lspTestClient';

const bin = path.join(repoRoot, 'bin', 'attack-notes.js');
const PHASES_IN_ORDER = [
  'node',
  'bundle',
  'wiring',
  'awaitInitialize',
  'catalog',
  'handshake',
  'summaryCache',
  'list',
  'read',
  'parse',
  'loadOther',
  'afterLoad',
];

describe('protocol: the start-up trace (initializationOptions.startupTrace)', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-trace-'));
    writeFileSync(path.join(folder, 'Execution.md'), '---\nalias: TA0002\n---\n\n## TA0002\n');
    writeFileSync(
      path.join(folder, 'Group.md'),
      '## G0001\n\nUses [[Execution]], [[Execution#TA0002]] and [[Missing]].\n',
    );
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const start = (command: string[], startupTrace: boolean) =>
    LspTestClient.start({
      workspaceFolders: [folder],
      command,
      initializationOptions: {
        startupTrace,
        indexCacheDirectory: mkdtempSync(path.join(folder, '.cache-')),
      },
    });

  for (const [how, command] of [
    [
      'node dist/server.js --stdio',
      [process.execPath, path.join(repoRoot, 'dist', 'server.js'), '--stdio'],
    ],
    // Started as other editors start it, through the same loader and code cache: before, the CLI
    // bundle started the server itself, and Node's start and the bundle were no phases of their own.
    ['attack-notes lsp --stdio', [process.execPath, bin, 'lsp', '--stdio']],
  ] as const) {
    it(`splits the time to the first index into phases that add up to it (${how})`, async () => {
      const client = await start([...command], true);
      try {
        await client.waitForIndex();
        const trace = await client.request<StartupTrace>(STARTUP_TRACE_REQUEST, null);
        assert.ok(trace.index);
        assert.deepEqual(
          trace.index.phases.map((phase) => phase.name),
          PHASES_IN_ORDER,
        );
        for (const phase of trace.index.phases) assert.ok(phase.ms >= 0, phase.name);
        const sum = trace.index.phases.reduce((total, phase) => total + phase.ms, 0);
        assert.ok(Math.abs(sum - trace.index.totalMs) < 0.01, `${sum} ≠ ${trace.index.totalMs}`);
        assert.equal(trace.index.notes, 2);
        assert.equal(trace.index.fromCache, 0);
      } finally {
        await client.stop();
      }
    });
  }

  it('times the first diagnostics after the index, link resolution apart', async () => {
    const client = await start(
      [process.execPath, path.join(repoRoot, 'dist', 'server.js'), '--stdio'],
      true,
    );
    try {
      await client.waitForIndex();
      const uri = fileUri(path.join(folder, 'Group.md'));
      const published = client.waitForDiagnostics(uri);
      await client.open(
        uri,
        '## G0001\n\nUses [[Execution]], [[Execution#TA0002]] and [[Missing]].\n',
      );
      await published;
      const { firstDiagnostics } = await client.request<StartupTrace>(STARTUP_TRACE_REQUEST, null);
      assert.ok(firstDiagnostics);
      assert.equal(firstDiagnostics.links, 3);
      assert.ok(firstDiagnostics.linkResolutionMs <= firstDiagnostics.diagnosticsMs);
      assert.ok(firstDiagnostics.parseMs > 0);
    } finally {
      await client.stop();
    }
  });

  it('is not answered unless asked for', async () => {
    const client = await start(
      [process.execPath, path.join(repoRoot, 'dist', 'server.js'), '--stdio'],
      false,
    );
    try {
      await client.waitForIndex();
      await assert.rejects(client.request(STARTUP_TRACE_REQUEST, null), { code: -32601 });
    } finally {
      await client.stop();
    }
  });
});
