import type { Root } from 'hast';
import type { VaultIndex } from '../../index/types';
import type { KnowledgeBase } from '../../kb/types';
import type { Note } from '../../model/types';
import { LineIndex } from '../../text/lineIndex';
import { annotate } from './annotate';
import { backlinksSection } from './backlinks';
import { CitationTargets } from './citations';
import { element, text } from './hast';
import { loadPipeline } from './loadPipeline';
import { identityFacts, noteCard, previewTitle } from './noteCard';
import { limitNesting } from './nestingGuard';
import { prepareSource } from './sourceMarkers';

/**
 * Renders a note for the preview panel: a header card, the note's Markdown as sanitised HTML
 * with wikilinks, citations and ATT&CK IDs linked and `data-line` on blocks and table rows, and
 * the notes that link here. See docs/architecture.md ("Preview panel") for the HTML conventions
 * and why the note's own HTML can never forge the server's annotations.
 */

export interface RenderedPreview {
  /** The note's display name: ID and name when known. */
  title: string;
  /** A sanitised HTML fragment. */
  html: string;
  lineCount: number;
}

/**
 * Longer notes are not rendered: Markdown parsing costs about 3 ms per KB of text (the largest
 * note of the enterprise vault has 42 KB), and the server answers nothing else meanwhile.
 */
export const MAX_PREVIEW_CHARACTERS = 1_000_000;

export function renderPreview(note: Note, index: VaultIndex, kb: KnowledgeBase): RenderedPreview {
  const pipeline = loadPipeline();
  const identity = identityFacts(note, index, kb);
  const tree: Root = { type: 'root', children: [] };
  if (note.text.length <= MAX_PREVIEW_CHARACTERS) {
    const source = prepareSource(note);
    const markdown = limitNesting(source.markdown);
    try {
      if (markdown === undefined) throw new RangeError('nested too deeply');
      tree.children = pipeline.markdownToSafeTree(markdown).children;
      annotate(tree, { note, index, kb, source, citations: new CitationTargets(note) });
    } catch (error) {
      // Nesting past the guard's budget, or that it lets through (thousands of raw `<div>`s,
      // which exhaust the stack): the note's text, unrendered, rather than no preview.
      if (!(error instanceof RangeError)) throw error;
      tree.children = [
        element(
          'p',
          { className: ['preview-too-deep'] },
          'This note nests lists, quotes or HTML too deeply to render; its text:',
        ),
        element('pre', {}, note.text),
      ];
    }
  } else {
    tree.children.push(
      element(
        'p',
        { className: ['preview-too-large'] },
        `This note has ${note.text.length.toLocaleString('en')} characters; ` +
          `the preview shows notes of up to ${MAX_PREVIEW_CHARACTERS.toLocaleString('en')}.`,
      ),
    );
  }
  tree.children.unshift(noteCard(note, identity, kb), text('\n'));
  tree.children.push(text('\n'), backlinksSection(note.uri, index, kb), text('\n'));
  return {
    title: previewTitle(identity),
    html: pipeline.treeToHtml(tree),
    lineCount: new LineIndex(note.text).lineCount,
  };
}
