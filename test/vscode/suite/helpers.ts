// Shared steps of the real-VS-Code tests: find the extension, open notes of the sample vault,
// and wait for events with a deadline instead of sleeping.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AttackNotesApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'attack-notes.attack-notes';
export const DIAGNOSTIC_SOURCE = 'attack-notes';

/** Activates the extension (a no-op when VS Code already did) and waits for its server. */
export async function activeApi(): Promise<AttackNotesApi> {
  const extension = vscode.extensions.getExtension<AttackNotesApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  await api.client;
  return api;
}

/** A note of the test workspace (examples/vault), by its path inside the vault. */
export function noteUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need examples/vault opened as the workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

export async function openNote(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(noteUri(relativePath));
  assert.equal(document.languageId, 'markdown');
  return vscode.window.showTextDocument(document);
}

/** Resolves with the extension's diagnostics for `uri` as soon as `accept` likes them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs: number,
): Promise<vscode.Diagnostic[]> {
  const ours = () =>
    vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
  return new Promise((resolve, reject) => {
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      subscription.dispose();
      outcome();
    };
    const check = () => {
      const found = ours();
      if (accept(found)) finish(() => resolve(found));
    };
    // Subscribe before the first look, so an update between the two is not missed.
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      const seen = ours().map((d) => `${d.range.start.line + 1}: ${d.message}`);
      finish(() =>
        reject(
          new Error(
            `no matching ${DIAGNOSTIC_SOURCE} diagnostics for ${uri.path} within ${timeoutMs} ms; ` +
              `seen: ${seen.length > 0 ? seen.join(' | ') : 'none'}`,
          ),
        ),
      );
    }, timeoutMs);
    check();
  });
}

/**
 * Asks `attempt` again until it returns a value or the deadline passes. For results that have no
 * change event to wait on (a provider answering before the server has seen the document).
 */
export async function eventually<T>(
  attempt: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 50;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 500);
  }
}

/** Waits until the note at `uri` is in the active editor (opened by a click, a pick, a command). */
export function waitForActiveEditor(
  uri: vscode.Uri,
  timeoutMs: number,
  what = `${uri.path} in the active editor`,
): Promise<vscode.TextEditor> {
  return eventually(
    async () => {
      const editor = vscode.window.activeTextEditor;
      return editor?.document.uri.path === uri.path ? editor : undefined;
    },
    timeoutMs,
    what,
  );
}
