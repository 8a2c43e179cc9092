import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { objectLinkTarget } from '../completion/linkWriting';
import { fixDataOf } from '../diagnostics/fixData';
import { cellNameEdit, sameRange, textAt } from './noteText';
import type { FixContext, NoteFix } from './types';

/** Fixes of ID positions: a retired ID's replacement, and which of two differing IDs is right. */

/**
 * id-revoked / id-deprecated: the replacement ATT&CK names takes the ID's place, with the row's
 * Name cell and, for a linked ID, the link's target (the replacement's note). Only a single
 * replacement is a fix without a choice.
 */
export function replacementIdFixes(context: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const code = diagnostic.code === 'id-deprecated' ? 'id-deprecated' : 'id-revoked';
  const data = fixDataOf(diagnostic.data, code);
  const { note, index, kb } = context;
  if (!data || textAt(note, diagnostic.range) !== data.id) return [];
  const link = note.wikilinks.find(
    (l) =>
      (l.alias && sameRange(l.alias.range, diagnostic.range)) ||
      sameRange(l.target.range, diagnostic.range),
  );
  const fixes: NoteFix[] = [];
  for (const replacement of data.replacements) {
    const object = kb.get(replacement.id);
    if (!object) continue;
    const edits: TextEdit[] = [];
    if (link && link.alias && sameRange(link.alias.range, diagnostic.range)) {
      const target = objectLinkTarget(index, note, object, link.target.text);
      if (target !== link.target.text) edits.push({ range: link.target.range, newText: target });
      edits.push({ range: diagnostic.range, newText: object.id });
    } else if (link) {
      // `[[T1059]]`: the target is the ID; keep any folder part the link names.
      const written = link.target.text;
      edits.push({
        range: link.target.range,
        newText: written.slice(0, written.length - data.id.length) + object.id,
      });
    } else {
      edits.push({ range: diagnostic.range, newText: object.id });
    }
    if (data.nameCell) {
      const nameEdit = cellNameEdit(note, data.nameCell, object.name);
      if (nameEdit && textAt(note, nameEdit.range) !== object.name) edits.push(nameEdit);
    }
    fixes.push({
      title: `Replace ${data.id} with ${object.id} (${object.name})`,
      code,
      unambiguous: data.replacements.length === 1,
      isPreferred: data.replacements.length === 1,
      edits,
    });
  }
  return fixes;
}

/** heading-id-mismatch: either side may be the right one, so both are offered. */
export function headingIdFixes({ note }: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const data = fixDataOf(diagnostic.data, 'heading-id-mismatch');
  if (!data) return [];
  if (textAt(note, diagnostic.range) !== data.headingId) return [];
  if (textAt(note, data.frontmatterRange) !== data.frontmatterId) return [];
  return [
    {
      title: `Set the heading to ${data.frontmatterId} (the front matter ID)`,
      code: 'heading-id-mismatch',
      unambiguous: false,
      edits: [{ range: diagnostic.range, newText: data.frontmatterId }],
    },
    {
      title: `Set the front matter ID to ${data.headingId} (the heading)`,
      code: 'heading-id-mismatch',
      unambiguous: false,
      edits: [{ range: data.frontmatterRange, newText: data.headingId }],
    },
  ];
}
