// After the tests, under the offline runner only: show a note with its findings and hold the
// extension host until the runner has photographed the workbench. Once run() settles the
// extension host stops and the findings vanish, so the picture must be taken before that.
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { openNote, noteUri, waitForDiagnostics } from './helpers';

/** Log line the runner answers by taking the screenshot and creating the file it names. */
export const SCREENSHOT_PREFIX = 'ATTACK_NOTES_SCREENSHOT ';
const NOTE = 'techniques/PowerShell.md';

export async function pauseForScreenshot(): Promise<void> {
  // Desktop VS Code (@vscode/test-electron) has no runner watching the log: nothing to wait for.
  if (vscode.env.uiKind !== vscode.UIKind.Web) return;
  try {
    await openNote(NOTE);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await waitForDiagnostics(noteUri(NOTE), (found) => found.length > 0, 10_000);
  } catch {
    // A picture without findings still shows what went wrong; the tests report the failure.
  }
  await photograph();
}

/**
 * Asks the runner for a picture of the workbench as it is now and waits until it is taken:
 * `test-results/<name>.png` (letters, digits, `.`, `_`, `-`), or vscode-workbench.png without a
 * name. Returns at once in desktop VS Code, where no runner watches the log.
 */
export async function takeScreenshot(name: string): Promise<void> {
  if (vscode.env.uiKind !== vscode.UIKind.Web) return;
  await photograph(name);
}

async function photograph(name?: string): Promise<void> {
  const done = path.join(os.tmpdir(), `attack-notes-screenshot-${process.pid}-${Date.now()}`);
  console.log(`${SCREENSHOT_PREFIX}${done}${name ? ` ${name}` : ''}`);
  const deadline = Date.now() + 20_000;
  while (!existsSync(done) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  rmSync(done, { force: true });
}
