import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import { renderPreview } from '../core/features/preview/renderPreview';
import type { VaultIndex } from '../core/index/types';
import type { KnowledgeBase } from '../core/kb/types';
import { PREVIEW_REQUEST, type PreviewParams, type PreviewResult } from './protocol/previewRequest';

/**
 * Answers `attackNotes/preview` with the note rendered by core/features/preview. It waits for the
 * first index, so that links resolve against the whole vault; a note the index does not hold
 * (excluded, or not Markdown) gets `null`.
 */

export interface PreviewContext {
  index: () => VaultIndex;
  /** Undefined until the server is initialised. */
  kb: () => KnowledgeBase | undefined;
  indexReady: () => Promise<void>;
}

export function connectPreview(connection: Connection, context: PreviewContext): void {
  connection.onRequest(
    PREVIEW_REQUEST,
    async ({ textDocument }: PreviewParams): Promise<PreviewResult | null> => {
      await context.indexReady();
      const indexed = context.index().get(textDocument.uri);
      const kb = context.kb();
      if (!indexed || !kb) return null;
      const note = indexed.note;
      try {
        const rendered = renderPreview(note, context.index(), kb);
        return { uri: textDocument.uri, version: note.version ?? null, ...rendered };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        connection.console.error(`Preview of ${textDocument.uri} failed: ${describe(error)}`);
        throw new ResponseError(
          ErrorCodes.InternalError,
          `ATT&CK Notes could not render the preview: ${message}`,
        );
      }
    },
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
