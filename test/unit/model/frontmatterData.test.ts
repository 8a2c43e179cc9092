import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import matter from 'gray-matter';
import { locateFrontmatter, parseFrontmatter } from '../../../server/src/core/model/frontmatter';
import { LineIndex } from '../../../server/src/core/text/lineIndex';
import { itWithShared, sharedPath } from '../../support/sharedData';
import { markdownFilesUnder } from './modelTestSupport';

/**
 * Front matter of plain `key: text` lines is read without js-yaml (see `simpleMapping`); it must
 * give exactly what gray-matter gives.
 */
function ownData(text: string): unknown {
  const lines = new LineIndex(text);
  const block = locateFrontmatter(lines);
  return block ? parseFrontmatter(text, lines, block).data : undefined;
}

function grayMatterData(text: string): unknown {
  const lines = new LineIndex(text);
  const block = locateFrontmatter(lines);
  if (!block) return undefined;
  try {
    const data: unknown = matter(text.slice(0, lines.lineEnd(block.closeLine)), {
      excerpt: false,
    }).data;
    return data !== null && typeof data === 'object' && !Array.isArray(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

const LINES = [
  'alias: T1059.006',
  'alias: Contagious Interview, DEV#POPPER, TAG-121',
  'alias: APT28 #comment',
  'alias: a #b',
  'alias: a\t#b',
  'alias: null',
  'alias: True',
  'alias: Yes',
  'alias: no',
  'alias: off',
  'alias: x: y',
  'alias: 2024-01-01',
  'alias: .5',
  'alias: "quoted"',
  "alias: 'single'",
  'alias: A  ',
  'alias: Name / Other',
  'alias: Antivirus／Antimalware',
  'alias: a&b, c|d, e>f, g*h, i!j, k%l, m@n, o`p',
  'alias: [a, b]',
  'alias: {a: b}',
  'alias: ~',
  'alias: Infinity',
  'alias: .nan',
  'alias: 0x1F',
  'a-b_c: text',
  'key:text',
];

describe('front matter data: plain lines read directly agree with gray-matter', () => {
  it('on lines that look plain and lines that are not', () => {
    for (const line of LINES) {
      for (const text of [`---\n${line}\n---\n`, `---\ntitle: Note\n${line}\n---\n`]) {
        assert.deepEqual(ownData(text), grayMatterData(text), JSON.stringify(text));
      }
    }
  });

  for (const vault of ['enterprise', 'kb-dialect'] as const) {
    itWithShared(`on every note of the ${vault} vault`, vault, () => {
      const root = sharedPath(vault);
      const failures: string[] = [];
      for (const file of markdownFilesUnder(root)) {
        const text = readFileSync(file, 'utf8');
        if (JSON.stringify(ownData(text)) !== JSON.stringify(grayMatterData(text)))
          failures.push(relative(root, file));
      }
      assert.deepEqual(failures, []);
    });
  }
});
