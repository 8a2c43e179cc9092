import type { Diagnostic } from 'vscode-languageserver-types';
import type { VaultIndex } from '../../index/types';
import type { KnowledgeBase } from '../../kb/types';
import type { Note } from '../../model/types';
import { checkCitations } from './citationRules';
import type { RuleConfig } from './config';
import { createRuleContext, type RuleFamily } from './context';
import { applyDirectives } from './directives';
import { checkDrift } from './driftRules';
import { checkFrontmatter } from './frontmatterRules';
import { checkIds } from './idRules';
import { checkLinks } from './linkRules';
import { checkMitigations } from './mitigationRules';
import { computeNoteFacts } from './noteFacts';
import { checkPlatforms } from './platformRules';
import { comparePositions } from './ranges';
import { checkSections } from './sectionRules';
import { checkTables } from './tableRules';
import { checkTactics } from './tacticRules';

const FAMILIES: readonly RuleFamily[] = [
  checkFrontmatter,
  checkIds,
  checkTactics,
  checkPlatforms,
  checkTables,
  checkMitigations,
  checkLinks,
  checkCitations,
  checkSections,
  checkDrift,
];

/**
 * Every finding for one note: a pure function of the note, the vault index, the knowledge base and
 * the configuration, shared by the language server and `attack-notes check`. The result is plain
 * LSP data in document order, with inline `attack-notes-disable` regions already applied.
 */
export function computeDiagnostics(
  note: Note,
  index: VaultIndex,
  kb: KnowledgeBase,
  config: RuleConfig,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const facts = computeNoteFacts(note, kb);
  const context = createRuleContext({ note, index, kb, config, facts }, diagnostics);
  for (const family of FAMILIES) family(context);
  const kept = applyDirectives(diagnostics, note.directives);
  return kept.sort((a, b) => comparePositions(a.range.start, b.range.start));
}
