import { conventionalUrl } from '../../kb/names';
import { nameKey } from './kbMemo';
import type { AttackObjectType } from '../../kb/types';
import type { Note } from '../../model/types';
import type { RuleContext } from './context';
import { fieldEntries, findField } from './noteFacts';

/**
 * citation-undefined, reference-unused and reference-attack-url. The seed format cites with
 * `(Citation: X)` and lists `- X: url` lines; the kb dialect cites with footnotes `[^7]`, and its
 * `(Citation: X)` markers survive only in table descriptions copied from ATT&CK, where they refer
 * to nothing in the note by design.
 */

const ATTACK_REFERENCE = 'mitre-attack';

function tableLines(note: Note): Set<number> {
  const lines = new Set<number>();
  for (const table of note.tables) {
    for (let line = table.range.start.line; line <= table.range.end.line; line++) lines.add(line);
  }
  return lines;
}

function checkFootnotes(context: RuleContext): void {
  const { note, report } = context;
  const defined = new Set(note.footnoteDefinitions.map((d) => d.label.text));
  for (const reference of note.footnoteReferences) {
    if (defined.has(reference.label)) continue;
    report(
      'citation-undefined',
      reference.range,
      `Footnote [^${reference.label}] has no definition; expected a \`[^${reference.label}]: source\` line`,
    );
  }
  const sources = new Set(
    note.footnoteDefinitions.flatMap((d) => (d.name ? [nameKey(d.name.text)] : [])),
  );
  const inTables = tableLines(note);
  for (const citation of note.citations) {
    if (inTables.has(citation.range.start.line)) continue;
    if (sources.has(nameKey(citation.name.text))) continue;
    report(
      'citation-undefined',
      citation.range,
      `No footnote defines the source '${citation.name.text}'; expected a \`[^n]: [${citation.name.text}](url)\` line`,
    );
  }
}

function checkListReferences(context: RuleContext): void {
  const { note, report, enabled } = context;
  // Citations nearly always repeat the reference name exactly; normalising (NFKC, case folding)
  // every name of every note is the slow path, kept for the near misses.
  const exact = new Set(note.references.map((r) => r.name.text));
  let normalised: Set<string> | undefined;
  const cited = new Set<string>();
  for (const citation of note.citations) {
    cited.add(citation.name.text);
    if (exact.has(citation.name.text)) continue;
    normalised ??= new Set(note.references.map((r) => nameKey(r.name.text)));
    if (normalised.has(nameKey(citation.name.text))) continue;
    report(
      'citation-undefined',
      citation.range,
      `No reference '${citation.name.text}' in this note; expected a \`- ${citation.name.text}: url\` line under References`,
    );
  }
  if (!enabled('reference-unused')) return;
  // A group lists its aliases as reference lines without a URL; those are names, not sources.
  const aliasField = findField(note, 'alias', 'aliases');
  const aliases = new Set((aliasField ? fieldEntries(aliasField) : []).map((e) => nameKey(e.text)));
  const citedKeys = new Set([...cited].map((name) => nameKey(name)));
  for (const reference of note.references) {
    const key = nameKey(reference.name.text);
    if (key === ATTACK_REFERENCE || citedKeys.has(key)) continue;
    if (!reference.url && aliases.has(key)) continue;
    report(
      'reference-unused',
      reference.name.range,
      `Nothing in this note cites '${reference.name.text}'; expected a (Citation: ${reference.name.text}) or no reference line`,
    );
  }
}

function comparableUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
}

function checkAttackUrl(context: RuleContext): void {
  const { note, facts, report } = context;
  const id = facts.ownId;
  const kind = facts.ownKind;
  if (!id || !kind || kind === 'other') return;
  const line = note.references.find(
    (r) => r.name.text === ATTACK_REFERENCE || nameKey(r.name.text) === ATTACK_REFERENCE,
  );
  if (!line) return;
  const expected = facts.object?.url ?? conventionalUrl(id, kind as AttackObjectType);
  if (!expected) return;
  if (line.url && comparableUrl(line.url.text) === comparableUrl(expected)) return;
  report(
    'reference-attack-url',
    line.url?.range ?? line.name.range,
    line.url
      ? `The mitre-attack reference points to ${line.url.text}, not to ${id}; expected ${expected}`
      : `The mitre-attack reference has no URL; expected ${expected}`,
    undefined,
    { rule: 'reference-attack-url', url: expected },
  );
}

export function checkCitations(context: RuleContext): void {
  if (context.facts.dialect === 'kb') {
    checkFootnotes(context);
    return; // no list references: nothing to be unused, and `mitre-attack` is a vault path there
  }
  checkListReferences(context);
  checkAttackUrl(context);
}
