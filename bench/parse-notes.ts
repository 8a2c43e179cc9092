/**
 * Parses every note of a vault with each block provider and prints the median total time.
 * Usage: npx tsx bench/parse-notes.ts [vault folder] [runs] [copies] [providers, e.g. fast]
 * Defaults: ../shared/vaults/enterprise, 7 runs (3 for remark, which is much slower), 1 copy;
 * `copies` parses every note that many times under different URIs, as a vault copied N times.
 * Wall time suffers when other processes share the CPU, so CPU time is printed as well.
 * With --json (as `npm run bench` runs it) only the fast provider, the one the server uses, is
 * measured and one line is printed: {"notes":N,"fastMs":N,"fastCpuMs":N}.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fastBlocks } from '../server/src/core/model/blocks/fastBlocks';
import { remarkBlocks } from '../server/src/core/model/blocks/remarkBlocks';
import { parseNote } from '../server/src/core/model/parseNote';

const PROVIDERS = { fast: fastBlocks, remark: remarkBlocks };

function markdownFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...markdownFiles(path));
    else if (entry.name.endsWith('.md')) files.push(path);
  }
  return files;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

const json = process.argv.includes('--json');
const args = process.argv.slice(2).filter((arg) => arg !== '--json');
const vault = resolve(args[0] ?? join(__dirname, '..', '..', 'shared', 'vaults', 'enterprise'));
const runs = Number(args[1] ?? 7);
const copies = Number(args[2] ?? 1);
const providers = (args[3] ?? 'fast,remark').split(',');
const notes = markdownFiles(vault).flatMap((path) => {
  const text = readFileSync(path, 'utf8');
  const uri = pathToFileURL(path).toString();
  return Array.from({ length: copies }, (_, copy) => ({ uri: `${uri}?copy=${copy}`, text }));
});
const megabytes = notes.reduce((sum, note) => sum + note.text.length, 0) / 1e6;
if (!json)
  console.log(`${notes.length} notes, ${megabytes.toFixed(1)} M characters, from ${vault}`);

for (const blocks of json ? (['fast'] as const) : (['fast', 'remark'] as const)) {
  if (!json && !providers.includes(blocks)) continue;
  const wall: number[] = [];
  const cpu: number[] = [];
  const count = blocks === 'fast' ? runs : Math.min(runs, 3);
  for (let run = 0; run <= count; run++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    for (const note of notes) parseNote(note.text, note.uri, { blocks: PROVIDERS[blocks] });
    const usage = process.cpuUsage(startCpu);
    // The first run warms up the JIT and is not counted.
    if (run === 0) continue;
    wall.push(performance.now() - start);
    cpu.push((usage.user + usage.system) / 1000);
  }
  const perNote = (total: number): string =>
    `${((total / notes.length) * 1000).toFixed(0)} µs/note`;
  if (json) {
    console.log(
      JSON.stringify({ notes: notes.length, fastMs: median(wall), fastCpuMs: median(cpu) }),
    );
    continue;
  }
  console.log(
    `${blocks.padEnd(6)} median wall ${median(wall).toFixed(1)} ms (${perNote(median(wall))}), ` +
      `median CPU ${median(cpu).toFixed(1)} ms (${perNote(median(cpu))}), ` +
      `best wall ${Math.min(...wall).toFixed(1)} ms, ${count} runs`,
  );
}
