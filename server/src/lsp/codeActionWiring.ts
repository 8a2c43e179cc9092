import {
  CodeActionKind,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type Range,
  type ServerCapabilities,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { fixAllEdits, unambiguousFixes } from '../core/features/codeActions/fixAll';
import {
  insertMitigationRows,
  mitigationCandidates,
} from '../core/features/codeActions/mitigationRows';
import { FIX_PROVIDERS } from '../core/features/codeActions/registry';
import { sameRange } from '../core/features/codeActions/noteText';
import type { FixContext, NoteFix } from '../core/features/codeActions/types';
import { computeNoteFacts, sectionsNamed } from '../core/features/diagnostics/noteFacts';
import { DIAGNOSTIC_SOURCE, isRuleCode } from '../core/features/diagnostics/rules';
import type { VaultIndex } from '../core/index/types';
import type { KnowledgeBase } from '../core/kb/types';
import type { Note } from '../core/model/types';
import { rangeContains } from '../core/text/lineIndex';
import {
  FIX_ALL_KIND,
  INSERT_MITIGATION_ROW_COMMAND,
  INSERT_MITIGATION_ROW_KIND,
  INSERT_MITIGATION_ROWS_REQUEST,
  MITIGATION_CANDIDATES_REQUEST,
  OPEN_CREATED_NOTE_COMMAND,
  type InsertMitigationRowsParams,
  type InsertMitigationRowsResult,
  type MitigationCandidatesParams,
  type MitigationCandidatesResult,
  type OpenCreatedNoteArguments,
} from './codeActionProtocol';

/**
 * Wires quick fixes, fix-all, "Insert Mitigation Row…" and its two requests to the connection.
 * The fixes are core/features/codeActions; this matches the client's diagnostics with the
 * server's fresh ones, turns fixes into code actions and workspace edits as the client can take
 * them (resolved lazily, versioned, with created files), and checks document versions.
 */

export const CODE_ACTION_CAPABILITIES: ServerCapabilities = {
  codeActionProvider: {
    codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, INSERT_MITIGATION_ROW_KIND],
    resolveProvider: true,
  },
  executeCommandProvider: { commands: [OPEN_CREATED_NOTE_COMMAND] },
};

export interface CodeActionWiringContext {
  /** The current model of an open note (or a note of the index). */
  note: (uri: string) => Note | undefined;
  index: () => VaultIndex;
  kb: () => KnowledgeBase | undefined;
  /** Fresh diagnostics of the note as it is now, computed as the scheduler does. */
  diagnose: (uri: string) => Diagnostic[] | undefined;
  /** The editor's version of an open document. */
  documentVersion: (uri: string) => number | undefined;
  clientCapabilities: () => ClientCapabilities | undefined;
}

/** What an unresolved action keeps so `codeAction/resolve` can build its edit. */
interface ActionData {
  uri: string;
  version: number | undefined;
  /** A quick fix: the diagnostic (code and range) and the fix's title. */
  fix?: { code: string; range: Range; title: string };
  fixAll?: true;
}

export function wireCodeActions(connection: Connection, context: CodeActionWiringContext): void {
  const capabilities = () => context.clientCapabilities();

  /** The note and its fix context, when the server has both and the note is current. */
  const fixContextOf = (uri: string): FixContext | undefined => {
    const note = context.note(uri);
    const kb = context.kb();
    if (!note || !kb) return undefined;
    return { note, index: context.index(), kb };
  };

  /** The editor's document has moved on since the model (or the request) was made. */
  const isStale = (uri: string, version: number | undefined): boolean => {
    const current = context.documentVersion(uri);
    return version !== undefined && current !== undefined && current !== version;
  };

  const resolvesLazily = (): boolean => {
    const codeAction = capabilities()?.textDocument?.codeAction;
    return (
      codeAction?.codeActionLiteralSupport !== undefined &&
      codeAction.resolveSupport?.properties.includes('edit') === true
    );
  };

  const canCreateFiles = (): boolean => {
    const workspaceEdit = capabilities()?.workspace?.workspaceEdit;
    return (
      workspaceEdit?.documentChanges === true &&
      workspaceEdit.resourceOperations?.includes('create') === true
    );
  };

  const noteEdit = (
    uri: string,
    version: number | undefined,
    edits: TextEdit[],
    createNote?: NoteFix['createNote'],
  ): WorkspaceEdit => noteWorkspaceEdit(capabilities(), uri, version, edits, createNote);

  /** The server's own diagnostic for one the client sent: same code, range and message. */
  const freshMatch = (fresh: readonly Diagnostic[], sent: Diagnostic): Diagnostic | undefined =>
    fresh.find(
      (d) => d.code === sent.code && d.message === sent.message && sameRange(d.range, sent.range),
    );

  /** One rule's broken fix must not take the other actions (or the request) with it. */
  const safely = <T>(what: string, fallback: T, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      connection.console.error(`${what} failed: ${describe(error)}`);
      return fallback;
    }
  };

  const fixesFor = (fixContext: FixContext, diagnostic: Diagnostic): NoteFix[] => {
    const code = String(diagnostic.code ?? '');
    const provider = isRuleCode(code) ? FIX_PROVIDERS[code] : undefined;
    const fixes = provider
      ? safely(`Fixes of ${code}`, [], () => provider(fixContext, diagnostic))
      : [];
    // A fix that creates a note needs a client that can create files.
    return fixes.filter((fix) => !fix.createNote || canCreateFiles());
  };

  const showDocumentCommand = (fix: NoteFix) =>
    fix.createNote && capabilities()?.window?.showDocument?.support === true
      ? {
          title: 'Open the created note',
          command: OPEN_CREATED_NOTE_COMMAND,
          arguments: [{ uri: fix.createNote.uri } satisfies OpenCreatedNoteArguments],
        }
      : undefined;

  connection.onCodeAction((params: CodeActionParams): CodeAction[] | null => {
    const uri = params.textDocument.uri;
    const fixContext = fixContextOf(uri);
    if (!fixContext) return null;
    const version = fixContext.note.version;
    if (isStale(uri, version)) return null;
    const only = params.context.only;
    const wants = (kind: string) =>
      !only || only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
    const lazy = resolvesLazily();
    const actions: CodeAction[] = [];

    const sent = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const fresh = sent.length > 0 || only ? (context.diagnose(uri) ?? []) : [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of sent) {
        const match = freshMatch(fresh, diagnostic);
        if (!match) continue;
        for (const fix of fixesFor(fixContext, match)) {
          const action: CodeAction = {
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
          };
          if (fix.isPreferred) action.isPreferred = true;
          const command = showDocumentCommand(fix);
          if (command) action.command = command;
          if (lazy) {
            action.data = {
              uri,
              version,
              fix: { code: String(match.code), range: match.range, title: fix.title },
            } satisfies ActionData;
          } else {
            action.edit = noteEdit(uri, version, fix.edits, fix.createNote);
          }
          actions.push(action);
        }
      }
    }

    // Fix-all is a source action: offered when asked for (on save, "Source Action…"), never as
    // a light bulb of its own.
    if (only && wants(FIX_ALL_KIND)) {
      const fixed = safely('Fix-all', [], () => unambiguousFixes(fixContext, fresh));
      if (fixed.length > 0) {
        const action: CodeAction = {
          title: 'Fix all ATT&CK Notes problems that need no choice',
          kind: FIX_ALL_KIND,
          diagnostics: fixed.map(({ diagnostic }) => diagnostic),
        };
        if (lazy) action.data = { uri, version, fixAll: true } satisfies ActionData;
        else {
          const edits = safely('Fix-all', [], () => fixAllEdits(fixContext, fresh));
          action.edit = noteEdit(uri, version, edits);
        }
        actions.push(action);
      }
    }

    if (wants(INSERT_MITIGATION_ROW_KIND) && inMitigationsSection(fixContext, params.range)) {
      actions.push({
        title: 'Insert Mitigation Row…',
        kind: INSERT_MITIGATION_ROW_KIND,
        command: {
          title: 'Insert Mitigation Row…',
          command: INSERT_MITIGATION_ROW_COMMAND,
          arguments: [uri],
        },
      });
    }
    return actions;
  });

  connection.onCodeActionResolve((action: CodeAction): CodeAction => {
    const data = action.data as ActionData | undefined;
    if (!data || typeof data.uri !== 'string' || action.edit) return action;
    const fixContext = fixContextOf(data.uri);
    // The document moved on: no edit rather than one computed for other text.
    if (!fixContext || fixContext.note.version !== data.version || isStale(data.uri, data.version))
      return action;
    const fresh = context.diagnose(data.uri) ?? [];
    if (data.fixAll) {
      const edits = safely('Fix-all', [], () => fixAllEdits(fixContext, fresh));
      if (edits.length > 0) action.edit = noteEdit(data.uri, data.version, edits);
      return action;
    }
    const wanted = data.fix;
    if (!wanted) return action;
    const diagnostic = fresh.find(
      (d) => d.code === wanted.code && sameRange(d.range, wanted.range),
    );
    const fix = diagnostic
      ? fixesFor(fixContext, diagnostic).find((f) => f.title === wanted.title)
      : undefined;
    if (fix) action.edit = noteEdit(data.uri, data.version, fix.edits, fix.createNote);
    return action;
  });

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command !== OPEN_CREATED_NOTE_COMMAND) return null;
    const target = (args?.[0] as OpenCreatedNoteArguments | undefined)?.uri;
    if (typeof target !== 'string') return null;
    await connection.window.showDocument({ uri: target, takeFocus: true });
    return null;
  });

  connection.onRequest(
    MITIGATION_CANDIDATES_REQUEST,
    (params: MitigationCandidatesParams): MitigationCandidatesResult => {
      const fixContext = fixContextOf(params.textDocument.uri);
      const items = fixContext ? mitigationCandidates(fixContext) : undefined;
      return items ? { items } : null;
    },
  );

  connection.onRequest(
    INSERT_MITIGATION_ROWS_REQUEST,
    (params: InsertMitigationRowsParams): InsertMitigationRowsResult => {
      const { uri, version } = params.textDocument;
      const fixContext = fixContextOf(uri);
      if (!fixContext || fixContext.note.version !== version || isStale(uri, version)) return null;
      const ids = Array.isArray(params.ids)
        ? params.ids.filter((id) => typeof id === 'string')
        : [];
      const insertion = insertMitigationRows(fixContext, ids);
      if (!insertion) return null;
      const result: NonNullable<InsertMitigationRowsResult> = {
        edit: noteEdit(uri, version, insertion.edits),
      };
      if (insertion.cursor) result.cursor = insertion.cursor;
      return result;
    },
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * A workspace edit of one note as the client can take it: a `TextDocumentEdit` for the version
 * the edits were made for where it takes document changes (plain `changes` otherwise), and a note
 * to create as `CreateFile` plus its text (offered only to clients that declare `create`). The
 * create fails on an existing file, and the client then applies nothing: text is never written
 * into a note that appeared meanwhile.
 */
export function noteWorkspaceEdit(
  capabilities: ClientCapabilities | undefined,
  uri: string,
  version: number | undefined,
  edits: TextEdit[],
  createNote?: NoteFix['createNote'],
): WorkspaceEdit {
  const documentChanges = capabilities?.workspace?.workspaceEdit?.documentChanges === true;
  if (!documentChanges) return { changes: { [uri]: edits } };
  const changes: NonNullable<WorkspaceEdit['documentChanges']> = [];
  if (edits.length > 0) {
    changes.push({ textDocument: { uri, version: version ?? null }, edits });
  }
  if (createNote) {
    changes.push({
      kind: 'create',
      uri: createNote.uri,
      options: { overwrite: false, ignoreIfExists: false },
    });
    changes.push({
      textDocument: { uri: createNote.uri, version: null },
      edits: [{ range: ZERO_RANGE, newText: createNote.text }],
    });
  }
  return { documentChanges: changes };
}

/** The requested range starts inside the Mitigations section of a technique note. */
function inMitigationsSection({ note, kb }: FixContext, range: Range): boolean {
  if (computeNoteFacts(note, kb).ownKind !== 'technique') return false;
  return sectionsNamed(note, 'mitigations').some((section) =>
    rangeContains(section.range, range.start),
  );
}
