import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fastBlocks } from '../../../server/src/core/model/blocks/fastBlocks';
import { remarkBlocks } from '../../../server/src/core/model/blocks/remarkBlocks';
import { locateFrontmatter } from '../../../server/src/core/model/frontmatter';
import { parseNote } from '../../../server/src/core/model/parseNote';
import { LineIndex } from '../../../server/src/core/text/lineIndex';
import type { Note } from '../../../server/src/core/model/types';
import { itWithShared, sharedPath } from '../../support/sharedData';
import { markdownFilesUnder } from './modelTestSupport';
import { TRICKY_SNIPPETS } from './trickySnippets';

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
  const fast = parseNote(text, uri, { blocks: fastBlocks });
  const remark = parseNote(text, uri, { blocks: remarkBlocks });
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

  for (const vault of ['enterprise', 'kb-dialect'] as const) {
    itWithShared(`on every note of the ${vault} vault`, vault, function () {
      const folder = sharedPath(vault);
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
