import type { VaultIndex } from '../../index/types';
import type { KnowledgeBase } from '../../kb/types';
import type { Note } from '../../model/types';
import { LineIndex } from '../../text/lineIndex';
import { annotate } from './annotate';
import { backlinksSection } from './backlinks';
import { CitationTargets } from './citations';
import { text } from './hast';
import { loadPipeline } from './loadPipeline';
import { identityFacts, noteCard, previewTitle } from './noteCard';
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

export function renderPreview(note: Note, index: VaultIndex, kb: KnowledgeBase): RenderedPreview {
  const pipeline = loadPipeline();
  const source = prepareSource(note);
  const tree = pipeline.markdownToSafeTree(source.markdown);
  annotate(tree, { note, index, kb, source, citations: new CitationTargets(note) });
  const identity = identityFacts(note, index, kb);
  tree.children.unshift(noteCard(note, identity, kb), text('\n'));
  tree.children.push(text('\n'), backlinksSection(note.uri, index, kb), text('\n'));
  return {
    title: previewTitle(identity),
    html: pipeline.treeToHtml(tree),
    lineCount: new LineIndex(note.text).lineCount,
  };
}
