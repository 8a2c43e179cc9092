import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A vault with mistakes seeded on purpose, for the "no lost text" tests: every kind of mistake a
 * quick fix handles, in notes written with LF, CRLF and mixed line breaks, with and without a
 * byte order mark. Notes are read from a folder of real notes (examples/vault, or a part of the
 * shared enterprise vault), the seeds are small text changes made on the LF text, and then each
 * note gets its line-break style. The result is a map of vault path → text, written to disk by
 * protocol tests and indexed in memory by unit tests.
 */

export type LineBreakStyle = 'lf' | 'crlf' | 'mixed';

export interface NoteStyle {
  lineBreaks: LineBreakStyle;
  bom: boolean;
}

/** The six styles, given to notes in turn. */
export const STYLES: readonly NoteStyle[] = [
  { lineBreaks: 'crlf', bom: true },
  { lineBreaks: 'lf', bom: false },
  { lineBreaks: 'mixed', bom: false },
  { lineBreaks: 'crlf', bom: false },
  { lineBreaks: 'mixed', bom: true },
  { lineBreaks: 'lf', bom: true },
];

/** One kind of mistake: a change of an LF note's text, or undefined when the note has no place. */
export interface Seed {
  /** The rule whose finding the mistake brings. */
  rule: string;
  apply(text: string, vaultPath: string): string | undefined;
}

const TABLE_ROW = /^\|.*\|\s*$/;
const SEPARATOR_ROW = /^\|(\s*:?-+:?\s*\|)+\s*$/;

/** The data rows of the table in the section `heading` (by line index), or []. */
function tableRowsUnder(lines: string[], heading: RegExp): number[] {
  const start = lines.findIndex((line) => heading.test(line));
  if (start === -1) return [];
  const rows: number[] = [];
  for (let i = start + 1; i < lines.length && !/^#{1,6} /.test(lines[i]); i++) {
    if (
      TABLE_ROW.test(lines[i]) &&
      !SEPARATOR_ROW.test(lines[i]) &&
      SEPARATOR_ROW.test(lines[i - 1] ?? '')
    )
      rows.push(i);
    else if (TABLE_ROW.test(lines[i]) && rows.length > 0 && rows[rows.length - 1] === i - 1)
      rows.push(i);
  }
  return rows;
}

const MITIGATIONS = /^#{2,4} Mitigations\s*$/;

function editLines(text: string, change: (lines: string[]) => boolean): string | undefined {
  const lines = text.split('\n');
  return change(lines) ? lines.join('\n') : undefined;
}

function sectionItems(lines: string[], heading: RegExp): number[] {
  const start = lines.findIndex((line) => heading.test(line));
  if (start === -1) return [];
  const items: number[] = [];
  for (let i = start + 1; i < lines.length && !/^#{1,6} /.test(lines[i]); i++)
    if (/^- /.test(lines[i])) items.push(i);
  return items;
}

/**
 * The seeds, each a mistake of a technique note in the seed format (the enterprise vault's and
 * examples/vault's layout). Which seeds a note gets is decided by `seedVault`.
 */
export const TECHNIQUE_SEEDS: readonly Seed[] = [
  {
    rule: 'table-unescaped-pipe',
    apply: (text) =>
      editLines(text, (lines) => {
        const row = tableRowsUnder(lines, MITIGATIONS).find((i) => lines[i].includes('\\|'));
        if (row === undefined) return false;
        lines[row] = lines[row].replace('\\|', '|');
        return true;
      }),
  },
  {
    rule: 'mitigation-name-mismatch',
    apply: (text) =>
      editLines(text, (lines) => {
        const row = tableRowsUnder(lines, MITIGATIONS).at(-1);
        if (row === undefined) return false;
        const cells = lines[row].split(' | ');
        if (cells.length < 3 || cells[1].length < 4) return false;
        cells[1] = `${cells[1]}s`;
        lines[row] = cells.join(' | ');
        return true;
      }),
  },
  {
    rule: 'mitigation-duplicate',
    apply: (text) =>
      editLines(text, (lines) => {
        // A row with an escaped alias that the other seeds leave alone (they take the first
        // and the last rows).
        const rows = tableRowsUnder(lines, MITIGATIONS);
        const row = rows.slice(1, -1).find((i) => lines[i].includes('\\|'));
        if (row === undefined) return false;
        lines.splice(row + 1, 0, lines[row]);
        return true;
      }),
  },
  {
    rule: 'mitigation-missing',
    apply: (text) =>
      editLines(text, (lines) => {
        // A row that the other seeds leave alone: intact, once in the table, not the last.
        const rows = tableRowsUnder(lines, MITIGATIONS);
        const row = rows
          .slice(0, -1)
          .filter((i) => lines[i].includes('\\|'))
          .filter((i) => rows.filter((j) => lines[j] === lines[i]).length === 1)
          .at(-1);
        if (row === undefined) return false;
        lines.splice(row, 1);
        return true;
      }),
  },
  {
    rule: 'link-broken',
    apply: (text) =>
      editLines(text, (lines) => {
        const item = sectionItems(lines, /^#{2,4} Tactics?\s*$/)[0];
        const match = item === undefined ? null : /\[\[([^\]|\\#]{5,})/.exec(lines[item]);
        if (item === undefined || !match) return false;
        const target = match[1];
        const cut = Math.floor(target.length / 2);
        lines[item] = lines[item].replace(target, target.slice(0, cut) + target.slice(cut + 1));
        return true;
      }),
  },
  {
    rule: 'tactic-id-mismatch',
    apply: (text) =>
      editLines(text, (lines) => {
        // The last of several tactic lines (link-broken takes the first).
        const items = sectionItems(lines, /^#{2,4} Tactics?\s*$/);
        const item = items.length > 1 ? items[items.length - 1] : undefined;
        if (item === undefined || !/\(TA\d{4}\)/.test(lines[item])) return false;
        const other = lines[item].includes('(TA0005)') ? 'TA0007' : 'TA0005';
        lines[item] = lines[item].replace(/\(TA\d{4}\)/, `(${other})`);
        return true;
      }),
  },
  {
    rule: 'id-malformed',
    apply: (text) =>
      editLines(text, (lines) => {
        const heading = lines.findIndex((line) => /^## T\d{4}/.test(line));
        if (heading === -1) return false;
        lines[heading] = lines[heading].replace('## T', '## t');
        return true;
      }),
  },
  {
    rule: 'heading-id-mismatch',
    apply: (text) =>
      editLines(text, (lines) => {
        const heading = lines.findIndex((line) => /^## T\d{4}(\.\d{3})?\s*$/.test(line));
        if (heading === -1) return false;
        // Another technique's ID: the next number up.
        lines[heading] = lines[heading].replace(
          /(\d{4})(\.\d{3})?/,
          (_id, main: string, sub?: string) =>
            sub
              ? `${main}.${String(Number(sub.slice(1)) + 1).padStart(3, '0')}`
              : String(Number(main) + 1),
        );
        return true;
      }),
  },
  {
    rule: 'platform-unknown',
    apply: (text) =>
      editLines(text, (lines) => {
        const item = sectionItems(lines, /^#{2,4} Platforms\s*$/).find((i) =>
          /^- [A-Za-z]{5,}$/.test(lines[i]),
        );
        if (item === undefined) return false;
        lines[item] = lines[item].slice(0, -2) + lines[item].slice(-1);
        return true;
      }),
  },
  {
    rule: 'attack-drift',
    apply: (text) =>
      editLines(text, (lines) => {
        // The last platform (platform-unknown misspells the first).
        const items = sectionItems(lines, /^#{2,4} Platforms\s*$/);
        if (items.length < 2) return false;
        lines.splice(items[items.length - 1], 1);
        return true;
      }),
  },
  {
    rule: 'reference-attack-url',
    apply: (text) =>
      editLines(text, (lines) => {
        const line = lines.findIndex((l) =>
          /^- mitre-attack: https:\/\/attack\.mitre\.org\//.test(l),
        );
        if (line === -1) return false;
        lines[line] = lines[line].replace(
          /\d(\/?)$/,
          (digit, slash: string) =>
            `${digit[0] === '9' ? '8' : String(Number(digit[0]) + 1)}${slash}`,
        );
        return true;
      }),
  },
  {
    rule: 'citation-undefined',
    apply: (text) =>
      editLines(text, (lines) => {
        const heading = lines.findIndex((line) => /^## /.test(line));
        const paragraph = lines.findIndex((line, i) => i > heading && /^[A-Z]/.test(line));
        if (heading === -1 || paragraph === -1) return false;
        lines[paragraph] = `${lines[paragraph]}(Citation: Nobody 2020)`;
        return true;
      }),
  },
  {
    rule: 'link-heading-broken',
    apply: (text) =>
      editLines(text, (lines) => {
        const item = sectionItems(lines, /^#{2,4} Tactics?\s*$/)[0];
        const match = item === undefined ? null : /\[\[([^\]|\\#]+)/.exec(lines[item]);
        const heading = lines.findIndex((line) => /^## /.test(line));
        const paragraph = lines.findIndex((line, i) => i > heading && /^[A-Z]/.test(line));
        if (!match || paragraph === -1) return false;
        lines.splice(paragraph + 1, 0, '', `See also [[${match[1]}#Referencs]].`);
        return true;
      }),
  },
  {
    rule: 'section-missing',
    apply: (text) =>
      editLines(text, (lines) => {
        const start = lines.findIndex((line) => /^#{2,4} Platforms\s*$/.test(line));
        if (start === -1) return false;
        let end = start + 1;
        while (end < lines.length && !/^#{1,6} /.test(lines[end])) end++;
        lines.splice(start, end - start);
        return true;
      }),
  },
];

/** A note's LF text in a style: CRLF, or LF and CRLF by turns (mixed), and a BOM. */
export function styled(text: string, style: NoteStyle): string {
  const lines = text.split('\n');
  let body: string;
  if (style.lineBreaks === 'lf') body = text;
  else if (style.lineBreaks === 'crlf') body = lines.join('\r\n');
  else
    body = lines
      .map((line, i) => (i === lines.length - 1 ? line : line + (i % 2 === 0 ? '\r\n' : '\n')))
      .join('');
  return (style.bom ? '\uFEFF' : '') + body;
}

/** The Markdown notes of a folder, by vault path (`/`-separated), as LF text. */
export function readVault(root: string, include: (vaultPath: string) => boolean = () => true) {
  const notes: Record<string, string> = {};
  const walk = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const full = path.join(folder, name);
      const vaultPath = prefix ? `${prefix}/${name}` : name;
      if (statSync(full).isDirectory()) walk(full, vaultPath);
      else if (name.endsWith('.md') && include(vaultPath))
        notes[vaultPath] = readFileSync(full, 'utf8')
          .replace(/^\uFEFF/, '')
          .replace(/\r\n?/g, '\n');
    }
  };
  walk(root, '');
  return notes;
}

export interface SeededVault {
  /** Vault path → text as it is to be written (styled). */
  files: Record<string, string>;
  /** Vault path → the rules seeded in it. */
  seeded: Record<string, string[]>;
}

/**
 * Seeds the technique notes of `notes` (those with a `## T…` heading), each with up to
 * `perNote` seeds taken in turn from TECHNIQUE_SEEDS (a seed that finds no place in a note is
 * tried on the next), plus a link-ambiguous pair: two notes of one name in different folders and
 * a link to that name. Every note then gets a style from STYLES in turn.
 */
export function seedVault(notes: Record<string, string>, perNote = 4): SeededVault {
  const files: Record<string, string> = { ...notes };
  const seeded: Record<string, string[]> = {};
  const techniques = Object.keys(notes).filter((p) => /^## T\d{4}/m.test(notes[p]));
  // Seeds wait in a queue: a note takes the first ones that find a place in it, and those go to
  // the back, so a seed that did not fit one note comes first for the next.
  const queue = [...TECHNIQUE_SEEDS];
  for (const vaultPath of techniques) {
    let text = files[vaultPath];
    const taken: Seed[] = [];
    for (const seed of queue) {
      if (taken.length === perNote) break;
      const changed = seed.apply(text, vaultPath);
      if (changed === undefined) continue;
      text = changed;
      taken.push(seed);
      (seeded[vaultPath] ??= []).push(seed.rule);
    }
    for (const seed of taken) queue.push(...queue.splice(queue.indexOf(seed), 1));
    files[vaultPath] = text;
  }
  // IDs in a table of a note of the team's own (no ATT&CK ID, so not a mapping table): a revoked
  // one, and an unknown one whose Name names a technique.
  const other = Object.keys(notes).find(
    (p) => !/^## [A-Z]+\d{4}/m.test(notes[p]) && /^\| ID \| Name \|/m.test(notes[p]),
  );
  if (other) {
    files[other] = editLines(files[other], (lines) => {
      const header = lines.findIndex((line) => /^\| ID \| Name \|/.test(line));
      let end = header + 2;
      while (end < lines.length && TABLE_ROW.test(lines[end])) end++;
      lines.splice(
        end,
        0,
        '| T1086 | PowerShell | Watch script logs. |',
        '| T1999 | Brute Force | Count failed logons. |',
      );
      return true;
    })!;
    seeded[other] = ['id-revoked', 'id-unknown'];
  }
  // Two notes named Playbook; a note linking to the name is then ambiguous.
  files['notes/Playbook.md'] = '# Playbook\n\nWhat the team does first.\n';
  files['archive/Playbook.md'] = '# Playbook\n\nThe old version.\n';
  const linker = techniques[0];
  if (linker) {
    files[linker] = `${files[linker].replace(/\n*$/, '')}\n\nOur response: [[Playbook]].\n`;
    (seeded[linker] ??= []).push('link-ambiguous');
  }
  const styledFiles: Record<string, string> = {};
  Object.keys(files)
    .sort()
    .forEach((vaultPath, i) => {
      styledFiles[vaultPath] = styled(files[vaultPath], STYLES[i % STYLES.length]);
    });
  return { files: styledFiles, seeded };
}
