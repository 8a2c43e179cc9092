// (k) A language server that dies is started again by the client (client/src/restartPolicy.ts),
// and an open note gets its diagnostics from the new server. Runs last: it ends the server the
// other suites use.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { activeApi, EXTENSION_ID, noteUri, openNote, waitForDiagnostics } from './helpers';

/** vscode-languageclient's `State.Running` (the enum is not bundled into the tests for one value). */
const RUNNING = 2;

/**
 * The process ids of this extension's language servers: children of the extension host (this
 * process) started from the extension's dist/server.js, found in /proc (Linux).
 */
function serverPids(serverScript: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces: state, ppid.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (commandLine.includes(serverScript)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

describe('server restart', () => {
  it('restarts a killed server, and the open note gets diagnostics from the new one', async function () {
    if (process.platform !== 'linux') this.skip(); // finds the server process through /proc
    this.timeout(120_000); // a fresh server indexes the vault again, on a machine under load
    const client = await (await activeApi()).client;
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const serverScript = path.join(extension.extensionPath, 'dist', 'server.js');
    const note = 'techniques/PowerShell.md';
    const uri = noteUri(note);
    const hasBrokenLink = (target: string) => (found: vscode.Diagnostic[]) =>
      found.some((d) => d.message.includes(`[[${target}`));
    const first = waitForDiagnostics(uri, (found) => found.length > 0, 20_000);
    const editor = await openNote(note);
    await first;
    const [before] = serverPids(serverScript);
    assert.ok(before, `no process runs ${serverScript}`);

    const runningAgain = new Promise<void>((resolve) => {
      const subscription = client.onDidChangeState(({ newState }) => {
        if (newState !== RUNNING) return;
        subscription.dispose();
        resolve();
      });
    });
    process.kill(before, 'SIGKILL');
    await runningAgain;
    const after = serverPids(serverScript);
    assert.equal(after.length, 1, `one server runs again (found ${after.join(', ')})`);
    assert.notEqual(after[0], before);

    // Diagnostics from the new server: a link typed now is reported by it alone.
    const fresh = waitForDiagnostics(uri, hasBrokenLink('Restarted probe'), 30_000);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const probe = '\n\n[[Restarted probe]]\n';
    await editor.edit((edit) => edit.insert(end, probe));
    await fresh;
    // Back to the text on disk, so the note is as the other suites left it.
    const probeEnd = editor.document.positionAt(editor.document.offsetAt(end) + probe.length);
    const restored = waitForDiagnostics(
      uri,
      (found) => found.length > 0 && !hasBrokenLink('Restarted probe')(found),
      20_000,
    );
    await editor.edit((edit) => edit.delete(new vscode.Range(end, probeEnd)));
    await restored;
    await editor.document.save();
    // The one restart message has been seen; the workbench picture taken next shows the note.
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
