import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import {
  renderPreview,
  type RenderedPreview,
} from '../../../server/src/core/features/preview/renderPreview';
import type { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { knowledgeBase } from '../completion/support';
import { memoryVault, noteUri } from '../support/memoryVault';

/**
 * Helpers for the preview tests: render a note of an in-memory vault, and read the HTML back the
 * way the webview's browser will, with parse5 (the HTML standard's parser, scripting enabled).
 */

export type HtmlNode = DefaultTreeAdapterMap['node'];
export type HtmlElement = DefaultTreeAdapterMap['element'];

export interface Rendered extends RenderedPreview {
  index: WorkspaceIndex;
  /** The HTML as a browser parses it. */
  dom: HtmlElement[];
}

/** Renders the note at `vaultPath` of a vault made of `files`. */
export function render(files: Record<string, string>, vaultPath: string): Rendered {
  const index = memoryVault(files);
  const indexed = index.get(noteUri(vaultPath));
  if (!indexed) throw new Error(`no note at ${vaultPath}`);
  const rendered = renderPreview(indexed.note, index, knowledgeBase());
  return { ...rendered, index, dom: elementsOf(parseFragment(rendered.html).childNodes) };
}

/** Renders a single note (at `notes/Test.md`) with the given text. */
export function renderText(text: string, others: Record<string, string> = {}): Rendered {
  return render({ ...others, 'notes/Test.md': text }, 'notes/Test.md');
}

function isElement(node: HtmlNode): node is HtmlElement {
  return 'tagName' in node;
}

function elementsOf(nodes: HtmlNode[]): HtmlElement[] {
  return nodes.filter(isElement);
}

/** Every element of the tree, in document order (including `<template>` contents). */
export function allElements(roots: HtmlElement[]): HtmlElement[] {
  const result: HtmlElement[] = [];
  const visit = (node: HtmlNode): void => {
    if (!isElement(node)) return;
    result.push(node);
    node.childNodes.forEach(visit);
    const content = (node as { content?: { childNodes: HtmlNode[] } }).content;
    content?.childNodes.forEach(visit);
  };
  roots.forEach(visit);
  return result;
}

export function attr(element: HtmlElement, name: string): string | undefined {
  return element.attrs.find((attribute) => attribute.name === name)?.value;
}

export function classes(element: HtmlElement): string[] {
  return (attr(element, 'class') ?? '').split(/\s+/).filter(Boolean);
}

export function textOf(node: HtmlNode): string {
  if ('value' in node && node.nodeName === '#text') return node.value;
  if ('childNodes' in node) return node.childNodes.map(textOf).join('');
  return '';
}

/** Elements matching a tag name and (optionally) all of the given classes. */
export function select(rendered: Rendered, tagName: string, ...wanted: string[]): HtmlElement[] {
  return allElements(rendered.dom).filter(
    (element) =>
      element.tagName === tagName && wanted.every((name) => classes(element).includes(name)),
  );
}

/** `{ line, tag, text }` of every element that carries `data-line`, for exact comparisons. */
export function dataLines(rendered: Rendered): Array<[number, string, string]> {
  return allElements(rendered.dom)
    .filter((element) => attr(element, 'data-line') !== undefined)
    .map((element) => [
      Number(attr(element, 'data-line')),
      element.tagName,
      textOf(element).trim().split('\n')[0].slice(0, 30),
    ]);
}

export { noteUri };

/** Classes the server writes; the note's own content can carry none. */
const SERVER_CLASSES = new Set([
  'note-card',
  'note-heading',
  'note-id',
  'note-kind',
  'note-name',
  'note-status',
  'status-revoked',
  'status-deprecated',
  'chips',
  'chip',
  'chip-tactic',
  'chip-platform',
  'wikilink',
  'broken',
  'ambiguous',
  'embed',
  'heading-missing',
  'candidates',
  'citation',
  'attack-id',
  'attack-page',
  'revoked',
  'deprecated',
  'image-link',
  'image-placeholder',
  'backlinks',
  'backlinks-empty',
  'preview-too-large',
  'callout',
  'callout-title',
]);

const SAFE_TAGS = new Set(
  (
    'a abbr b blockquote br caption code dd del details div dl dt em h1 h2 h3 h4 h5 h6 header hr ' +
    'i input ins kbd li mark ol p pre q rp rt ruby s samp section small span strike strong sub ' +
    'summary sup table tbody td tfoot th thead tr tt u ul var'
  ).split(' '),
);

const SAFE_ATTRIBUTES = new Set(
  (
    'href title id class lang dir align colspan rowspan scope start reversed open type disabled ' +
    'checked aria-describedby aria-label data-line data-note-uri data-line-target data-candidates'
  ).split(' '),
);

/**
 * What the webview's browser would see in the rendered HTML, checked against what may be there:
 * known tags and attributes only (no `on*`, `style`, `src`), links only to http(s), mailto and
 * fragments, the server's classes only, IDs prefixed, note URIs only of the vault's notes.
 * Returns the problems found (empty when safe), so a failure names every one of them.
 */
export function safetyProblems(rendered: Rendered): string[] {
  const problems: string[] = [];
  const noteUris = new Set([...rendered.index.notes()].map((note) => note.uri));
  for (const element of allElements(rendered.dom)) {
    const where = `<${element.tagName}>`;
    if (!SAFE_TAGS.has(element.tagName)) problems.push(`element ${where}`);
    for (const { name, value } of element.attrs) {
      if (!SAFE_ATTRIBUTES.has(name)) problems.push(`attribute ${name}="${value}" on ${where}`);
    }
    const href = attr(element, 'href');
    if (href !== undefined && !/^(?:https?:|mailto:|#)/i.test(href))
      problems.push(`href "${href}" on ${where}`);
    for (const name of classes(element)) {
      if (!SERVER_CLASSES.has(name)) problems.push(`class "${name}" on ${where}`);
    }
    const id = attr(element, 'id');
    if (id !== undefined && !/^(?:user-content-|ref-)/.test(id)) problems.push(`id "${id}"`);
    const uri = attr(element, 'data-note-uri');
    if (uri !== undefined && !noteUris.has(uri)) problems.push(`data-note-uri "${uri}"`);
    const candidates = attr(element, 'data-candidates');
    if (candidates !== undefined) {
      const list: unknown = JSON.parse(candidates);
      if (!Array.isArray(list) || list.some((item) => !noteUris.has(item as string)))
        problems.push(`data-candidates ${candidates}`);
    }
    const isWikilink = classes(element).includes('wikilink') && element.tagName === 'a';
    if ((uri !== undefined || candidates !== undefined) && !isWikilink)
      problems.push(`note link data on ${where}`);
    if (
      element.tagName === 'input' &&
      (attr(element, 'type') !== 'checkbox' || attr(element, 'disabled') === undefined)
    )
      problems.push('an enabled or non-checkbox input');
  }
  return problems;
}
