import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import type { IndexedNote } from '../core/index/types';
import { pathFromUri } from '../core/index/vaultPaths';
import type { AttackKnowledgeBase } from '../core/kb/knowledgeBase';
import type { BundleProblem } from '../core/kb/userBundles';
import { vaultDefinitionsOf } from '../core/kb/vaultDefinitions';
import { KnowledgeBaseService } from './knowledgeBaseService';
import { KNOWLEDGE_BASE_CHANGED_NOTIFICATION, KNOWLEDGE_BASE_INFO_REQUEST } from './protocol';

/**
 * Connects the knowledge base service to the LSP connection: answers
 * `attackNotes/knowledgeBaseInfo`, tells the client when the knowledge base changes, shows bundle
 * problems as window messages, and follows workspace trust (told by workspaceTrustWiring.ts).
 */
export interface KnowledgeBaseConnection {
  /** The knowledge base to check notes against (catalog + bundles + vault). */
  readonly current: AttackKnowledgeBase;
  /** Loads `attackNotes.stixBundles`, resolving relative entries against the workspace folders. */
  applySettings(stixBundles: readonly string[], folderUris: readonly string[]): Promise<void>;
  /** Re-reads the IDs the vault's notes define; call after indexing and when identities change. */
  refreshVault(notes: Iterable<IndexedNote>): void;
  /** The workspace was trusted (or no longer is): the setting's bundles load (or unload). */
  setTrusted(trusted: boolean): Promise<void>;
  dispose(): void;
}

export interface KnowledgeBaseConnectionOptions {
  /** Whether the workspace is trusted when the server starts (workspaceTrustWiring.ts). */
  trusted: boolean;
  /** Called after every change, e.g. to re-check open notes. */
  onChange?: (kb: AttackKnowledgeBase) => void;
  /** Knowledge base warm-ups wait for this (the first index of the vault). */
  warmUpAfter?: Promise<unknown>;
}

export function connectKnowledgeBase(
  connection: Connection,
  options: KnowledgeBaseConnectionOptions,
): KnowledgeBaseConnection {
  let trusted = options.trusted;
  let lastSettings: { paths: readonly string[]; folders: string[] } = { paths: [], folders: [] };
  /** The newer-vault line last logged: logged once, again only when it says something else. */
  let loggedNewerVault: string | undefined;
  const service = new KnowledgeBaseService({
    onChange: (kb) => {
      const info = service.info();
      if (info.newerVault && info.newerVault !== loggedNewerVault)
        connection.console.warn(`ATT&CK Notes: ${info.newerVault}`);
      loggedNewerVault = info.newerVault;
      void connection.sendNotification(KNOWLEDGE_BASE_CHANGED_NOTIFICATION, info);
      options.onChange?.(kb);
    },
    onProblems: (problems) => problems.forEach(show),
    warmUpAfter: options.warmUpAfter,
  });

  function show(problem: BundleProblem): void {
    const message = `ATT&CK Notes: ${problem.message}`;
    connection.console.warn(message);
    // A notification, not window/showMessageRequest: nothing waits for the user to dismiss it,
    // and clients without message requests still show it.
    void connection.sendNotification(ShowMessageNotification.type, {
      type: problem.severity === 'error' ? MessageType.Error : MessageType.Warning,
      message,
    });
  }

  const configure = () =>
    service.configure({
      paths: lastSettings.paths,
      workspaceFolders: lastSettings.folders,
      trusted,
    });

  connection.onRequest(KNOWLEDGE_BASE_INFO_REQUEST, () => service.info());

  return {
    get current() {
      return service.current;
    },
    async applySettings(stixBundles, folderUris) {
      lastSettings = { paths: [...stixBundles], folders: folderUris.map(pathFromUri) };
      await configure();
    },
    async setTrusted(next) {
      trusted = next;
      await configure();
    },
    refreshVault(notes) {
      service.setVaultDefinitions(vaultDefinitionsOf(notes));
    },
    dispose: () => service.dispose(),
  };
}
