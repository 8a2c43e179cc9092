import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import {
  DidChangeConfigurationNotification,
  DocumentDiagnosticRequest,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { fileUri, LspClient, type RequestHandler } from '../../test/support/lspClient';
import { peakResidentMb } from '../support/measure';
import { scenario } from '../support/scenario';
import { markdownFiles, type ScaledVault } from '../support/vaults';

/** VS Code's own Markdown language server, as installed from npm. */
function serverCommand(): string[] {
  const main = path.join(
    path.dirname(require.resolve('vscode-markdown-languageserver/package.json')),
    'dist',
    'node',
    'workerMain.js',
  );
  return [process.execPath, main, '--stdio'];
}

export interface MarkdownServerRun {
  /** From `didOpen` of the large note (server just initialized) to its pulled diagnostics. */
  firstDiagnosticsMs: number;
  /** From `initialize` to link diagnostics pulled for every note of the vault. */
  workspaceMs: number;
  notes: number;
  /** Diagnostics over all notes (a clean vault should have none: its links are wikilinks). */
  diagnostics: number;
  peakMb?: number;
}

/** How many notes are opened and checked at once: enough to keep the server busy. */
const IN_FLIGHT = 16;

/**
 * The server keeps no parser and no file system of its own: like VS Code's Markdown extension,
 * the client answers `markdown/parse` with markdown-it tokens and `markdown/fs/*` from disk (file
 * contents as an array of bytes, as VS Code sends them).
 */
function clientHandlers(root: string): Record<string, RequestHandler> {
  const md = new MarkdownIt({ html: true, linkify: true });
  const fsPath = (params: unknown) => URI.parse((params as { uri: string }).uri).fsPath;
  return {
    'markdown/parse': (params) => {
      const { text } = params as { text?: string };
      return md.parse(text ?? readFileSync(fsPath(params), 'utf8'), {});
    },
    'markdown/fs/readFile': (params) => Array.from(readFileSync(fsPath(params))),
    'markdown/fs/stat': (params) => {
      try {
        return { isDirectory: statSync(fsPath(params)).isDirectory() };
      } catch {
        return undefined;
      }
    },
    'markdown/fs/readDirectory': (params) =>
      readdirSync(fsPath(params), { withFileTypes: true }).map((entry) => [
        entry.name,
        { isDirectory: entry.isDirectory() },
      ]),
    'markdown/findMarkdownFilesInWorkspace': () =>
      markdownFiles(root).map((file) => fileUri(path.join(root, file))),
    'markdown/fs/watcher/create': () => undefined,
    'markdown/fs/watcher/delete': () => undefined,
    'workspace/diagnostic/refresh': () => undefined,
  };
}

/** Settings as VS Code's Markdown extension sends them, with every link check on. */
const SETTINGS = {
  markdown: {
    server: { log: 'off' },
    preferredMdPathExtensionStyle: 'auto',
    suggest: { paths: { enabled: true } },
    occurrencesHighlight: { enabled: false },
    validate: {
      enabled: true,
      referenceLinks: { enabled: 'warning' },
      fragmentLinks: { enabled: 'warning' },
      fileLinks: { enabled: 'warning', markdownFragmentLinks: 'inherit' },
      ignoredLinks: [],
      unusedLinkDefinitions: { enabled: 'warning' },
      duplicateLinkDefinitions: { enabled: 'warning' },
    },
  },
};

interface DiagnosticReport {
  kind: string;
  items?: unknown[];
}

/**
 * One cold session: its validation is pull-based and only for open documents, so "link
 * diagnostics of the workspace" means opening every note and pulling its diagnostics, as a
 * client asking for the whole workspace would.
 */
export async function measureMarkdownServer(vault: ScaledVault): Promise<MarkdownServerRun> {
  const scene = scenario(vault);
  const started = performance.now();
  const client = await LspClient.start({
    workspaceFolders: [vault.root],
    command: serverCommand(),
    initializationOptions: { markdownFileExtensions: ['md'] },
    capabilities: {
      workspace: { configuration: false, workspaceFolders: true },
      textDocument: { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
    },
    requestHandlers: clientHandlers(vault.root),
    initializeTimeoutMs: 30000,
  });
  try {
    client.keepNotifications = false;
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: SETTINGS,
    });
    const pull = async (uri: string): Promise<number> => {
      const report = await client.request<DiagnosticReport>(
        DocumentDiagnosticRequest.method,
        { textDocument: { uri } },
        60000,
      );
      return report.items?.length ?? 0;
    };

    const opened = performance.now();
    await client.open(scene.large.uri, scene.large.text);
    let diagnostics = await pull(scene.large.uri);
    const firstDiagnosticsMs = performance.now() - opened;

    const rest = markdownFiles(vault.root)
      .map((file) => path.join(vault.root, file))
      .filter((file) => fileUri(file) !== scene.large.uri);
    let next = 0;
    const worker = async () => {
      while (next < rest.length) {
        const file = rest[next++];
        const uri = fileUri(file);
        await client.open(uri, readFileSync(file, 'utf8'));
        diagnostics += await pull(uri);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const workspaceMs = performance.now() - started;
    const peakMb = client.pid ? peakResidentMb(client.pid) : undefined;
    await client.stop();
    return { firstDiagnosticsMs, workspaceMs, notes: rest.length + 1, diagnostics, peakMb };
  } catch (error) {
    client.kill();
    throw error;
  }
}
