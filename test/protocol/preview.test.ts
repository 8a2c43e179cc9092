import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  PREVIEW_REQUEST,
  type PreviewParams,
  type PreviewResult,
} from '../../server/src/lsp/protocol/previewRequest';
import { fileUri, LspTestClient, repoRoot } from './support/lspTestClient';

const vault = path.join(repoRoot, 'examples', 'vault');
const dist = path.join(repoRoot, 'dist');

describe('protocol: preview', function () {
  this.timeout(60000);
  let client: LspTestClient;
  const file = path.join(vault, 'techniques', 'PowerShell.md');
  const uri = fileUri(file);
  const text = readFileSync(file, 'utf8');

  before(async () => {
    client = await LspTestClient.start({ workspaceFolders: [vault] });
    await client.waitForIndex(60000);
    await client.open(uri, text);
  });

  after(async () => {
    if (client) await client.stop();
  });

  const preview = (target: string): Promise<PreviewResult | null> =>
    client.connection.sendRequest(PREVIEW_REQUEST, {
      textDocument: { uri: target },
    } satisfies PreviewParams);

  it('renders an open note: its version, title, line count and the card first', async () => {
    const result = await preview(uri);
    assert.ok(result);
    assert.equal(result.uri, uri);
    assert.equal(result.version, 1);
    assert.equal(result.title, 'T1059.001 PowerShell');
    assert.equal(result.lineCount, text.split('\n').length);
    assert.match(result.html, /^<header class="note-card" data-line="0">/);
    assert.match(result.html, /<span class="chip chip-tactic" title="TA0002">Execution<\/span>/);
  });

  it('renders the Mitigations table with data-line rows and resolved wikilinks', async () => {
    const result = await preview(uri);
    assert.ok(result);
    const lines = text.split('\n');
    const rowLine = lines.findIndex((line) => line.includes('Execution Protection'));
    const target = fileUri(path.join(vault, 'mitigations', 'Execution Prevention.md'));
    const row = new RegExp(
      `<tr data-line="${rowLine}">\\s*<td><a class="wikilink" href="#" data-note-uri="${escape(target)}"[^>]*>M1038</a>`,
    );
    assert.match(result.html, row);
    assert.match(
      result.html,
      /<a class="wikilink broken" href="#" title="No note named “PowerShell Remoting” in this vault">PowerShell Remoting<\/a>/,
    );
  });

  it('lists the notes that link here', async () => {
    const result = await preview(uri);
    assert.ok(result);
    const backlinks = result.html.slice(result.html.indexOf('<section class="backlinks">'));
    const parent = fileUri(path.join(vault, 'techniques', 'Command and Scripting Interpreter.md'));
    assert.match(backlinks, /<h2>Linked from<\/h2>/);
    assert.ok(backlinks.includes(`data-note-uri="${parent}"`));
  });

  it('follows the editor’s text and version', async () => {
    const version = await client.change(
      uri,
      text.replace('## T1059.001', '## T1059.001\n\nFresh <b>words</b>.'),
    );
    const result = await preview(uri);
    assert.ok(result);
    assert.equal(result.version, version);
    assert.match(result.html, /<p data-line="6">Fresh <b>words<\/b>\.<\/p>/);
    await client.change(uri, text);
  });

  it('renders a note read from disk with a null version', async () => {
    const disk = fileUri(path.join(vault, 'tactics', 'Execution.md'));
    const result = await preview(disk);
    assert.ok(result);
    assert.equal(result.version, null);
    assert.equal(result.title, 'TA0002 Execution');
  });

  it('renders a hostile note through the built pipeline without script, remote loads or forged links', async () => {
    const hostile = fileUri(path.join(vault, 'notes', 'Hostile (preview test).md'));
    await client.open(
      hostile,
      [
        '<script>alert(1)</script><img src=x onerror=alert(1)><iframe src="https://evil.example"></iframe>',
        '',
        '[x](javascript:alert(1)) <svg onload=alert(1)></svg><style>p{background:url(https://evil.example/a)}</style>',
        '',
        '<a class="wikilink" href="#" data-note-uri="file:///etc/passwd">forged</a> [[PowerShell]]',
      ].join('\n'),
    );
    try {
      const result = await preview(hostile);
      assert.ok(result);
      assert.doesNotMatch(
        result.html,
        /<(?:script|img|iframe|svg|style)\b|onerror|onload|javascript:/i,
      );
      assert.doesNotMatch(result.html, /evil\.example|etc\/passwd/);
      assert.deepEqual(
        [...result.html.matchAll(/data-note-uri="([^"]*)"/g)].map((match) => match[1]),
        [uri],
      );
    } finally {
      await client.close(hostile);
    }
  });

  it('answers null for a note the server does not know', async () => {
    assert.equal(await preview(fileUri(path.join(vault, 'nowhere', 'Missing.md'))), null);
  });

  it('keeps unified out of the server bundle: it is loaded from dist/preview-pipeline.js', () => {
    assert.ok(existsSync(path.join(dist, 'preview-pipeline.js')));
    const bundle = readFileSync(path.join(dist, 'server-bundle.js'), 'utf8');
    assert.match(bundle, /\(__dirname, "preview-pipeline\.js"\)/);
    for (const name of ['micromark', 'parse5', 'hast-util-sanitize', 'remark-gfm']) {
      assert.ok(!bundle.includes(`node_modules/${name}/`), `${name} is in the server bundle`);
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('protocol: preview from `attack-notes lsp`', function () {
  this.timeout(60000);

  it('renders through dist/cli.js too, which finds the pipeline beside itself', async () => {
    const client = await LspTestClient.start({
      workspaceFolders: [vault],
      command: [process.execPath, path.join(repoRoot, 'bin', 'attack-notes.js'), 'lsp', '--stdio'],
    });
    try {
      await client.waitForIndex(60000);
      const uri = fileUri(path.join(vault, 'techniques', 'Python.md'));
      const result = await client.connection.sendRequest<PreviewResult | null>(PREVIEW_REQUEST, {
        textDocument: { uri },
      } satisfies PreviewParams);
      assert.ok(result);
      assert.equal(result.title, 'T1059.006 Python');
      assert.match(result.html, /<table data-line="\d+">/);
    } finally {
      await client.stop();
    }
  });
});
