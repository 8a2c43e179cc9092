import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { VaultIndex } from '../../index/types';
import type { KnowledgeBase } from '../../kb/types';
import type { Note } from '../../model/types';
import type { RuleCode } from '../diagnostics/rules';

/** What a fix reads: the note as it is now, its vault and the knowledge base. */
export interface FixContext {
  note: Note;
  index: VaultIndex;
  kb: KnowledgeBase;
  /**
   * Only the fixes that need no choice are wanted (fix-all, `check --fix`): providers may skip
   * building the others, such as a whole note skeleton per broken link.
   */
  unambiguousOnly?: boolean;
}

/** One way to fix one diagnostic, as plain edits of the note (the LSP side builds the actions). */
export interface NoteFix {
  title: string;
  code: RuleCode;
  /** Exactly one right edit: fix-all and `check --fix` apply it; otherwise only a quick fix. */
  unambiguous: boolean;
  isPreferred?: boolean;
  /** Edits to this note (minimal ranges). */
  edits: TextEdit[];
  /** A note to create (link-broken): absolute file URI + full text, opened afterwards. */
  createNote?: { uri: string; text: string };
}

/**
 * The fixes of one diagnostic of a rule, in the order a user should see them; empty when the
 * note no longer holds what the diagnostic was about.
 */
export type FixProvider = (context: FixContext, diagnostic: Diagnostic) => NoteFix[];
