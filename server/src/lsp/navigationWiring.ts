import {
  CodeLensRefreshRequest,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  type ClientCapabilities,
  type Connection,
  type FileOperationOptions,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { definition } from '../core/features/navigation/definition';
import { documentHighlights } from '../core/features/navigation/documentHighlights';
import { leftBehindMessage, planRenames } from '../core/features/navigation/fileRenames';
import { references } from '../core/features/navigation/references';
import { referencesCodeLens } from '../core/features/navigation/referencesCodeLens';
import {
  prepareNoteRename,
  renameNote,
  RenameRefused,
} from '../core/features/navigation/renameNote';
import {
  resolveWorkspaceSymbol,
  workspaceSymbols,
} from '../core/features/navigation/workspaceSymbols';
import type { VaultIndex } from '../core/index/types';
import { canonicalUri } from '../core/index/vaultPaths';
import type { KnowledgeBase } from '../core/kb/types';

/**
 * Wires the navigation features (definition, references, the references lens, highlights,
 * rename, file renames, workspace symbols) to the connection. Language logic lives in
 * core/features/navigation; this only picks the note, waits for the index, and converts results.
 */

export const NAVIGATION_CAPABILITIES: ServerCapabilities = {
  definitionProvider: true,
  referencesProvider: true,
  documentHighlightProvider: true,
  codeLensProvider: { resolveProvider: false },
  renameProvider: { prepareProvider: true },
  workspaceSymbolProvider: { resolveProvider: true },
};

/** `workspace.fileOperations`: the client asks for link edits before notes or folders move. */
export const NAVIGATION_FILE_OPERATIONS: FileOperationOptions = {
  willRename: {
    filters: [
      { scheme: 'file', pattern: { glob: '**/*.{md,markdown}', matches: 'file' } },
      { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' } },
    ],
  },
};

export interface NavigationContext {
  index: () => VaultIndex;
  /** The knowledge base when the server has one; features work without it. */
  knowledgeBase: () => KnowledgeBase | undefined;
  /** Resolves once the first full index is built: answers before that would miss notes. */
  indexReady: () => Promise<void>;
  referencesCodeLens: () => boolean;
  clientCapabilities: () => ClientCapabilities | undefined;
}

/** How long a rename the server itself issued suppresses the client's willRename echo. */
const OWN_RENAME_WINDOW_MS = 30_000;

export interface NavigationConnection {
  /** Asks the editor to fetch code lenses again (after `attackNotes.codeLens.references` changed). */
  refreshCodeLenses(): void;
  /**
   * A note was added, changed or removed: the reference counts shown in other notes' lenses may
   * be stale. Refreshes them once edits pause, not on every keystroke.
   */
  notesChanged(): void;
}

/** Quiet time after the last note change before the lenses are refreshed. */
const LENS_REFRESH_DELAY_MS = 1000;

export function connectNavigation(
  connection: Connection,
  context: NavigationContext,
): NavigationConnection {
  const noteAt = async (uri: string) => {
    await context.indexReady();
    return context.index().get(uri)?.note;
  };
  /**
   * A `textDocument/rename` answer already holds the link edits; VS Code then applies its
   * RenameFile and asks `willRenameFiles` for the same move. That echo must add no second edit.
   */
  const ownRenames = new Map<string, number>();

  connection.onDefinition(async ({ textDocument, position }) => {
    const note = await noteAt(textDocument.uri);
    if (!note) return null;
    const links = definition(note, context.index(), position, context.knowledgeBase());
    if (context.clientCapabilities()?.textDocument?.definition?.linkSupport === true) return links;
    return links.map((link) => ({ uri: link.targetUri, range: link.targetSelectionRange }));
  });

  connection.onReferences(async ({ textDocument, position, context: options }) => {
    const note = await noteAt(textDocument.uri);
    if (!note) return null;
    return references(note, context.index(), position, options) ?? null;
  });

  connection.onDocumentHighlight(async ({ textDocument, position }) => {
    const note = await noteAt(textDocument.uri);
    return note ? documentHighlights(note, context.index(), position) : null;
  });

  connection.onCodeLens(async ({ textDocument }) => {
    if (!context.referencesCodeLens()) return [];
    const note = await noteAt(textDocument.uri);
    return note ? referencesCodeLens(note, context.index()) : [];
  });

  connection.onPrepareRename(async ({ textDocument, position }) => {
    const note = await noteAt(textDocument.uri);
    if (!note) throw new ResponseError(LSPErrorCodes.RequestFailed, 'The note is not indexed.');
    try {
      const { range, placeholder } = prepareNoteRename(note, context.index(), position);
      return { range, placeholder };
    } catch (error) {
      throw asResponseError(error);
    }
  });

  connection.onRenameRequest(async ({ textDocument, position, newName }) => {
    const note = await noteAt(textDocument.uri);
    if (!note) throw new ResponseError(LSPErrorCodes.RequestFailed, 'The note is not indexed.');
    try {
      const edit = renameNote(note, context.index(), position, newName);
      for (const change of edit.documentChanges ?? []) {
        if ('kind' in change && change.kind === 'rename')
          ownRenames.set(renameKey(change.oldUri, change.newUri), Date.now());
      }
      return edit;
    } catch (error) {
      throw asResponseError(error);
    }
  });

  connection.workspace.onWillRenameFiles(async ({ files }) => {
    await context.indexReady();
    const now = Date.now();
    for (const [key, at] of ownRenames) if (now - at > OWN_RENAME_WINDOW_MS) ownRenames.delete(key);
    const foreign = files.filter((file) => !ownRenames.delete(renameKey(file.oldUri, file.newUri)));
    if (foreign.length === 0) return null;
    const { edits: changes, leftBehind } = planRenames(foreign, context.index());
    // Links that no text can carry into another workspace folder: said once, not edited. A
    // notification, so the rename never waits for the user to dismiss it.
    const warning = leftBehindMessage({ edits: changes, leftBehind }, context.index());
    if (warning)
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `ATT&CK Notes: ${warning}`,
      });
    return Object.keys(changes).length > 0 ? { changes } : null;
  });

  connection.onWorkspaceSymbol(async ({ query }) => {
    await context.indexReady();
    const resolves = context.clientCapabilities()?.workspace?.symbol?.resolveSupport;
    return workspaceSymbols(query, context.index(), context.knowledgeBase(), {
      rangesOnResolve: resolves?.properties.includes('location.range') === true,
    });
  });

  connection.onWorkspaceSymbolResolve(async (symbol) => {
    await context.indexReady();
    return resolveWorkspaceSymbol(symbol, context.index());
  });

  const refreshCodeLenses = (): void => {
    if (context.clientCapabilities()?.workspace?.codeLens?.refreshSupport === true)
      void connection.sendRequest(CodeLensRefreshRequest.type);
  };
  let pendingRefresh: ReturnType<typeof setTimeout> | undefined;
  return {
    refreshCodeLenses,
    notesChanged() {
      if (!context.referencesCodeLens()) return;
      clearTimeout(pendingRefresh);
      pendingRefresh = setTimeout(refreshCodeLenses, LENS_REFRESH_DELAY_MS);
      pendingRefresh.unref();
    },
  };
}

function renameKey(oldUri: string, newUri: string): string {
  return `${canonicalUri(oldUri)}\n${canonicalUri(newUri)}`;
}

function asResponseError(error: unknown): ResponseError<void> {
  if (error instanceof RenameRefused)
    return new ResponseError(LSPErrorCodes.RequestFailed, error.message);
  return new ResponseError(
    ErrorCodes.InternalError,
    error instanceof Error ? error.message : String(error),
  );
}
