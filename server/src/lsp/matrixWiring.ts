import type { Connection } from 'vscode-languageserver/node';
import { newNoteForId } from '../core/features/newNote/noteForId';
import { domainOfNote } from '../core/features/noteObject';
import type { VaultIndex } from '../core/index/types';
import { canonicalUri } from '../core/index/vaultPaths';
import type { KnowledgeBase } from '../core/kb/types';
import {
  NEW_NOTE_REQUEST,
  NOTE_DOMAIN_REQUEST,
  type NewNoteParams,
  type NewNoteResult,
  type NoteDomainParams,
  type NoteDomainResult,
} from './protocol/matrixRequests';

/**
 * Answers the coverage matrix panel's two small requests (protocol/matrixRequests.ts): the domain
 * of a note (core/features/noteObject) and a new note for an ID (core/features/newNote). Both wait
 * for the first index, so names and folders are the whole vault's.
 */

export interface MatrixContext {
  index: () => VaultIndex;
  /** Undefined until the server is initialised. */
  kb: () => KnowledgeBase | undefined;
  indexReady: () => Promise<void>;
  /** The workspace folders' URIs, in order. */
  folders: () => readonly string[];
}

export function connectMatrixRequests(connection: Connection, context: MatrixContext): void {
  connection.onRequest(
    NOTE_DOMAIN_REQUEST,
    async ({ textDocument }: NoteDomainParams): Promise<NoteDomainResult | null> => {
      await context.indexReady();
      const indexed = context.index().get(canonicalUri(textDocument.uri));
      const kb = context.kb();
      return indexed && kb ? { domain: domainOfNote(indexed.note, kb) } : null;
    },
  );

  connection.onRequest(NEW_NOTE_REQUEST, async (params: NewNoteParams): Promise<NewNoteResult> => {
    await context.indexReady();
    const kb = context.kb();
    if (!kb) return { problem: 'The ATT&CK knowledge base is not loaded yet.' };
    if (typeof params.id !== 'string') return { problem: 'No ATT&CK ID was given.' };
    const index = context.index();
    const folders = context.folders().map(canonicalUri);
    const folderUri =
      (typeof params.folderUri === 'string' ? canonicalUri(params.folderUri) : undefined) ??
      folders.find((folder) => [...index.notes()].some((n) => n.folderUri === folder)) ??
      folders[0];
    if (folderUri === undefined || !folders.includes(folderUri))
      return { problem: 'The folder is not a workspace folder of the server.' };
    const outcome = newNoteForId(index, kb, folderUri, params.id);
    return 'note' in outcome ? outcome.note : outcome;
  });
}
