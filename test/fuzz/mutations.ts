import type { Random } from './random';

/**
 * The ways a fuzz case damages a real note. Each mutation takes the note's text and returns the
 * damaged text; `giant` ones build multi-megabyte or 100,000-character inputs and are drawn rarely
 * (they get a larger time bound).
 */
export interface Mutation {
  name: string;
  /** How often it is drawn, relative to the others. */
  weight: number;
  giant?: boolean;
  apply: (text: string, random: Random) => string;
}

/** A random offset in `text`, at a line start half of the time. */
function offsetIn(text: string, random: Random): number {
  if (text.length === 0) return 0;
  if (random.chance(0.5)) {
    const starts = lineStarts(text);
    return random.pick(starts);
  }
  return random.int(0, text.length);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function insertAt(text: string, offset: number, piece: string): string {
  return text.slice(0, offset) + piece + text.slice(offset);
}

function insertRandomly(text: string, random: Random, pieces: () => string, times: number): string {
  let result = text;
  for (let i = 0; i < times; i++) result = insertAt(result, offsetIn(result, random), pieces());
  return result;
}

/** Any UTF-16 code unit, control characters and lone surrogates included. */
function randomCodeUnit(random: Random): string {
  const ranges: [number, number][] = [
    [0, 0x1f],
    [0x20, 0x7e],
    [0x7f, 0x9f],
    [0xa0, 0x2fff],
    [0xd800, 0xdfff],
    [0xfff0, 0xffff],
  ];
  const [low, high] = random.pick(ranges);
  return String.fromCharCode(random.int(low, high));
}

/** What an editor holds after reading invalid UTF-8: replacement characters and Latin-1 bytes. */
function invalidUtf8(random: Random): string {
  const bytes = Buffer.alloc(random.int(1, 12));
  for (let i = 0; i < bytes.length; i++) bytes[i] = random.int(0x80, 0xff);
  return random.chance(0.5) ? bytes.toString('utf8') : bytes.toString('latin1');
}

const LINK_SHARDS = [
  '[[',
  ']]',
  '|',
  '\\|',
  '[[|]]',
  '[[#',
  '[[#^',
  '![[',
  '[[T1059',
  '[[Python|',
  '[[a]]]]',
  '[[[[x]]',
  '[[／]]',
  '| [[',
  '(Citation: ',
  '[^',
  '`',
  '```',
  '<!--',
  '<!-- attack-notes-disable ',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](command:workbench.action.terminal.new)',
  '## ',
  '# T1059.001 ',
  '\n| ID | Name |\n| --- |',
  'T1059.',
  'TA00',
  'M10',
  '---',
];

/** Front matter that js-yaml and the light scanner must survive. */
function brokenYaml(random: Random): string {
  const depth = random.int(3, 9);
  const laughs = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let level = 1; level <= depth; level++) {
    const previous = Array.from({ length: 9 }, () => `*lol${level - 1}`).join(', ');
    laughs.push(`lol${level}: &lol${level} [${previous}]`);
  }
  const key = random.pick(['aliases', 'alias', 'tags', 'tactic', 'tactics', 'platforms', 'id']);
  const variants = [
    `${laughs.join('\n')}\n${key}: *lol${depth}`,
    `${laughs.join('\n')}\n${key}:\n  - *lol${depth}\n  - *lol${depth - 1}`,
    `base: &base\n  ${key}: [T1059, T1059.001]\nother:\n  <<: *base\n${key}: *base`,
    `${key}: &a\n  - T1059\nagain: *a\nmissing: *nowhere`,
    `${key}:\n\t- T1059\n\t- tab indented`,
    `\t${key}: tab first`,
    `${key}: "unclosed`,
    `${key}: [T1059, [T1059.001, [`,
    `${key}: ${'['.repeat(random.int(50, 3000))}`,
    `${key}: ${'{a: '.repeat(random.int(50, 2000))}`,
    `${key}: !!binary aGVsbG8=\nwhen: 2024-13-45\nnum: 0x1F\nnull_key: ~`,
    `${key}: !!js/function "function () { return 1; }"`,
    `? [complex, key]\n: value\n${key}: ok`,
    `${key}: |\n  block\n    more\n  -`,
    `${key}: >-\n folded\n\n${key}: repeated`,
    `- a\n- list\n- not a mapping`,
    `just a scalar`,
    `${key}: ${'x'.repeat(random.int(1000, 20000))}`,
    Array.from({ length: random.int(100, 3000) }, (_, i) => `k${i}: v${i}`).join('\n'),
    `${key}: &x\n  deep: *x`,
    `%YAML 1.2\n---\n${key}: doc`,
    `${key}: T1059\n...\nafter: end`,
  ];
  return random.pick(variants);
}

function replaceFrontmatter(text: string, body: string): string {
  const match = /^\uFEFF?---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  const rest = match ? text.slice(match[0].length) : text;
  return `---\n${body}\n---\n${rest}`;
}

function lines(text: string): string[] {
  return text.split('\n');
}

function tableRows(count: number, random: Random): string {
  const rows = ['## Mitigations', '', '| ID | Name | Description |', '| --- | --- | --- |'];
  for (let i = 0; i < count; i++) {
    const id = `M${1000 + (i % 60)}`;
    const link = random.chance(0.5) ? `[[Execution Prevention\\|${id}]]` : `[[${id}]]`;
    rows.push(`| ${link} | Name ${i} | row ${i} ${random.chance(0.1) ? '|' : ''}|`);
  }
  return rows.join('\n');
}

function deepNesting(random: Random): string {
  const depth = random.int(200, 5000);
  switch (random.int(0, 5)) {
    case 0:
      return `${'> '.repeat(depth)}deep quote [[Python]] T1059`;
    case 1:
      return Array.from(
        { length: Math.min(depth, 2000) },
        (_, i) => `${'  '.repeat(i)}- item ${i}`,
      ).join('\n');
    case 2:
      return `${'*'.repeat(depth)}emphasis${'_'.repeat(depth)}`;
    case 3:
      return `${'['.repeat(depth)}link${']'.repeat(depth)}(x)`;
    case 4:
      return `${'<div>'.repeat(depth)}html`;
    default:
      return Array.from(
        { length: Math.min(depth, 2000) },
        (_, i) => `${'>'.repeat(i % 100)} - ${'1. '.repeat(i % 50)}x`,
      ).join('\n');
  }
}

function longLine(random: Random): string {
  const unit = random.pick([
    'a',
    'x ',
    '[[',
    '|',
    'T1059 ',
    '`',
    '*',
    '<',
    '\\',
    '[[Python]] ',
    '(Citation: a) ',
    '／',
  ]);
  return unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'truncate',
    weight: 6,
    apply: (text, random) => text.slice(0, random.int(0, text.length)),
  },
  {
    name: 'random-chars',
    weight: 6,
    apply: (text, random) =>
      insertRandomly(
        text,
        random,
        () => {
          let piece = '';
          for (let i = random.int(1, 24); i > 0; i--) piece += randomCodeUnit(random);
          return piece;
        },
        random.int(1, 6),
      ),
  },
  {
    name: 'nul',
    weight: 3,
    apply: (text, random) =>
      insertRandomly(text, random, () => '\0'.repeat(random.int(1, 4)), random.int(1, 8)),
  },
  {
    name: 'invalid-utf8',
    weight: 3,
    apply: (text, random) =>
      insertRandomly(text, random, () => invalidUtf8(random), random.int(1, 6)),
  },
  {
    name: 'bom',
    weight: 3,
    apply: (text, random) =>
      random.chance(0.6)
        ? '\uFEFF'.repeat(random.int(1, 2)) + text
        : insertAt(text, offsetIn(text, random), '\uFEFF'),
  },
  {
    name: 'line-endings',
    weight: 5,
    apply: (text, random) =>
      text.replace(/\r?\n/g, () => random.pick(['\n', '\r\n', '\r', '\n\r', '\r\r\n'])),
  },
  {
    name: 'delete-lines',
    weight: 5,
    apply: (text, random) => {
      const all = lines(text);
      const start = random.int(0, all.length - 1);
      all.splice(start, random.int(1, Math.max(1, Math.floor(all.length / 4))));
      return all.join('\n');
    },
  },
  {
    name: 'duplicate-lines',
    weight: 5,
    apply: (text, random) => {
      const all = lines(text);
      const start = random.int(0, all.length - 1);
      const block = all.slice(start, start + random.int(1, 8));
      const copies = random.int(1, 5);
      for (let i = 0; i < copies; i++) all.splice(random.int(0, all.length), 0, ...block);
      return all.join('\n');
    },
  },
  {
    name: 'link-shards',
    weight: 8,
    apply: (text, random) =>
      insertRandomly(text, random, () => random.pick(LINK_SHARDS), random.int(1, 10)),
  },
  {
    name: 'broken-yaml',
    weight: 6,
    apply: (text, random) => replaceFrontmatter(text, brokenYaml(random)),
  },
  {
    name: 'unclosed-frontmatter',
    weight: 2,
    apply: (text) => text.replace(/\n(---|\.\.\.)[ \t]*(\r?\n)/, '\n$2'),
  },
  {
    name: 'deep-nesting',
    weight: 2,
    apply: (text, random) => insertAt(text, offsetIn(text, random), `\n${deepNesting(random)}\n`),
  },
  {
    name: 'long-line',
    weight: 0.25,
    giant: true,
    apply: (text, random) => insertAt(text, offsetIn(text, random), `${longLine(random)}\n`),
  },
  {
    name: 'table-5000-rows',
    weight: 0.04,
    giant: true,
    apply: (text, random) => `${text}\n${tableRows(5000, random)}\n`,
  },
  {
    name: 'note-5mb',
    weight: 0.02,
    giant: true,
    apply: (text) => {
      const unit = text.length > 0 ? `${text}\n` : 'x\n';
      return unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length));
    },
  },
];

/** ATTACK_NOTES_FUZZ_NO_GIANTS=1 leaves the giant mutations out (to measure ordinary cases). */
const DRAWN = process.env.ATTACK_NOTES_FUZZ_NO_GIANTS
  ? MUTATIONS.filter((m) => !m.giant)
  : MUTATIONS;
const TOTAL_WEIGHT = DRAWN.reduce((sum, mutation) => sum + mutation.weight, 0);

function drawMutation(random: Random): Mutation {
  let roll = random.next() * TOTAL_WEIGHT;
  for (const mutation of DRAWN) {
    roll -= mutation.weight;
    if (roll < 0) return mutation;
  }
  return MUTATIONS[0];
}

export interface Mutated {
  text: string;
  /** The mutations applied, in order. */
  steps: string[];
  giant: boolean;
}

/** Characters of a long note a case keeps by default (see `excerpt`). */
export const EXCERPT_CHARACTERS = 3000;

/**
 * A long note's first lines (front matter, ID heading) and a random run of its other lines, about
 * {@link EXCERPT_CHARACTERS} in all: parsing and checking cost grows with the text, and the
 * mutations, not the note's length, are what a case tries (the giant ones bring length).
 */
export function excerpt(text: string, random: Random): string {
  if (text.length <= EXCERPT_CHARACTERS) return text;
  const all = text.split('\n');
  const head: string[] = [];
  let size = 0;
  let line = 0;
  for (; line < all.length && line < 8 && size < EXCERPT_CHARACTERS / 3; line++) {
    head.push(all[line]);
    size += all[line].length + 1;
  }
  const start = random.int(line, all.length - 1);
  const window: string[] = [];
  for (let at = start; at < all.length && size < EXCERPT_CHARACTERS; at++) {
    window.push(all[at]);
    size += all[at].length + 1;
  }
  return [...head, ...window].join('\n');
}

/** One to four mutations in a row; a giant one ends the row, so cases stay cheap to build. */
export function mutate(text: string, random: Random): Mutated {
  const steps: string[] = [];
  let result = text;
  let giant = false;
  const count = random.pick([1, 1, 1, 2, 2, 3, 4]);
  for (let i = 0; i < count; i++) {
    const mutation = drawMutation(random);
    result = mutation.apply(result, random);
    steps.push(mutation.name);
    if (mutation.giant) {
      giant = true;
      break;
    }
  }
  return { text: result, steps, giant };
}
