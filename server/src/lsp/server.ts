import {
  createConnection,
  DidChangeWatchedFilesNotification,
  WatchKind,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { computeDiagnostics } from '../core/features/diagnostics/computeDiagnostics';
import { CONFIG_FILE_NAME } from '../core/features/diagnostics/config';
import { documentSymbols } from '../core/features/documentSymbols';
import type { LoadReport } from '../core/index/diskVault';
import { describeSkip, type SkippedFile } from '../core/index/noteFiles';
import type { IndexedNote, VaultIndex } from '../core/index/types';
import type { IndexChange } from '../core/index/workspaceIndex';
import { canonicalUri } from '../core/index/vaultPaths';
import { summaryCacheFile } from '../core/index/summaryCache';
import { warmUpLinkers } from './linkersWarmUp';
import type { AttackKnowledgeBase } from '../core/kb/knowledgeBase';
import { parseNote } from '../core/model/parseNote';
import type { Note } from '../core/model/types';
import { CODE_ACTION_CAPABILITIES, wireCodeActions } from './codeActionWiring';
import { COMPLETION_HOVER_CAPABILITIES, wireCompletionAndHover } from './completionHoverWiring';
import { connectCoverage } from './coverageWiring';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { protectServer } from './faultBarrier';
import { connectKnowledgeBase, type KnowledgeBaseConnection } from './knowledgeBaseWiring';
import {
  connectNavigation,
  NAVIGATION_CAPABILITIES,
  NAVIGATION_FILE_OPERATIONS,
} from './navigationWiring';
import { wireNoteKind } from './noteKindWiring';
import { NoteWorkspace, type FileChange } from './noteWorkspace';
import { connectMatrixRequests } from './matrixWiring';
import { connectPreview } from './previewWiring';
import { RuleConfigs } from './ruleConfigs';
import { DEFAULT_SETTINGS, fetchSettings, type ServerSettings } from './settings';
import { markStartup } from './startupMarks';
import { connectStartupTrace, type StartupTraceRecorder } from './startupTrace';
import { connectWorkspaceStatus } from './workspaceStatusWiring';
import { connectWorkspaceTrust, type WorkspaceTrust } from './workspaceTrustWiring';

export const SERVER_NAME = 'attack-notes';
export const SERVER_VERSION = '0.1.0';

/**
 * Wires LSP requests to the feature modules. It holds no language logic: it keeps the workspace
 * in step with the editor and the disk, and turns feature results into protocol messages.
 */
export function startServer(
  rawConnection: Connection = createConnection(ProposedFeatures.all),
): void {
  // Every handler registered below answers a fault with an error for its own request only.
  const connection = protectServer(rawConnection);
  const documents = new TextDocuments(TextDocument);
  const parse = (text: string, uri: string, version?: number): Note =>
    parseNote(text, uri, { version });
  let workspace = new NoteWorkspace([], parse);
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let canAskForSettings = false;
  let canWatchFiles = false;
  let initializationSettings: unknown;
  let folders: string[] = [];
  let knowledgeBase: KnowledgeBaseConnection | undefined;
  /** Set at initialize; editors that say nothing about trust count as trusted. */
  let trust: WorkspaceTrust | undefined;
  let clientCapabilities: ClientCapabilities | undefined;
  /** The editor outlines Markdown headings itself (VS Code): the outline adds table rows only. */
  let editorOutlinesHeadings = false;
  /** Resolves when the first index of the workspace is complete. */
  let indexReady: Promise<void> = Promise.resolve();
  /** Settles once, when the first index is complete (or has failed). */
  let firstIndexDone: () => void = () => undefined;
  const firstIndex = new Promise<void>((resolve) => (firstIndexDone = resolve));
  /** The first reading of the vault from disk, started as soon as the folders are known. */
  let firstLoad: Promise<{ report: LoadReport; ms: number }> | undefined;
  /** Where the first reading reports its progress (nowhere until the client has a progress bar). */
  let reportIndexProgress: (done: number, total: number) => void = () => undefined;
  /** Where the start-up time went, when the client asked (`initializationOptions.startupTrace`). */
  let startupTrace: StartupTraceRecorder | undefined;

  const ruleConfigs = new RuleConfigs();

  /** A file named like a note that is not read as one (too large, binary, a link that leaves). */
  const warnSkipped = ({ uri, reason }: SkippedFile): void =>
    connection.console.warn(`Skipped ${uri}: ${describeSkip(reason)}`);

  const modelOf = (uri: string) => workspace.index.get(uri)?.note;

  /** Reads `.attack-notes.json` of each folder and `attackNotes.rules`; reports what it ignored. */
  const loadRuleConfigs = (): void => {
    for (const problem of ruleConfigs.load(folders, settings.rules, trust?.trusted ?? true)) {
      connection.console.warn(problem);
      void connection.window.showWarningMessage(`ATT&CK Notes: ${problem}`);
    }
    trust?.reportRuleLimits(ruleConfigs.untrustedLimits);
    coverage.everythingChanged();
  };

  /**
   * A note's findings under its folder's rules (diagnostics, code actions and coverage, which
   * passes a model it does not keep; the start-up trace passes an index that times links).
   */
  const diagnose = (
    indexed: IndexedNote,
    kb: AttackKnowledgeBase,
    model = indexed.note,
    index: VaultIndex = workspace.index,
  ) => computeDiagnostics(model, index, kb, ruleConfigs.forFolder(indexed.folderUri));

  /** The findings of a note as it is now (the scheduler's and the code actions' source). */
  const diagnoseNow = (uri: string) => {
    const indexed = workspace.index.get(uri);
    const kb = knowledgeBase?.current;
    if (!indexed || !kb) return undefined;
    const diagnostics = startupTrace
      ? startupTrace.diagnose(uri, workspace.index, (index) =>
          diagnose(indexed, kb, indexed.note, index),
        )
      : diagnose(indexed, kb);
    return { version: indexed.note.version, diagnostics };
  };

  // The status bar's counts: notes in the index, problems published.
  const status = connectWorkspaceStatus(connection, () => workspace.index.size);

  const diagnostics = new DiagnosticsScheduler(
    diagnoseNow,
    (uri, version, items) => {
      void connection.sendDiagnostics({ uri, version, diagnostics: items });
      status.published(uri, items);
    },
    () => settings.diagnosticsDelay,
    (uri) => documents.get(uri)?.version,
    (uri, error) => connection.console.error(`Diagnostics failed for ${uri}: ${describe(error)}`),
  );

  /** Open notes whose results depend on what changed get fresh diagnostics. */
  const refreshDependents = (changes: readonly IndexChange[]): void => {
    const affected = new Set<string>();
    if (changes.some((change) => change.identityChanged)) {
      knowledgeBase?.refreshVault(workspace.index.notes());
    }
    for (const change of changes) {
      if (change.identityChanged) workspace.openUris().forEach((uri) => affected.add(uri));
      change.linkers.forEach((uri) => affected.add(uri));
    }
    for (const uri of affected) if (workspace.isOpen(uri)) diagnostics.schedule(uri);
    navigation.notesChanged();
    status.notesChanged();
    coverage.notesChanged(changes);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    markStartup('initialize');
    folders =
      params.workspaceFolders?.map((folder) => folder.uri) ??
      (params.rootUri ? [params.rootUri] : []);
    const initializationOptions = params.initializationOptions as
      | {
          settings?: unknown;
          workspaceTrusted?: boolean;
          indexCacheDirectory?: unknown;
          editorOutlinesHeadings?: unknown;
          startupTrace?: unknown;
        }
      | undefined;
    // The client names a folder of its own (VS Code: the workspace's storage) for the summary
    // cache; without one nothing is written anywhere.
    const cacheDirectory = initializationOptions?.indexCacheDirectory;
    workspace = new NoteWorkspace(
      folders,
      parse,
      [],
      typeof cacheDirectory === 'string' && cacheDirectory !== '' && folders.length > 0
        ? { file: summaryCacheFile(cacheDirectory, folders), version: SERVER_VERSION }
        : undefined,
      warnSkipped,
    );
    clientCapabilities = params.capabilities;
    editorOutlinesHeadings = initializationOptions?.editorOutlinesHeadings === true;
    canAskForSettings = params.capabilities.workspace?.configuration === true;
    canWatchFiles =
      params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    initializationSettings = initializationOptions?.settings;
    trust = connectWorkspaceTrust(
      connection,
      initializationOptions?.workspaceTrusted !== false,
      (trusted) => {
        // Trust granted later: the bundles load and the whole rule configuration applies.
        loadRuleConfigs();
        diagnostics.scheduleAll(workspace.openUris(), 0);
        void knowledgeBase?.setTrusted(trusted);
      },
    );
    knowledgeBase = connectKnowledgeBase(connection, {
      trusted: trust.trusted,
      onChange: () => {
        diagnostics.scheduleAll(workspace.openUris(), 0);
        coverage.everythingChanged();
      },
      // Its ~100 ms warm-up would otherwise run between the first index's batches (bench: cold index).
      warmUpAfter: firstIndex,
    });
    markStartup('catalog-loaded');
    if (initializationOptions?.startupTrace === true)
      startupTrace = connectStartupTrace(connection);
    firstLoad = startFirstLoad();
    indexReady = firstLoad.then(() => undefined);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Full, save: false },
        documentSymbolProvider: { label: 'ATT&CK note' },
        ...COMPLETION_HOVER_CAPABILITIES,
        ...NAVIGATION_CAPABILITIES,
        ...CODE_ACTION_CAPABILITIES,
        workspace: {
          workspaceFolders: { supported: true, changeNotifications: false },
          fileOperations: NAVIGATION_FILE_OPERATIONS,
        },
      },
      serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
    };
  });

  connection.onInitialized(() => {
    indexReady = (async () => {
      // The three requests go out together: their answers come in one round trip, not three.
      const [fetched, progress] = await Promise.all([
        fetchSettings(connection, canAskForSettings, initializationSettings),
        connection.window.createWorkDoneProgress(),
        canWatchFiles ? registerFileWatchers() : undefined,
      ]);
      settings = fetched;
      workspace.setExcludes([...settings.filesExclude, ...settings.exclude]);
      loadRuleConfigs();
      // Not awaited: a large bundle must not delay indexing; its arrival re-checks open notes.
      void knowledgeBase?.applySettings(settings.stixBundles, folders);
      progress.begin('ATT&CK Notes: indexing notes', 0, undefined, false);
      reportIndexProgress = (done, total) =>
        progress.report(Math.round((done / Math.max(total, 1)) * 100), `${done}/${total} notes`);
      let loaded: LoadReport | undefined;
      try {
        const { report, ms } = await (firstLoad ?? startFirstLoad());
        loaded = report;
        // Notes read before the exclude settings arrived, which they exclude.
        const dropped = workspace.dropExcluded();
        // Open notes keep the editor's text, whatever the disk held.
        for (const document of documents.all())
          workspace.updateOpen(document.uri, document.getText(), document.version);
        connection.console.log(
          `Indexed ${report.notes - dropped} notes in ${Math.round(ms)} ms` +
            ` (${report.fromCache} unchanged since the last session)` +
            (report.failures.length ? `; ${report.failures.length} could not be read` : ''),
        );
        for (const failure of report.failures)
          connection.console.warn(`Could not read ${failure.uri}: ${failure.message}`);
        report.skipped.forEach(warnSkipped);
      } finally {
        progress.done();
      }
      knowledgeBase?.refreshVault(workspace.index.notes());
      diagnostics.scheduleAll(workspace.openUris(), 0);
      markStartup('index-complete');
      if (loaded) startupTrace?.indexComplete(loaded);
      void connection.sendNotification('attackNotes/indexReady', { notes: workspace.index.size });
      status.notesChanged(false);
      // Written a little later, off the path of the first requests; again at shutdown if needed.
      setTimeout(saveSummaryCache, SUMMARY_CACHE_DELAY_MS).unref();
      warmUpLinkers(() => workspace.index);
    })()
      .catch((error: unknown) => connection.console.error(`Indexing failed: ${describe(error)}`))
      .finally(firstIndexDone);
  });

  const registerFileWatchers = () =>
    connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [
        { globPattern: '**/*.{md,markdown}' },
        { globPattern: `**/${CONFIG_FILE_NAME}` },
        // Folders: a deleted folder is reported without its notes, and a folder that arrives
        // with its notes (a copy, a checkout) may be reported without them.
        { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
      ],
    });

  /**
   * Reads the vault from right after `initialize` is answered, with the default excludes, so
   * the reading fills the time the handshake (`initialized`, then settings, progress and watcher
   * requests) would leave idle; the client's excludes apply from when they arrive.
   */
  const startFirstLoad = (): Promise<{ report: LoadReport; ms: number }> =>
    new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
      markStartup('load-start');
      const started = performance.now();
      const report = await workspace.loadFromDisk((done, total) =>
        reportIndexProgress(done, total),
      );
      markStartup('load-end');
      return { report, ms: performance.now() - started };
    });

  documents.onDidOpen(({ document }) => {
    const opened = performance.now();
    const change = workspace.updateOpen(document.uri, document.getText(), document.version);
    startupTrace?.noteOpened(canonicalUri(document.uri), performance.now() - opened);
    diagnostics.schedule(canonicalUri(document.uri), 0);
    refreshDependents([change]);
  });
  documents.onDidChangeContent(({ document }) => {
    const change = workspace.updateOpen(document.uri, document.getText(), document.version);
    diagnostics.schedule(canonicalUri(document.uri));
    refreshDependents([change]);
  });
  documents.onDidClose(({ document }) => {
    const uri = canonicalUri(document.uri);
    diagnostics.clear(uri);
    void workspace.close(uri).then((change) => refreshDependents([change]));
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    await indexReady;
    if (changes.some((change) => RuleConfigs.isConfigFile(change.uri))) {
      loadRuleConfigs();
      diagnostics.scheduleAll(workspace.openUris(), 0);
    }
    const results = await workspace.applyFileChanges(
      changes.map((change) => ({ uri: change.uri, type: change.type as number as FileChange })),
    );
    refreshDependents(results);
  });

  connection.onDidChangeConfiguration(async () => {
    await indexReady;
    const previous = settings;
    settings = await fetchSettings(connection, canAskForSettings, initializationSettings);
    if (settings.referencesCodeLens !== previous.referencesCodeLens) navigation.refreshCodeLenses();
    const excludes = [...settings.filesExclude, ...settings.exclude];
    if (excludes.join('\n') !== [...previous.filesExclude, ...previous.exclude].join('\n')) {
      workspace.setExcludes(excludes);
      const report = await workspace.rebuild(
        documents.all().map((document) => ({
          uri: document.uri,
          text: document.getText(),
          version: document.version,
        })),
      );
      connection.console.log(`Excludes changed: re-indexed ${report.notes} notes`);
      knowledgeBase?.refreshVault(workspace.index.notes());
      status.notesChanged();
    }
    loadRuleConfigs();
    if (settings.stixBundles.join('\n') !== previous.stixBundles.join('\n')) {
      await knowledgeBase?.applySettings(settings.stixBundles, folders);
    }
    diagnostics.scheduleAll(workspace.openUris(), 0);
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const note = modelOf(textDocument.uri);
    return note
      ? documentSymbols(note, knowledgeBase?.current, { headings: !editorOutlinesHeadings })
      : [];
  });

  wireNoteKind(connection, (uri) => workspace.index.get(uri)?.identity);

  wireCompletionAndHover(connection, {
    note: modelOf,
    index: () => workspace.index,
    kb: () => knowledgeBase?.current,
    snippets: () =>
      clientCapabilities?.textDocument?.completion?.completionItem?.snippetSupport === true,
  });

  wireCodeActions(connection, {
    note: modelOf,
    index: () => workspace.index,
    kb: () => knowledgeBase?.current,
    diagnose: (uri) => diagnoseNow(uri)?.diagnostics,
    documentVersion: (uri) => documents.get(uri)?.version,
    clientCapabilities: () => clientCapabilities,
  });

  const navigation = connectNavigation(connection, {
    index: () => workspace.index,
    knowledgeBase: () => knowledgeBase?.current,
    indexReady: () => indexReady,
    referencesCodeLens: () => settings.referencesCodeLens,
    clientCapabilities: () => clientCapabilities,
  });

  connectPreview(connection, {
    index: () => workspace.index,
    kb: () => knowledgeBase?.current,
    indexReady: () => indexReady,
  });

  const coverage = connectCoverage(connection, {
    index: () => workspace.index,
    kb: () => knowledgeBase?.current,
    indexReady: () => indexReady,
    diagnosticsOf: diagnose,
    folders: () => folders,
  });

  connectMatrixRequests(connection, {
    index: () => workspace.index,
    kb: () => knowledgeBase?.current,
    indexReady: () => indexReady,
    folders: () => folders,
  });

  const saveSummaryCache = (): void => {
    const problem = workspace.saveCache();
    if (problem) connection.console.warn(`Could not write the index cache: ${problem}`);
  };

  connection.onShutdown(() => {
    saveSummaryCache();
    diagnostics.dispose();
    status.dispose();
    coverage.dispose();
    knowledgeBase?.dispose();
  });
  documents.listen(connection);
  connection.listen();
  markStartup('listening');
}

/** How long after the first index the summary cache is written. */
const SUMMARY_CACHE_DELAY_MS = 2000;

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
