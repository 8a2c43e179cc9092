import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  type CompletionItem,
  type CompletionList,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient, repoRoot } from '../protocol/support/lspTestClient';
import { residentBytes, soakPlan, typingSession } from './soakSession';

/**
 * Soak: 20,000 edits of one open note through the built server, diagnostics delay 0, as someone
 * typing and deleting a line with links and IDs, each cycle's line a little different. The
 * server's resident memory is sampled as it goes: the lowest over the last 2,000 edits must stay
 * within 20 MB of the lowest over edits 4,000-6,000 (what each edit leaves behind adds up), and at
 * the end the soaked server answers as a fresh one given the final text does.
 *
 * Each edit is its own didChange, which the server indexes. `npm test` (the soak layer, `npm run
 * test:soak`) sends two back to back and waits for the diagnostics of the second (soakSession.ts,
 * DEFAULT_BATCH); `npm run test:soak:full` waits for every edit's. ATTACK_NOTES_SOAK_EDITS and
 * ATTACK_NOTES_SOAK_BATCH set either.
 */

const vault = path.join(repoRoot, 'examples', 'vault');
const notePath = path.join(vault, 'techniques', 'Python.md');
const SETTINGS = { attackNotes: { diagnostics: { delay: 0 } } };

const plan = soakPlan(process.env);
const MB = 1024 * 1024;

describe('protocol: soak (20,000 edits of one note)', function () {
  this.timeout(600_000);
  let soaked: LspTestClient | undefined;
  let fresh: LspTestClient | undefined;

  after(async () => {
    await soaked?.stop();
    await fresh?.stop();
  });

  it('keeps its memory flat and its answers right', async function () {
    const uri = fileUri(notePath);
    const original = readFileSync(notePath, 'utf8');
    soaked = await LspTestClient.start({ workspaceFolders: [vault], settings: SETTINGS });
    soaked.keepNotifications = false;
    await soaked.waitForIndex(60_000);
    const opened = soaked.waitForDiagnostics(uri, (p) => p.version === 1);
    await soaked.open(uri, original);
    await opened;

    const texts = typingSession(original, plan.edits);
    const pid = soaked.pid!;
    const samples: { edit: number; rss: number }[] = [];
    const started = performance.now();
    let version = 1;
    let lastPublished: PublishDiagnosticsParams | undefined;
    /** The versions whose diagnostics were published (each awaited one, and those in between). */
    const checked = new Set<number>();
    for (let done = 0; done < texts.length;) {
      const batch = texts.slice(done, done + plan.batch);
      const last = version + batch.length;
      const published = soaked.waitForDiagnostics(
        uri,
        (p) => {
          if (p.version !== undefined) checked.add(p.version);
          return p.version === last;
        },
        30_000,
      );
      // One notification per edit, sent back to back; the diagnostics of the last are awaited.
      for (const [i, text] of batch.entries()) {
        await soaked.connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version: version + i + 1 },
          contentChanges: [{ text }],
        });
      }
      lastPublished = await published;
      version = last;
      done += batch.length;
      // Now and then what an editor asks after an edit: outline, lenses, the light bulb.
      if (done % (10 * plan.batch) === 0) await editorRequests(soaked, uri, lastPublished);
      if (
        Math.floor(done / plan.sampleEvery) > Math.floor((done - batch.length) / plan.sampleEvery)
      )
        samples.push({ edit: done, rss: residentBytes(pid) });
    }
    const seconds = (performance.now() - started) / 1000;

    const lowest = (from: number, to: number) =>
      Math.min(...samples.filter((s) => s.edit > from && s.edit <= to).map((s) => s.rss));
    const early = lowest(plan.edits * 0.2, plan.edits * 0.3);
    const late = lowest(plan.edits * 0.9, plan.edits);
    console.log(
      `      soak: ${plan.edits} edits (${plan.batch} per round trip, ${checked.size} checked)` +
        ` in ${seconds.toFixed(1)} s;` +
        ` lowest RSS ${(early / MB).toFixed(1)} MB over edits ${plan.edits * 0.2}-${plan.edits * 0.3},` +
        ` ${(late / MB).toFixed(1)} MB over the last ${plan.edits * 0.1}`,
    );
    assert.ok(
      late - early <= 20 * MB,
      `resident memory grew ${((late - early) / MB).toFixed(1)} MB (over 20 MB)`,
    );

    // The same questions to the soaked server and to a fresh one that opens the final text.
    const finalText = texts[texts.length - 1];
    fresh = await LspTestClient.start({ workspaceFolders: [vault], settings: SETTINGS });
    await fresh.waitForIndex(60_000);
    const freshDiagnostics = fresh.waitForDiagnostics(uri, (p) => p.version === 1);
    await fresh.open(uri, finalText);
    const expected = await freshDiagnostics;
    assert.deepEqual(lastPublished?.diagnostics, expected.diagnostics);
    assert.ok(
      expected.diagnostics.some((d) => d.code === 'link-broken'),
      'the broken link of the final text is reported',
    );

    const lines = finalText.split('\n');
    const line = lines.findIndex((l) => l.includes('[[Exe'));
    assert.ok(line >= 0, 'the final text has the half-typed link');
    const position = { line, character: lines[line].indexOf('[[Exe') + 5 };
    const ask = async (client: LspTestClient) => ({
      completion: labels(
        await client.request<CompletionList | CompletionItem[] | null>(CompletionRequest.method, {
          textDocument: { uri },
          position,
        }),
      ),
      hover: await client.request(HoverRequest.method, {
        textDocument: { uri },
        position: { line, character: lines[line].indexOf('T1059') + 2 },
      }),
      symbols: await client.request(DocumentSymbolRequest.method, { textDocument: { uri } }),
    });
    const answers = await ask(soaked);
    assert.deepEqual(answers, await ask(fresh));
    assert.ok(answers.completion.includes('Execution'), 'completion offers the typed link');
    assert.match(JSON.stringify(answers.hover), /T1059\.006/, 'the hover is on the typed ID');
  });
});

/** The requests VS Code sends after an edit, their answers awaited (and not kept). */
async function editorRequests(
  client: LspTestClient,
  uri: string,
  published: PublishDiagnosticsParams,
): Promise<void> {
  const line = { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } };
  await Promise.all([
    client.request(DocumentSymbolRequest.method, { textDocument: { uri } }),
    client.request(CodeLensRequest.method, { textDocument: { uri } }),
    client.request(CodeActionRequest.method, {
      textDocument: { uri },
      range: line,
      context: { diagnostics: published.diagnostics },
    }),
  ]);
}

function labels(result: CompletionList | CompletionItem[] | null): string[] {
  const items = Array.isArray(result) ? result : (result?.items ?? []);
  return items.map((item) => item.label).sort();
}
