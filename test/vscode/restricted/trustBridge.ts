// Asks the runner (test/vscode/run-restricted.mjs) to trust the folder. No extension API grants
// trust: a person does, in the Workspace Trust editor, and only the runner reaches the page. The
// suite logs one request line and waits, with a deadline, for the runner's answer file.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';

/** Log line prefix the runner answers (keep in step with TRUST_PREFIX in run-restricted.mjs). */
export const TRUST_PREFIX = 'ATTACK_NOTES_TRUST ';

/** Opens the Workspace Trust editor and has the runner press its Trust button. */
export async function trustFolderAsAPersonWould(timeoutMs = 30_000): Promise<void> {
  await vscode.commands.executeCommand('workbench.trust.manage');
  const doneFile = path.join(os.tmpdir(), `attack-notes-trust-${process.pid}-${Date.now()}.json`);
  console.log(`${TRUST_PREFIX}${doneFile}`);
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(doneFile)) {
    if (Date.now() > deadline)
      throw new Error(`the runner did not press Trust within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const answer = JSON.parse(readFileSync(doneFile, 'utf8')) as { ok: boolean; error?: string };
  rmSync(doneFile, { force: true });
  if (!answer.ok) throw new Error(`the runner could not press Trust: ${answer.error}`);
}
