import type { Element, ElementContent, Properties, Root } from 'hast';
import type { VaultIndex } from '../../index/types';
import type { KnowledgeBase } from '../../kb/types';
import type { Citation, Note } from '../../model/types';
import { attackPage, attackPageLink, linkAttackIds } from './attackIds';
import { isAttackId } from '../../kb/names';
import { calloutOf } from './callouts';
import type { CitationTargets } from './citations';
import { element, text } from './hast';
import { MARKER_OPEN, MARKER_PATTERN, type Mark, type PreparedSource } from './sourceMarkers';
import { linkLabel, wikilinkElements } from './wikilinks';

/**
 * The server's own annotations, added to the tree after sanitising, so nothing in the note can
 * produce or forge them: `data-line` on blocks and table rows, wikilinks and citations in place of
 * their markers, ATT&CK IDs linked, reference lines given their anchor IDs. It also finishes what
 * the sanitiser leaves to the server: images become links (the preview loads nothing remote),
 * relative links lose their `href`, and `#` links follow the sanitiser's ID prefix.
 */

export interface AnnotateContext {
  note: Note;
  index: VaultIndex;
  kb: KnowledgeBase;
  source: PreparedSource;
  citations: CitationTargets;
}

/** Elements that carry `data-line` (when they come from the note's source). */
const LINE_TAGGED = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'table',
  'tr',
  'hr',
  'div',
  'details',
  'summary',
  'dl',
  'dt',
  'dd',
  'section',
]);

/** Where ATT&CK IDs stay plain text. */
const LITERAL_TAGS = new Set(['code', 'pre', 'kbd', 'samp']);

const USER_ID_PREFIX = 'user-content-';
const SAFE_HREF = /^(?:https?:|mailto:)/i;

interface Flags {
  /** Inside an `<a>`: links cannot nest, so marks become plain text. */
  inAnchor: boolean;
  /** Inside code: IDs are not linked. */
  literal: boolean;
  /** Inside content Markdown generated away from its source (the footnotes section). */
  displaced: boolean;
}

export function annotate(tree: Root, context: AnnotateContext): void {
  const annotator = new Annotator(context);
  // After sanitising, the root holds only elements and text (no comments, no doctype).
  tree.children = annotator.nodes(tree.children as ElementContent[], {
    inAnchor: false,
    literal: false,
    displaced: false,
  });
  annotator.finish();
}

class Annotator {
  private readonly ids = new Set<string>();
  private readonly fragmentLinks: Element[] = [];
  private readonly footnoteCitations: Array<{ anchor: Element; line: number }> = [];
  private readonly listItemIds = new Map<number, string>();

  constructor(private readonly context: AnnotateContext) {}

  nodes(nodes: ElementContent[], flags: Flags): ElementContent[] {
    const result: ElementContent[] = [];
    for (const node of nodes) {
      if (node.type === 'text') result.push(...this.text(node.value, flags));
      else if (node.type === 'element') result.push(this.element(node, flags));
    }
    return result;
  }

  /** Points citations of footnote sources and `#` links at the IDs the tree ended up with. */
  finish(): void {
    for (const { anchor, line } of this.footnoteCitations) {
      const id = this.listItemIds.get(line);
      if (id) anchor.properties.href = `#${id}`;
      else markBroken(anchor);
    }
    for (const anchor of this.fragmentLinks) {
      const fragment = String(anchor.properties.href).slice(1);
      if (!this.ids.has(fragment) && this.ids.has(USER_ID_PREFIX + fragment))
        anchor.properties.href = `#${USER_ID_PREFIX}${fragment}`;
    }
  }

  private element(original: Element, flags: Flags): ElementContent {
    const node = (original.tagName === 'blockquote' && calloutOf(original)) || original;
    this.restoreMarkersIn(node.properties);
    if (node.tagName === 'img') return imageLink(node.properties, flags.inAnchor);
    const line = node.position ? node.position.start.line - 1 : undefined;
    // Markdown moves footnotes into a section of its own at the end (the one element it makes
    // without a source position); lines there would run backwards.
    const displaced = flags.displaced || (line === undefined && node.tagName === 'section');
    if (LINE_TAGGED.has(node.tagName) && !displaced && line !== undefined)
      node.properties.dataLine = line;
    if (node.tagName === 'li' && line !== undefined) this.listItem(node, line);
    if (node.tagName === 'a') this.anchor(node);
    if (typeof node.properties.id === 'string') this.ids.add(node.properties.id);
    node.children = this.nodes(node.children, {
      inAnchor: flags.inAnchor || node.tagName === 'a',
      literal: flags.literal || LITERAL_TAGS.has(node.tagName),
      displaced,
    });
    return node;
  }

  private listItem(node: Element, line: number): void {
    const referenceId = this.context.citations.referenceIds.get(line);
    if (referenceId && node.properties.id === undefined) node.properties.id = referenceId;
    if (typeof node.properties.id === 'string') this.listItemIds.set(line, node.properties.id);
  }

  private anchor(node: Element): void {
    const href = node.properties.href;
    if (typeof href !== 'string') return;
    if (href.startsWith('#')) this.fragmentLinks.push(node);
    // The sanitiser lets relative URLs through; in the webview they would navigate it.
    else if (!SAFE_HREF.test(href)) delete node.properties.href;
  }

  private text(value: string, flags: Flags): ElementContent[] {
    if (!value.includes(MARKER_OPEN)) return this.plain(value, flags);
    const result: ElementContent[] = [];
    let copied = 0;
    for (const match of value.matchAll(MARKER_PATTERN)) {
      const mark = this.context.source.marks[Number(match[1])];
      if (!mark) continue;
      result.push(...this.plain(value.slice(copied, match.index), flags));
      result.push(...this.mark(mark, Number(match[1]), flags));
      copied = match.index + match[0].length;
    }
    result.push(...this.plain(value.slice(copied), flags));
    return result;
  }

  private plain(value: string, flags: Flags): ElementContent[] {
    if (value === '') return [];
    if (!flags.inAnchor && !flags.literal) {
      const linked = linkAttackIds(value, this.context.kb);
      if (linked) return linked;
    }
    return [text(value)];
  }

  private mark(mark: Mark, number: number, flags: Flags): ElementContent[] {
    const { note, index, source } = this.context;
    if (mark.kind === 'wikilink') {
      if (flags.inAnchor) return [text(linkLabel(mark.link))];
      const elements = wikilinkElements(mark.link, note, index);
      // An ID cell (`[[Audit\|M1047]]`) links the note; its ATT&CK page gets a link of its own.
      const alias = mark.link.alias?.text.trim();
      const page =
        mark.link.inTable && alias && isAttackId(alias)
          ? attackPage(this.context.kb, alias)
          : undefined;
      if (page) elements.push(text(' '), attackPageLink(page));
      return elements;
    }
    const written = source.written[number];
    return [flags.inAnchor ? text(written) : this.citation(mark.citation, written)];
  }

  private citation(citation: Citation, written: string): Element {
    const name = citation.name.text;
    const anchor = element('a', { className: ['citation'], title: name }, written);
    const target = this.context.citations.targetOf(name);
    if (!target) markBroken(anchor);
    else if (target.kind === 'reference') anchor.properties.href = `#${target.id}`;
    else this.footnoteCitations.push({ anchor, line: target.line });
    return anchor;
  }

  /** A marker that ended up in an attribute (a wikilink inside raw HTML's `title`) is restored. */
  private restoreMarkersIn(properties: Properties): void {
    for (const [key, value] of Object.entries(properties)) {
      if (typeof value === 'string' && value.includes(MARKER_OPEN)) {
        properties[key] = this.restore(value);
      } else if (Array.isArray(value)) {
        properties[key] = value.map((item) =>
          typeof item === 'string' && item.includes(MARKER_OPEN) ? this.restore(item) : item,
        );
      }
    }
  }

  private restore(value: string): string {
    return value.replace(
      MARKER_PATTERN,
      (marker, number: string) => this.context.source.written[Number(number)] ?? marker,
    );
  }
}

function markBroken(anchor: Element): void {
  anchor.properties.className = ['citation', 'broken'];
  anchor.properties.title = `No reference “${String(anchor.properties.title)}” in this note`;
  delete anchor.properties.href;
}

/**
 * An image is never loaded (no remote request, no `data:` payload): it becomes a link to its
 * http(s) source, or plain text naming it, showing its alternative text.
 */
function imageLink(properties: Properties, inAnchor: boolean): ElementContent {
  const alt = typeof properties.alt === 'string' ? properties.alt.trim() : '';
  const src = typeof properties.src === 'string' ? properties.src : '';
  const label = `[image${alt ? `: ${alt}` : ''}]`;
  if (!inAnchor && SAFE_HREF.test(src)) {
    return element('a', { className: ['image-link'], href: src, title: src }, label);
  }
  return element('span', { className: ['image-placeholder'] }, label);
}
