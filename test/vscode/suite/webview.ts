// The suite's half of the webview bridge (the runner's half: test/vscode/webviewProbe.mjs). The
// preview's DOM is in the browser, which only the runner reaches: each call logs one request line
// and waits, with a deadline, for the runner to write its answer into a file.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';

/** Log line prefix the runner answers (keep in step with WEBVIEW_PREFIX in webviewProbe.mjs). */
export const WEBVIEW_PREFIX = 'ATTACK_NOTES_WEBVIEW ';

/** Only the offline runner (code-server + Playwright) watches the log; desktop runs have no DOM. */
export function webviewBridgeAvailable(): boolean {
  return vscode.env.uiKind === vscode.UIKind.Web;
}

export interface WebviewElement {
  tag: string;
  text: string;
  attributes: Record<string, string>;
  /** Position relative to the webview's viewport, in CSS pixels. */
  top: number;
  bottom: number;
}

export interface WebviewSnapshot {
  elements: WebviewElement[];
  scrollY: number;
  viewportHeight: number;
  title: string;
  htmlAttributes: Record<string, string>;
  bodyAttributes: Record<string, string>;
  /** Those of the asked-for global names that exist on the page's window. */
  definedGlobals: string[];
}

export interface RecordedRequest {
  url: string;
  method: string;
  type: string;
  frameUrl?: string;
}

type Answer<T> = { ok: true; result: T } | { ok: false; error: string };

let sequence = 0;

async function ask<T>(request: Record<string, unknown>, timeoutMs = 30_000): Promise<T> {
  const doneFile = path.join(
    os.tmpdir(),
    `attack-notes-webview-${process.pid}-${Date.now()}-${++sequence}.json`,
  );
  console.log(`${WEBVIEW_PREFIX}${JSON.stringify({ ...request, doneFile })}`);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(doneFile)) {
    if (Date.now() > deadline)
      throw new Error(
        `the runner did not answer ${JSON.stringify(request)} within ${timeoutMs} ms`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const answer = JSON.parse(readFileSync(doneFile, 'utf8')) as Answer<T>;
  rmSync(doneFile, { force: true });
  if (!answer.ok) throw new Error(`webview ${String(request.action)}: ${answer.error}`);
  return answer.result;
}

/**
 * The page root of the webview to act in, for webviews other than the preview (whose root the
 * runner looks for when none is given): `#attack-notes-matrix` for the coverage matrix.
 */
export interface WebviewTarget {
  root?: string;
}

/** The preview's elements matching `selector` and the page's state; `globals` are looked up on window. */
export function readWebview(
  selector: string,
  globals: string[] = [],
  target: WebviewTarget = {},
): Promise<WebviewSnapshot> {
  return ask({ action: 'read', selector, globals, ...target });
}

/** Clicks the first element matching `selector` with the mouse, as a person would. */
export function clickInWebview(selector: string, target: WebviewTarget = {}): Promise<unknown> {
  return ask({ action: 'click', selector, ...target });
}

/** Scrolls the preview so the first element matching `selector` is at the top. */
export function scrollWebviewTo(selector: string): Promise<{ scrollY: number }> {
  return ask({ action: 'scroll', selector });
}

/**
 * Posts `messages` into the webview host exactly as the page's own script would
 * (acquireVsCodeApi().postMessage): a page taken over by a hostile note could send these.
 */
export function postFromWebview(messages: unknown[], target: WebviewTarget = {}): Promise<unknown> {
  return ask({ action: 'post', messages, ...target });
}

export interface WorkbenchState {
  /** Text of each dialog the workbench shows. */
  dialogs: string[];
  /** Pages open in the browser (the workbench is one). */
  pages: number;
}

/** The workbench's dialogs and the browser's page count. */
export function readWorkbench(): Promise<WorkbenchState> {
  return ask({ action: 'workbench' });
}

/** Presses keys in the workbench (Playwright's names: `Control+Shift+V`). */
export function pressKeys(keys: string): Promise<unknown> {
  return ask({ action: 'press', keys });
}

/** Starts recording every request the browser page makes (workbench and webviews). */
export function recordRequests(): Promise<unknown> {
  return ask({ action: 'recordRequests' });
}

export async function stopRecording(): Promise<RecordedRequest[]> {
  return (await ask<{ requests: RecordedRequest[] }>({ action: 'stopRecording' })).requests;
}

/** Every file under `folder`, recursively. */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(path.join(folder, entry.name))
      : [path.join(folder, entry.name)],
  );
}

/**
 * The extension's output channel ("ATT&CK Notes") as VS Code has written it to its log folder:
 * the offline runner gives code-server the user-data folder beside the workspace copy
 * (test/vscode/run-offline.mjs), and VS Code writes each output channel to a file under its logs.
 */
export function extensionLog(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const logs = path.join(path.dirname(folder), 'user-data', 'logs');
  return filesUnder(logs)
    .filter((file) => file.endsWith('ATT&CK Notes.log'))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
}
