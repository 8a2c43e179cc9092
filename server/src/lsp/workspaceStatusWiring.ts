import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import {
  WORKSPACE_STATUS_CHANGED_NOTIFICATION,
  WORKSPACE_STATUS_REQUEST,
  type WorkspaceStatus,
} from './protocol';

/** At most this often the client hears of new counts: diagnostics arrive in bursts while typing. */
const NOTIFY_DELAY_MS = 250;

export interface WorkspaceStatusConnection {
  /** Record what was just published for `uri` (an empty list clears it). */
  published(uri: string, diagnostics: readonly Diagnostic[]): void;
  /** The index may hold a different number of notes, or the first reading ended. */
  notesChanged(indexing?: boolean): void;
  dispose(): void;
}

/**
 * The counts behind the client's status bar: notes in the index and problems published. Both come
 * from what the server does anyway (the index's size, the diagnostics it sends), so keeping them
 * costs a map update per publication; nothing is computed for them. Answers
 * `attackNotes/workspaceStatus` and sends `attackNotes/workspaceStatusChanged` after changes.
 */
export function connectWorkspaceStatus(
  connection: Connection,
  noteCount: () => number,
): WorkspaceStatusConnection {
  const problemsByUri = new Map<string, number>();
  let indexing = true;
  let lastSent: string | undefined;
  let timer: NodeJS.Timeout | undefined;

  const current = (): WorkspaceStatus => {
    let problems = 0;
    for (const count of problemsByUri.values()) problems += count;
    return { notes: noteCount(), problems, notesWithProblems: problemsByUri.size, indexing };
  };

  const notifySoon = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      const status = current();
      const text = JSON.stringify(status);
      if (text === lastSent) return;
      lastSent = text;
      void connection.sendNotification(WORKSPACE_STATUS_CHANGED_NOTIFICATION, status);
    }, NOTIFY_DELAY_MS);
  };

  connection.onRequest(WORKSPACE_STATUS_REQUEST, current);

  return {
    published(uri, diagnostics) {
      const problems = diagnostics.filter((d) => d.severity !== DiagnosticSeverity.Hint).length;
      if (problems > 0) problemsByUri.set(uri, problems);
      else problemsByUri.delete(uri);
      notifySoon();
    },
    notesChanged(stillIndexing = indexing) {
      indexing = stillIndexing;
      notifySoon();
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
