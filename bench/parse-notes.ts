/**
 * Parses every note of a vault with each block provider and prints the median total time.
 * Usage: npx tsx bench/parse-notes.ts [vault folder] [runs]
 * (default: ../shared/vaults/enterprise, 7 runs for fast, 3 for remark, which is much slower).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseNote } from '../server/src/core/model/parseNote';

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

const vault = resolve(
  process.argv[2] ?? join(__dirname, '..', '..', 'shared', 'vaults', 'enterprise'),
);
const runs = Number(process.argv[3] ?? 7);
const notes = markdownFiles(vault).map((path) => ({
  uri: pathToFileURL(path).toString(),
  text: readFileSync(path, 'utf8'),
}));
const megabytes = notes.reduce((sum, note) => sum + note.text.length, 0) / 1e6;
console.log(`${notes.length} notes, ${megabytes.toFixed(1)} M characters, from ${vault}`);

for (const blocks of ['fast', 'remark'] as const) {
  const times: number[] = [];
  // Remark takes seconds per run; fewer runs give the same picture.
  const count = blocks === 'fast' ? runs : Math.min(runs, 3);
  for (let run = 0; run <= count; run++) {
    const start = performance.now();
    for (const note of notes) parseNote(note.text, note.uri, { blocks });
    // The first run warms up the JIT and is not counted.
    if (run > 0) times.push(performance.now() - start);
  }
  const total = median(times);
  console.log(
    `${blocks.padEnd(6)} median ${total.toFixed(1)} ms total, ${((total / notes.length) * 1000).toFixed(0)} µs per note (${count} runs)`,
  );
}
