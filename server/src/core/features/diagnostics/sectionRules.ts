import type { Range } from 'vscode-languageserver-types';
import { nameKey } from './kbMemo';
import type { NoteKind, Section } from '../../model/types';
import { relatedAt, type RuleContext } from './context';
import { ownIdRange, type Dialect } from './noteFacts';

/** section-duplicate (the same section twice under one parent) and section-missing. */

/**
 * Sections each generator writes for every note of a kind. `A|B` accepts either heading. Users
 * override a kind's list with `section-missing.sections`; kinds without a list are not checked.
 */
export const DEFAULT_REQUIRED_SECTIONS: Record<Dialect, Partial<Record<NoteKind, string[]>>> = {
  seed: {
    tactic: ['References'],
    technique: ['Tactic|Tactics', 'Platforms', 'Mitigations', 'References'],
    mitigation: ['Techniques Addressed by Mitigation', 'References'],
    group: ['Techniques Used', 'References'],
  },
  kb: {
    tactic: ['Description', 'Techniques'],
    technique: ['Description'],
    mitigation: ['Description', 'Techniques Addressed by Mitigation'],
    software: ['Description', 'Techniques Used'],
  },
};

/** Index of each section's parent (the nearest earlier section of a lower level), or -1. */
function parentsOf(sections: readonly Section[]): number[] {
  const parents: number[] = [];
  const open: number[] = [];
  sections.forEach((section, i) => {
    while (
      open.length > 0 &&
      sections[open[open.length - 1]].heading.level >= section.heading.level
    )
      open.pop();
    parents.push(open.length > 0 ? open[open.length - 1] : -1);
    open.push(i);
  });
  return parents;
}

function checkDuplicates(context: RuleContext): void {
  const { note, report } = context;
  const parents = parentsOf(note.sections);
  const firstByKey = new Map<string, Section>();
  note.sections.forEach((section, i) => {
    const key = `${parents[i]}\u0000${section.heading.level}\u0000${section.key}`;
    const first = firstByKey.get(key);
    if (!first) {
      firstByKey.set(key, section);
      return;
    }
    report(
      'section-duplicate',
      section.heading.textRange,
      `The section '${section.heading.text}' already appears on line ${first.heading.range.start.line + 1}; expected it once`,
      [relatedAt(note.uri, first.heading.textRange, `First '${first.heading.text}' section`)],
    );
  });
}

function checkMissing(context: RuleContext): void {
  const { note, config, facts, report } = context;
  const kind = facts.ownKind;
  if (!kind) return;
  const required = config.requiredSections[kind] ?? DEFAULT_REQUIRED_SECTIONS[facts.dialect][kind];
  if (!required || required.length === 0) return;
  const present = new Set(note.sections.map((section) => section.key));
  const anchor: Range = ownIdRange(facts);
  const shown = required.map((entry) => entry.split('|')[0]).join(', ');
  for (const entry of required) {
    const alternatives = entry.split('|').map((name) => nameKey(name));
    if (alternatives.some((name) => present.has(name))) continue;
    report(
      'section-missing',
      anchor,
      `This ${kind} note has no '${entry.split('|')[0]}' section; ${kind} notes have: ${shown}`,
      undefined,
      { rule: 'section-missing', section: entry, required: [...required] },
    );
  }
}

export function checkSections(context: RuleContext): void {
  checkDuplicates(context);
  if (context.enabled('section-missing')) checkMissing(context);
}
