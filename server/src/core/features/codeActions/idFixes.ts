import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { objectLinkTarget } from '../completion/linkWriting';
import { fixDataOf } from '../diagnostics/fixData';
import { idSuggestion } from '../diagnostics/idSyntax';
import { cellNameEdit, sameRange, textAt } from './noteText';
import type { FixContext, NoteFix } from './types';

/** Fixes of ID positions: a retired ID's replacement, and which of two differing IDs is right. */

/**
 * id-revoked: the replacement ATT&CK names takes the ID's place, with the row's
 * Name cell and, for a linked ID, the link's target (the replacement's note). Only a single
 * replacement is a fix without a choice.
 */
export function replacementIdFixes(context: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const code = 'id-revoked';
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

/**
 * id-malformed: the ID as ATT&CK writes it (`t1059` → `T1059`, `ta-0002` → `TA0002`). The
 * suggestion differs from the text only in case and separators, so it is the one right edit.
 */
export function malformedIdFixes({ note }: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const data = fixDataOf(diagnostic.data, 'id-malformed');
  if (!data || idSuggestion(textAt(note, diagnostic.range)) !== data.suggestion) return [];
  return [
    {
      title: `Write the ID as ATT&CK does: ${data.suggestion}`,
      code: 'id-malformed',
      unambiguous: true,
      isPreferred: true,
      edits: [{ range: diagnostic.range, newText: data.suggestion }],
    },
  ];
}

/**
 * id-unknown: the ID of the object the name beside it names (the row's Name cell says Python, so
 * T1059.006). A choice: the name may be the wrong one.
 */
export function unknownIdFixes({ note }: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const data = fixDataOf(diagnostic.data, 'id-unknown');
  if (!data || textAt(note, diagnostic.range) === data.suggestion.id) return [];
  const { id, name } = data.suggestion;
  return [
    {
      title: `Change to ${id}, the ID of ${name}`,
      code: 'id-unknown',
      unambiguous: false,
      isPreferred: true,
      edits: [{ range: diagnostic.range, newText: id }],
    },
  ];
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
