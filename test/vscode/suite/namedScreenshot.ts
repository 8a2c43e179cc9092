// Pictures for the README, taken by the offline runner while a test holds the workbench in the
// state to show (a menu open, a suggestion list): the test logs
// `ATTACK_NOTES_SCREENSHOT <doneFile> <name> [selector]` and waits until the runner has written
// test-results/<name>.png (after the CSS selector matched, when given) and created <doneFile>.
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { SCREENSHOT_PREFIX } from './screenshot';

/**
 * Asks the runner for test-results/<name>.png and resolves once it is taken (or after a deadline:
 * a missing picture is no test failure). Desktop VS Code has no runner watching: no picture.
 */
export async function screenshotAs(
  name: string,
  waitForSelector?: string,
  timeoutMs = 30_000,
): Promise<void> {
  if (vscode.env.uiKind !== vscode.UIKind.Web) return;
  const done = path.join(os.tmpdir(), `attack-notes-screenshot-${process.pid}-${Date.now()}`);
  console.log(`${SCREENSHOT_PREFIX}${done} ${name}${waitForSelector ? ` ${waitForSelector}` : ''}`);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(done) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  rmSync(done, { force: true });
}
