/**
 * Times the preview of the seed note (opened in the editor) and of the vault's largest group note
 * (read from disk): through the built server (`npm run build` first), the first
 * `attackNotes/preview` (which loads dist/preview-pipeline.js) and the median wall time of later
 * ones; then in this process, the median CPU time of `renderPreview` alone, which suffers less
 * when other processes share the machine.
 * Usage: npx tsx bench/preview-render.ts [vault folder] [runs]
 * Defaults: ../shared/vaults/enterprise, 21 runs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderPreview } from '../server/src/core/features/preview/renderPreview';
import { loadFoldersFromDisk } from '../server/src/core/index/diskVault';
import { WorkspaceIndex } from '../server/src/core/index/workspaceIndex';
import { loadBundledCatalog } from '../server/src/core/kb/bundledCatalog';
import { AttackKnowledgeBase } from '../server/src/core/kb/knowledgeBase';
import { parseNote } from '../server/src/core/model/parseNote';
import { fileUri, LspClient, sharedRoot } from '../test/support/lspClient';

const vault = resolve(process.argv[2] ?? join(sharedRoot, 'vaults', 'enterprise'));
const runs = Number(process.argv[3] ?? 21);
const seed = join(sharedRoot, 'seed', '000_8b64cf9aacfc1ce1.txt');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function largest(folder: string): string {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(folder, name));
  return files.reduce((a, b) => (statSync(a).size >= statSync(b).size ? a : b));
}

/** Median CPU milliseconds of `renderPreview` in this process, on the same two notes. */
async function inProcess(groupFile: string): Promise<void> {
  const index = new WorkspaceIndex([fileUri(vault)]);
  await loadFoldersFromDisk(index);
  const kb = AttackKnowledgeBase.fromLayers([loadBundledCatalog()]);
  const seedNote = parseNote(readFileSync(seed, 'utf8'), fileUri(join(vault, 'seed.md')), {
    version: 1,
  });
  index.setNote(seedNote);
  const group = index.get(fileUri(groupFile))!.note;
  for (const [name, note] of [
    ['seed note', seedNote],
    ['largest group note', group],
  ] as const) {
    const times: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const started = process.cpuUsage();
      renderPreview(note, index, kb);
      const used = process.cpuUsage(started);
      times.push((used.user + used.system) / 1000);
    }
    console.log(`in process, ${name}: median CPU ${median(times.slice(1)).toFixed(1)} ms`);
  }
}

async function main(): Promise<void> {
  const groupFile = largest(join(vault, 'groups'));
  const client = await LspClient.start({ workspaceFolders: [vault] });
  try {
    await client.waitForIndex(120000);
    const seedUri = fileUri(join(vault, 'techniques', 'Python (seed).md'));
    await client.open(seedUri, readFileSync(seed, 'utf8'));
    const group = groupFile;
    const targets = [
      { name: 'seed note (open)', uri: seedUri },
      { name: `${group.slice(vault.length + 1)} (disk)`, uri: fileUri(group) },
    ];
    for (const target of targets) {
      const times: number[] = [];
      let size = 0;
      for (let run = 0; run <= runs; run++) {
        const started = performance.now();
        const result = await client.connection.sendRequest<{ html: string } | null>(
          'attackNotes/preview',
          { textDocument: { uri: target.uri } },
        );
        times.push(performance.now() - started);
        size = result?.html.length ?? 0;
      }
      const [first, ...rest] = times;
      console.log(
        `${target.name}: first ${first.toFixed(1)} ms, median of ${rest.length} ${median(rest).toFixed(1)} ms, ${Math.round(size / 1024)} KB of HTML`,
      );
    }
  } finally {
    await client.stop();
  }
  await inProcess(groupFile);
}

void main();
