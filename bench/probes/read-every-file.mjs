// The floor: walk a vault and read every Markdown file as text, nothing else. Plain JavaScript run
// by node directly, so its wall time is comparable with `attack-notes check` (a node process too).
// Prints {"files":N,"bytes":N,"ms":N,"cpuMs":N}: ms is the time inside the process, cpuMs the CPU
// time of the whole process (Node's start included), comparable with the server's from /proc.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const started = performance.now();
let files = 0;
let bytes = 0;
const walk = (folder) => {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.(md|markdown)$/i.test(entry.name)) {
      bytes += readFileSync(full, 'utf8').length;
      files++;
    }
  }
};
walk(process.argv[2]);
const ms = performance.now() - started;
const cpu = process.cpuUsage();
console.log(JSON.stringify({ files, bytes, ms, cpuMs: (cpu.user + cpu.system) / 1000 }));
