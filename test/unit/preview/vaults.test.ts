import { strict as assert } from 'node:assert';
import { parseFragment } from 'parse5';
import { renderPreview } from '../../../server/src/core/features/preview/renderPreview';
import { splitsTableCell } from '../../../server/src/core/features/preview/sourceMarkers';
import type { Note } from '../../../server/src/core/model/types';
import { enterpriseRoot, kbDialectRoot, knowledgeBase, realVault } from '../completion/support';
import {
  allElements,
  attr,
  classes,
  safetyProblems,
  type HtmlElement,
  type HtmlNode,
} from './support';
import { itWithShared } from '../../support/sharedData';

/**
 * The renderer over real notes of both shared vaults (every 40th note, plus the largest; a run over all 1,773 notes found the same): it
 * never throws, its output is safe, every wikilink of the model is a link (save those GFM splits
 * or drops with a row's cells), and `data-line` only grows down the page.
 */

const STRIDE = 40;

/** Wikilinks below the front matter, less those in table cells beyond the header's count. */
function renderedLinkCount(note: Note): number {
  const frontmatterEnd = note.frontmatter ? note.frontmatter.range.end.line : -1;
  return note.wikilinks.filter((link) => {
    if (link.range.start.line <= frontmatterEnd || splitsTableCell(link)) return false;
    const table = note.tables.find(
      (candidate) =>
        candidate.range.start.line <= link.range.start.line &&
        link.range.start.line <= candidate.range.end.line,
    );
    const row = table?.rows.find(
      (candidate) => candidate.range.start.line === link.range.start.line,
    );
    if (!table || !row) return true;
    const cell = row.cells.findIndex(
      (candidate) =>
        candidate.range.start.character <= link.range.start.character &&
        link.range.start.character <= candidate.range.end.character,
    );
    return cell < table.header.cells.length;
  }).length;
}

function within(container: HtmlElement, tagName: string, className: string): HtmlElement[] {
  return allElements(
    allElements([container]).filter(
      (element) => element.tagName === tagName && classes(element).includes(className),
    ),
  ).filter((element) => element.tagName === 'a');
}

for (const [name, root] of [
  ['enterprise', enterpriseRoot],
  ['kb-dialect', kbDialectRoot],
] as const) {
  describe(`preview: every ${STRIDE}th note of the ${name} vault`, function () {
    this.timeout(120000);

    itWithShared('renders safely, with every wikilink and ordered data-line', name, async () => {
      const index = await realVault(root);
      const notes = [...index.notes()].sort((a, b) => a.vaultPath.localeCompare(b.vaultPath));
      const largest = notes.reduce((a, b) => (a.text.length >= b.text.length ? a : b));
      const sample = [...notes.filter((_, i) => i % STRIDE === 0), largest];
      for (const indexed of sample) {
        const note = indexed.note;
        const rendered = renderPreview(note, index, knowledgeBase());
        const dom = parseFragment(rendered.html).childNodes.filter(
          (node: HtmlNode): node is HtmlElement => 'tagName' in node,
        );
        const where = indexed.vaultPath;
        assert.deepEqual(safetyProblems({ ...rendered, index, dom }), [], where);
        const elements = allElements(dom);
        const links = elements.filter((e) => e.tagName === 'a' && classes(e).includes('wikilink'));
        const candidates = elements.flatMap((e) => within(e, 'span', 'candidates'));
        const backlinks = elements.flatMap((e) => within(e, 'section', 'backlinks'));
        assert.equal(
          links.length - candidates.length - backlinks.length,
          renderedLinkCount(note),
          `wikilinks of ${where}`,
        );
        const lines = elements
          .map((element) => attr(element, 'data-line'))
          .filter((line) => line !== undefined)
          .map(Number);
        for (let i = 1; i < lines.length; i++) {
          assert.ok(
            lines[i] >= lines[i - 1],
            `data-line ${lines[i]} after ${lines[i - 1]} in ${where}`,
          );
          assert.ok(
            lines[i] < rendered.lineCount,
            `data-line ${lines[i]} past the end of ${where}`,
          );
        }
      }
    });
  });
}
