import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fastBlocks } from '../../../server/src/core/model/blocks/fastBlocks';
import { remarkBlocks } from '../../../server/src/core/model/blocks/remarkBlocks';
import { locateFrontmatter } from '../../../server/src/core/model/frontmatter';
import { parseNote } from '../../../server/src/core/model/parseNote';
import { LineIndex } from '../../../server/src/core/text/lineIndex';
import type { Note } from '../../../server/src/core/model/types';
import { markdownFilesUnder, VAULTS } from './modelTestSupport';

/**
 * The fast line scanner must give exactly what remark (CommonMark + GFM) gives. Everything the
 * block structure feeds is compared: headings, sections, tables (cells and ranges), items,
 * wikilinks, citations, references and footnotes.
 */
const COMPARED = [
  'headings',
  'sections',
  'tables',
  'wikilinks',
  'citations',
  'references',
  'footnoteReferences',
  'footnoteDefinitions',
  'directives',
] as const;

/**
 * The parts of the model where the providers differ, as `part` names; `blocks.*` are the raw block
 * structures (code blocks and multi-line paragraphs included, which bound code spans).
 */
function disagreements(text: string, uri: string): string[] {
  const fast = parseNote(text, uri, { blocks: 'fast' });
  const remark = parseNote(text, uri, { blocks: 'remark' });
  const parts: string[] = COMPARED.filter((part) => !sameModelPart(fast, remark, part));
  const lines = new LineIndex(fast.text);
  const frontmatter = locateFrontmatter(lines);
  const input = {
    text: fast.text,
    lines,
    bodyStartLine: frontmatter ? frontmatter.closeLine + 1 : 0,
  };
  const fastStructure = fastBlocks(input);
  const remarkStructure = remarkBlocks(input);
  for (const key of ['codeBlocks', 'inlineRuns', 'bulletItems'] as const) {
    if (JSON.stringify(fastStructure[key]) !== JSON.stringify(remarkStructure[key])) {
      parts.push(`blocks.${key}`);
    }
  }
  return parts;
}

function sameModelPart(a: Note, b: Note, part: (typeof COMPARED)[number]): boolean {
  return JSON.stringify(a[part]) === JSON.stringify(b[part]);
}

// Shapes where a line scanner easily goes wrong; each also runs with CRLF line ends.
const TRICKY_SNIPPETS: string[] = [
  'para\n| a | b |\n| --- | --- |\n| 1 | 2 |\n',
  '| a | b |\n| --- | --- |\n| [[x\\|y]] |  | d |\nbar\n- item\n',
  'a|b\n-|-\n1|2|3\n\n',
  '# H1 #\n## H2 ##   \n### \\#x\n#nospace\n####### seven\n   # three spaces\n    # code\n',
  'Setext\n===\n\nTwo lines\nof heading\n---\n',
  '- a\n---\n- b\n\n***\n',
  '```\n# not heading\n- not item\n```\n~~~~\n| a |\n| - |\n~~~~\n',
  '<!--\n# hidden\n- hidden\n-->\n# shown\n',
  '<div>\n- not item\n\n- item\n',
  '> [!info]- References\n> [^1]: [Name](http://x)\n> - quoted item\n\n> # quoted heading\n',
  '- a\n  - nested\n    - deeper\n\n      para\n\n        code?\n- b\n',
  '1. one\n2. two\n   - bullet in ordered\n',
  'para\n2. not a list\n- list\n',
  'para\n    indented continuation\n\n    code\n    - not item\n',
  '* star\n+ plus\n- dash\n-\tTab\n',
  '- item\n\n  | a | b |\n  | - | - |\n  | 1 | 2 |\n',
  '[^1]: def\n    - foo\n\n[^2]: x\n- y\n',
  '- item\nlazy\n- item2\n> q\nlazy q\n- after\n',
  'text\n```\n- in fence\n',
  '## Heading\n| a |\n| - |\n# after\n| b |\n',
  '| a | `b|c` |\n| - | - | - |\n| 1 | 2 | 3 |\n',
  '| a | `b\\|c` |\n| - | - |\n| 1 | 2 |\n',
  '- a\n\n\n- b\n',
  '  - indented bullet\n   * three\n    - four\n',
  '#\n# \n##  #\n',
  '- # heading in item\n- ```\n  code\n  ```\n',
  '> quote\n```\ncode\n```\n',
  'Foo\n    ===\n',
  'Foo\n   ===\n',
  '| a |\n| --- |\n|b\\\\|c|\n| x \\| y |\n',
  '\t- tab item\n\t\tcode?\n',
  'text <!-- inline\n- item in comment?\n-->\n',
  '<details>\n<summary>x</summary>\n\n- item\n</details>\n',
  '- a\n    ```\n    code\n    ```\n- b\n',
  '> ```\n> # in quote fence\n> ```\n# out\n',
  '|a|\n|-|\n> quote ends table\n|c|\n',
  'x\n\n    code\n\n\n    more code\n# h\n',
  '1) paren\n   - inner\n10. ten\n',
  '- [ ] task\n- [x] done\n',
  'Title\n=\n\nText\n- \n',
  '---\nalias: T1\n---\ntext\n---\n',
  '- a\n - b\n  - c\n   - d\n    - e\n',
  '* * *\n- - -\n_ _ _\n',
  '<script>\n- no\n</script>\n- yes\n',
  '<custom-tag>\n- no\n\n- yes\n',
  'para\n<custom-tag>\n- yes\n',
  '- a\n| x | y |\n| - | - |\n',
  '- a\n  b | c\n  - | -\n  1 | 2\n',
  'p\n    | a |\n    | - |\n',
  '| a |\n| - |\n    | indented row |\nafter\n',
  '| a |\n| - |\n<div>\n',
  '| a |\n| - |\n[^1]: def\n',
  '| a |\n| - |\n1. one\n',
  '| a |\n| - |\n2. two\n',
  '| a |\n| - |\n-\n',
  '| a |\n| - |\n===\n',
  '- a\n\n  | x |\n  | - |\n  | 1 |\nlazy?\n',
  '> a\n> | x |\n> | - |\n',
  '## Ref\n- a: https://x.y\n- Microsoft: Foo: https://m.s/a\n- only name\n- Name:http://no-space\n',
  '[[a#h|al]] ![[emb.png]] [[a\\|b]] `[[code]]` (Citation: X Y) [^1] [^2]: not def\n[^3]: plain text https://u.rl\n',
  '- x\n\n      indented code in item\n\n  para\n',
  '```js\n```\n```\n# in unclosed\n',
  '  ```\n  code\n ```\n# h\n',
  '- item\n  ```\n  # in fence in item\n  ```\n# out\n',
  '- item\n  ```\n  fence\nclose list\n# h\n',
  'para\n```\nfence interrupts\n```\n',
  'para\n# heading interrupts\n',
  'x\n<!-- attack-notes-disable a b -->\n<!-- attack-notes-enable -->\n<!-- attack-notes-disable-next-line c,d -->\n',
  '   > indented quote\n    > four = code\n',
  '>\n> [!info]- References\n> [^7]: [Zscaler](https://z.com/a_(b))\n',
  'a\n***\nb\n___\n',
  '* a\n*b\n* * *\n',
  '- a\n-\n  b\n- c\n',
  'Foo\nbar\n---\nbaz\n',
  '- Foo\n---\n',
  '  Foo\n  ---\n',
  '- Foo\n  ---\n',
  '- Foo\n  bar\n  ===\n',
  // Found by fuzzing: lazy lines in quotes and list items, and micromark's reading after code.
  ' > - qitem\n\t- [[A\\|B]]\n',
  '- item\n2) two\n    ---\n',
  '2) two\n  <span>\n    ---\n',
  '+ item\n  text\n <span>\nReferences\n|x|\n\t---\n',
  '- item\n<div>\nx\n',
  '- item\n<span>\n  x\n',
  '> q\n<span>\nx\n',
  '> q\n2) x\n',
  '- item\n-\nx\n',
  '    code\n\n2) two\n',
  '    code\n-\nx\n',
  '    - - x\n2) two\n\t|x|\n---\n      ---\n',
  '#\n-\n\n    - # hi\n   -\n    | a | b |\n',
  '- # hi\n---\n > ```\n    > quote\n     </div>\n-\n',
  '     ## H2 ##\n>\n    ***\n-\n===\n',
  '   a | b\n\t\t- ```\n     # H\n    --|--\n--|--\n',
  '   -->\n\t\t| a | b |\n--|--\n   2) two\n ---\n',
  '- [[A\\|B]]\n===\n     - # hi\n      1. - x\n   2) two\n     ---\n',
  '   1. one\n</pre>\n     - [[A\\|B]]\n 2) two\n     ---\n',
  '`a\nb [[InSpan]]` [[Out]]\n\n| `x | [[Cell]]` |\n| - | - |\n',
];

describe('note model: fast and remark block providers agree', function () {
  it('on tricky Markdown snippets, with LF and CRLF line ends', () => {
    const failures: string[] = [];
    for (const snippet of TRICKY_SNIPPETS) {
      for (const text of [snippet, snippet.replace(/\n/g, '\r\n')]) {
        const parts = disagreements(text, 'file:///vault/snippet.md');
        if (parts.length > 0) failures.push(`${JSON.stringify(text)}: ${parts.join(', ')}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  for (const vault of ['enterprise', 'kb-dialect']) {
    it(`on every note of the ${vault} vault`, function () {
      const folder = join(VAULTS, vault);
      if (!existsSync(folder)) {
        console.log(`      (skipped: ${folder} is absent)`);
        this.skip();
      }
      // remark takes about 10 ms a note; the vaults hold some 900 notes each.
      this.timeout(600_000);
      const files = markdownFilesUnder(folder);
      assert.ok(files.length > 800, `expected the whole vault, found ${files.length} notes`);
      const failures: string[] = [];
      for (const file of files) {
        const parts = disagreements(readFileSync(file, 'utf8'), pathToFileURL(file).toString());
        if (parts.length > 0) failures.push(`${relative(folder, file)}: ${parts.join(', ')}`);
      }
      assert.deepEqual(failures, []);
    });
  }
});
