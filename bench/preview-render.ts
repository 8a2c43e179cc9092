/**
 * Times `attackNotes/preview` through the built server (`npm run build` first) on a vault:
 * the seed note (opened in the editor) and the vault's largest group note (read from disk).
 * Prints the first request (which loads dist/preview-pipeline.js) and the median of later ones.
 * Usage: npx tsx bench/preview-render.ts [vault folder] [runs]
 * Defaults: ../shared/vaults/enterprise, 21 runs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

async function main(): Promise<void> {
  const client = await LspClient.start({ workspaceFolders: [vault] });
  try {
    await client.waitForIndex(120000);
    const seedUri = fileUri(join(vault, 'techniques', 'Python (seed).md'));
    await client.open(seedUri, readFileSync(seed, 'utf8'));
    const group = largest(join(vault, 'groups'));
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
}

void main();
