import type { Diagnostic } from 'vscode-languageserver-types';
import { lineBreakOf } from '../../text/applyEdits';
import { fixDataOf } from '../diagnostics/fixData';
import { nameKey } from '../diagnostics/kbMemo';
import { computeNoteFacts } from '../diagnostics/noteFacts';
import { entryMatches, SECTION_ORDER, sectionSkeleton, writtenName } from './noteSkeleton';
import { insertSectionEdit } from './sectionPlacement';
import type { FixContext, NoteFix } from './types';

/** section-missing: the section's skeleton, inserted where the generator puts it. */

function sharesName(a: string, b: string): boolean {
  return a.split('|').some((name) => entryMatches(b, nameKey(name)));
}

/**
 * The generator's order with the configured sections in it: a configured spelling replaces the
 * generator's, and a section the generator does not write goes before the next configured one it
 * does (or before References, or last).
 */
export function sectionOrder(base: readonly string[], required: readonly string[]): string[] {
  const order = [...base];
  required.forEach((entry, i) => {
    const same = order.findIndex((known) => sharesName(known, entry));
    if (same >= 0) {
      order[same] = entry;
      return;
    }
    const next = required
      .slice(i + 1)
      .map((later) => order.findIndex((known) => sharesName(known, later)))
      .find((at) => at >= 0);
    const references = order.findIndex((known) => sharesName(known, 'References'));
    order.splice(next ?? (references >= 0 ? references : order.length), 0, entry);
  });
  return order;
}

export function sectionMissingFixes(context: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const data = fixDataOf(diagnostic.data, 'section-missing');
  if (!data) return [];
  const { note, index, kb } = context;
  if (note.sections.some((section) => entryMatches(data.section, section.key))) return [];
  const facts = computeNoteFacts(note, kb);
  const base = (facts.ownKind && SECTION_ORDER[facts.dialect][facts.ownKind]) ?? [];
  const order = sectionOrder(base, data.required);
  if (!order.includes(data.section)) order.push(data.section);
  const skeleton = sectionSkeleton(data.section, facts.dialect, facts.object, {
    index,
    kb,
    styleNote: note,
  });
  const edit = insertSectionEdit(note, data.section, order, skeleton, lineBreakOf(note.text));
  return [
    {
      title: `Insert the '${writtenName(data.section)}' section`,
      code: 'section-missing',
      unambiguous: false,
      edits: [edit],
    },
  ];
}
