import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** How the soak test runs: how many edits, how many per didChange, how often memory is read. */
export interface SoakPlan {
  edits: number;
  batch: number;
  sampleEvery: number;
}

/**
 * The plan from the environment: ATTACK_NOTES_SOAK_EDITS (20,000) and ATTACK_NOTES_SOAK_BATCH
 * (edits sent before waiting for diagnostics). `npm run test:soak` (the `npm test` layer) sends
 * DEFAULT_BATCH at a time to fit CI's time; `npm run test:soak:full` waits for each edit's.
 */
export function soakPlan(env: NodeJS.ProcessEnv): SoakPlan {
  const edits = positive(env.ATTACK_NOTES_SOAK_EDITS) ?? 20_000;
  const batch = positive(env.ATTACK_NOTES_SOAK_BATCH) ?? DEFAULT_BATCH;
  if (edits % 10 !== 0 || edits % batch !== 0) {
    throw new Error(`ATTACK_NOTES_SOAK_EDITS (${edits}) must be a multiple of 10 and of the batch`);
  }
  return { edits, batch, sampleEvery: Math.max(batch, 50) };
}

/**
 * Edits sent back to back in `npm test`, each its own didChange that the server applies and
 * indexes, as when keystrokes come faster than the checks; the last one's diagnostics are awaited
 * (the server checks most others too, when its zero-delay timer runs between them: ~11,500 of
 * 20,000). Measured on the shared 2-core machine under load: one at a time 56-126 s, two 28-42 s.
 * Not more: the fewer edits are checked, the less each allocates, and V8 then takes longer to
 * reach the heap size it settles at (its old generation grows until the first full collections;
 * nothing stays live: see the CHANGELOG), which moved into the measured windows at four (+19 MB)
 * and ten (+12 to +18 MB) per round trip against -14 to +8 MB at one and two.
 */
export const DEFAULT_BATCH = 2;

function positive(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return value !== undefined && Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}

/**
 * `count` successive texts of a note as someone types: a line below the first paragraph is typed
 * one character per edit and deleted again, each cycle's line naming its own number (so no two
 * cycles repeat a text), with links and IDs that are broken, then whole, on the way. The last
 * edits type `Final T1059.006 [[Audi]] [[Exe`: a broken link and a half-typed one, so that the final text has something to
 * report and to complete.
 */
export function typingSession(original: string, count: number): string[] {
  const lineBreak = original.includes('\r\n') ? '\r\n' : '\n';
  const lines = original.split(lineBreak);
  // After the first paragraph below the ID heading.
  const heading = lines.findIndex((line) => line.startsWith('## '));
  const at = lines.findIndex((line, i) => i > heading + 1 && line.trim() !== '') + 1;
  const withLine = (typed: string) =>
    [...lines.slice(0, at), typed, ...lines.slice(at)].join(lineBreak);

  const finale = FINAL_LINE;
  const texts: string[] = [];
  for (let cycle = 1; texts.length < count - finale.length; cycle++) {
    const phrase = `Case ${cycle}: [[Execution]] via T1059.006, see [[Audit|M1047]] and T1059.`;
    for (let n = 1; n <= phrase.length && texts.length < count - finale.length; n++)
      texts.push(withLine(phrase.slice(0, n)));
    for (let n = phrase.length - 1; n >= 0 && texts.length < count - finale.length; n--)
      texts.push(withLine(phrase.slice(0, n)));
  }
  for (let n = 1; n <= finale.length; n++) texts.push(withLine(finale.slice(0, n)));
  return texts;
}

/** The line the soak's last edits leave: an ID to hover and a link half typed. */
export const FINAL_LINE = 'Final T1059.006 [[Audi]] [[Exe';

/** A process's resident set in bytes (Linux: /proc; elsewhere `ps`). */
export function residentBytes(pid: number): number {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(status, 'utf8'));
    if (match) return Number(match[1]) * 1024;
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' })) * 1024;
}
