import type { Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { PREVIEW_SANITIZE_SCHEMA } from './sanitizeSchema';

/**
 * The unified half of the preview renderer: Markdown (GFM) to a sanitised HTML tree, and a tree to
 * HTML text. It is the only preview module that imports unified, remark and rehype, and it is
 * loaded on the first preview only (`loadPipeline.ts`; the build makes it a file of its own,
 * `dist/preview-pipeline.js`), so the server's startup never pays for them.
 */

const toTree = unified()
  .use(remarkParse)
  .use(remarkGfm)
  // Raw HTML is kept so that rehype-raw parses it into real elements, which the sanitiser then
  // judges one by one (rather than as opaque strings). Footnote IDs are left unprefixed here:
  // the sanitiser prefixes every ID once (`user-content-`), and `annotate.ts` points the
  // footnotes' `#` links at the prefixed IDs.
  .use(remarkRehype, { allowDangerousHtml: true, clobberPrefix: '' })
  .use(rehypeRaw)
  // Last step that can add HTML from the note: everything after it is the server's own.
  .use(rehypeSanitize, PREVIEW_SANITIZE_SCHEMA)
  .freeze();

const toText = unified().use(rehypeStringify).freeze();

/** The note's Markdown as a sanitised HTML tree, with source positions on its nodes. */
export function markdownToSafeTree(markdown: string): Root {
  return toTree.runSync(toTree.parse(markdown)) as Root;
}

/** Serialises a tree (the sanitised note plus the server's annotations) to HTML. */
export function treeToHtml(tree: Root): string {
  return toText.stringify(tree);
}
