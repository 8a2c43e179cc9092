/**
 * Parses every note of a vault with each block provider and prints the median total time.
 * Usage: npx tsx bench/parse-notes.ts [vault folder] [runs] [--json]
 * (default: ../shared/vaults/enterprise, 7 runs for fast, 3 for remark, which is much slower).
 * With --json (as `npm run bench` runs it) only the fast provider, the one the server uses, is
 * measured, and one line of JSON is printed: {"notes":N,"fastMs":N}.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseNote } from '../server/src/core/model/parseNote';
import { median } from './support/measure';
import { markdownFiles } from './support/vaults';

const json = process.argv.includes('--json');
const [folder, runCount] = process.argv.slice(2).filter((arg) => arg !== '--json');
const vault = resolve(folder ?? join(__dirname, '..', '..', 'shared', 'vaults', 'enterprise'));
const runs = Number(runCount ?? 7);
const notes = markdownFiles(vault).map((file) => ({
  uri: pathToFileURL(join(vault, file)).toString(),
  text: readFileSync(join(vault, file), 'utf8'),
}));
const megabytes = notes.reduce((sum, note) => sum + note.text.length, 0) / 1e6;
if (!json)
  console.log(`${notes.length} notes, ${megabytes.toFixed(1)} M characters, from ${vault}`);

for (const blocks of json ? (['fast'] as const) : (['fast', 'remark'] as const)) {
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
  if (json) console.log(JSON.stringify({ notes: notes.length, fastMs: total }));
  else {
    console.log(
      `${blocks.padEnd(6)} median ${total.toFixed(1)} ms total, ${((total / notes.length) * 1000).toFixed(0)} µs per note (${count} runs)`,
    );
  }
}
