import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range,
} from 'vscode-languageserver-types';
import type { LinkResolution, VaultIndex } from '../../index/types';
import type { KnowledgeBase } from '../../kb/types';
import type { Note, WikiLink } from '../../model/types';
import type { RuleConfig } from './config';
import type { FixData } from './fixData';
import type { NoteFacts } from './noteFacts';
import { DIAGNOSTIC_SOURCE, ruleDocsHref, type RuleCode, type RuleSeverity } from './rules';

/** Everything a rule family reads, and the one way it reports a finding. */
export interface RuleContext {
  note: Note;
  index: VaultIndex;
  kb: KnowledgeBase;
  config: RuleConfig;
  facts: NoteFacts;
  /** The index's resolution of a link of this note, computed once per check. */
  resolve(link: WikiLink): LinkResolution;
  /** False when the rule is off, so a family can skip work nobody will see. */
  enabled(code: RuleCode): boolean;
  report(
    code: RuleCode,
    range: Range,
    message: string,
    related?: DiagnosticRelatedInformation[],
    /** What a quick fix needs that the note model does not say (docs: fixData.ts). */
    data?: FixData,
  ): void;
}

export type RuleFamily = (context: RuleContext) => void;

const LSP_SEVERITY: Record<RuleSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function createRuleContext(
  base: Omit<RuleContext, 'enabled' | 'report' | 'resolve'>,
  sink: Diagnostic[],
): RuleContext {
  const levels = base.config.levels;
  const resolutions = new Map<WikiLink, LinkResolution>();
  return {
    ...base,
    resolve(link) {
      let resolution = resolutions.get(link);
      if (!resolution) {
        resolution = base.index.resolveLink(base.note.uri, link);
        resolutions.set(link, resolution);
      }
      return resolution;
    },
    enabled: (code) => levels[code] !== 'off',
    report(code, range, message, related, data) {
      const level = levels[code];
      if (level === 'off') return;
      const diagnostic: Diagnostic = {
        range,
        severity: LSP_SEVERITY[level],
        code,
        codeDescription: { href: ruleDocsHref(code) },
        source: DIAGNOSTIC_SOURCE,
        message,
      };
      if (related && related.length > 0) diagnostic.relatedInformation = related;
      if (data) diagnostic.data = data;
      sink.push(diagnostic);
    },
  };
}

/**
 * The empty range at the start of a note, where related information about a whole note points;
 * known without building the note's model.
 */
export function noteStart(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** Related information pointing at a place in another (or the same) note. */
export function relatedAt(
  uri: string,
  range: Range,
  message: string,
): DiagnosticRelatedInformation {
  return { location: { uri, range }, message };
}

/** Related information pointing at the notes of the vault that define `id` (other than this one). */
export function definingNotes(
  context: RuleContext,
  id: string,
  message: string,
): DiagnosticRelatedInformation[] {
  return context.index
    .definitionsOf(id)
    .filter((indexed) => indexed.uri !== context.note.uri)
    .map((indexed) => {
      // A note whose ID is in its file name: point at its start.
      const at = indexed.identity?.range ?? noteStart();
      return relatedAt(indexed.uri, at, `${message} (${indexed.vaultPath})`);
    });
}
