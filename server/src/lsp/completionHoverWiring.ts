import type { Connection, ServerCapabilities } from 'vscode-languageserver/node';
import {
  completion,
  COMPLETION_TRIGGER_CHARACTERS,
  resolveCompletionItem,
} from '../core/features/completion/completion';
import { hover } from '../core/features/hover';
import type { VaultIndex } from '../core/index/types';
import type { KnowledgeBase } from '../core/kb/types';
import type { Note } from '../core/model/types';

/**
 * Wires completion (with `completionItem/resolve`) and hover to the connection. The language
 * logic is in core/features/completion and core/features/hover.ts; this only finds the note and
 * hands over the current index and knowledge base.
 */

export const COMPLETION_HOVER_CAPABILITIES: ServerCapabilities = {
  completionProvider: {
    triggerCharacters: COMPLETION_TRIGGER_CHARACTERS,
    resolveProvider: true,
  },
  hoverProvider: true,
};

export interface CompletionHoverContext {
  note: (uri: string) => Note | undefined;
  index: () => VaultIndex;
  /** Undefined until the server is initialised. */
  kb: () => KnowledgeBase | undefined;
  /** The client's `completionItem.snippetSupport`. */
  snippets: () => boolean;
}

export function wireCompletionAndHover(
  connection: Connection,
  context: CompletionHoverContext,
): void {
  connection.onCompletion(({ textDocument, position }) => {
    const note = context.note(textDocument.uri);
    const kb = context.kb();
    if (!note || !kb) return null;
    const options = { snippets: context.snippets() };
    return completion(note, context.index(), kb, position, options) ?? null;
  });
  connection.onCompletionResolve((item) => {
    const kb = context.kb();
    return kb ? resolveCompletionItem(item, context.index(), kb) : item;
  });
  connection.onHover(({ textDocument, position }) => {
    const note = context.note(textDocument.uri);
    const kb = context.kb();
    if (!note || !kb) return null;
    return hover(note, context.index(), kb, position) ?? null;
  });
}
