import type { Diagnostic } from 'vscode-languageserver-types';
import type { IndexedNote, VaultIndex } from '../../index/types';
import { stripMarkdownExtension } from '../../index/vaultPaths';
import type { Note, WikiLink } from '../../model/types';
import { targetText, type LinkStyle } from '../completion/linkWriting';
import { comparePositions } from '../diagnostics/ranges';
import { closeNotes } from '../diagnostics/noteNameSuggestions';
import { createNoteFix } from './createNote';
import type { FixContext, NoteFix } from './types';

/**
 * link-broken and link-ambiguous: repoint the link at a note (only its target changes; the
 * `#heading`, the alias and an escaped `\|` stay as written), or create the missing note.
 */

/** The link whose target the diagnostic points at. */
export function linkOfDiagnostic(note: Note, diagnostic: Diagnostic): WikiLink | undefined {
  return note.wikilinks.find(
    (link) =>
      comparePositions(link.target.range.start, diagnostic.range.start) === 0 &&
      comparePositions(link.target.range.end, diagnostic.range.end) === 0,
  );
}

/** A new target in the written one's manner: a `.md` ending stays. */
function keepExtension(written: string, target: string): string {
  return /\.md$/i.test(written.trim()) ? `${target}.md` : target;
}

function retarget(
  link: WikiLink,
  newTarget: string,
  code: 'link-broken' | 'link-ambiguous',
  detail: string,
): NoteFix {
  return {
    title: `Change the link to [[${newTarget}]]${detail}`,
    code,
    unambiguous: false,
    edits: [{ range: link.target.range, newText: newTarget }],
  };
}

/** Notes the link may have meant: the note that defines its alias's ID, then close names. */
function candidatesFor(index: VaultIndex, note: Note, link: WikiLink): IndexedNote[] {
  const folderUri = index.get(note.uri)?.folderUri;
  const inVault = (candidate: IndexedNote) =>
    folderUri === undefined || folderUri === '' || candidate.folderUri === folderUri;
  const alias = link.alias?.text.trim();
  const defining = alias ? index.definitionsOf(alias).filter(inVault) : [];
  const close = closeNotes(index, link.target.text, folderUri || undefined);
  // The note itself is a candidate too: generated notes link to themselves in their text.
  const seen = new Set<string>();
  const candidates: IndexedNote[] = [];
  for (const candidate of [...defining, ...close]) {
    if (seen.has(candidate.uri)) continue;
    seen.add(candidate.uri);
    candidates.push(candidate);
  }
  return candidates.slice(0, 5);
}

export function linkBrokenFixes(context: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const { note, index } = context;
  const link = linkOfDiagnostic(note, diagnostic);
  if (!link || index.resolveLink(note.uri, link).kind !== 'broken') return [];
  // A link written as a path is repointed by path, a bare name by the shortest name that works.
  const style: LinkStyle = link.target.text.includes('/') ? 'path' : 'short';
  const fixes = candidatesFor(index, note, link).map((candidate) => {
    const written = keepExtension(link.target.text, targetText(index, note.uri, candidate, style));
    // The note's path, unless the new target already spells it.
    const detail =
      stripMarkdownExtension(written) === stripMarkdownExtension(candidate.vaultPath)
        ? ''
        : ` (${candidate.vaultPath})`;
    return retarget(link, written, 'link-broken', detail);
  });
  // Which note to create is a choice: fix-all never takes it, so it is not built for fix-all.
  const create = context.unambiguousOnly ? undefined : createNoteFix(context, link);
  return create ? [...fixes, create] : fixes;
}

export function linkAmbiguousFixes(context: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const { note, index } = context;
  const link = linkOfDiagnostic(note, diagnostic);
  if (!link) return [];
  const resolution = index.resolveLink(note.uri, link);
  if (resolution.kind !== 'ambiguous') return [];
  return resolution.candidates.map((candidate) =>
    retarget(
      link,
      keepExtension(link.target.text, targetText(index, note.uri, candidate, 'short')),
      'link-ambiguous',
      '',
    ),
  );
}
