// The link policy (linkPolicy.ts) applied with VS Code's own URI parser and workspace folders: the
// one check before a webview's request opens a note or a web page. Shared by the preview and the
// coverage matrix. What is opened is built from the parts the policy checked, nothing else.
import { Uri, workspace, type OutputChannel } from 'vscode';
import { decideLink, type LinkRequest } from './linkPolicy';

function decide(request: LinkRequest, log: OutputChannel, who: string) {
  const folders = (workspace.workspaceFolders ?? []).map((folder) => folder.uri);
  const decision = decideLink(request, folders, (value) => Uri.parse(value, true));
  if (decision.open === 'nothing') {
    const shown = JSON.stringify(request.target.slice(0, 200));
    log.appendLine(`${who}: refused to open ${shown}: ${decision.reason}.`);
  }
  return decision;
}

/** The note's URI when it may be opened, else undefined (and the reason is logged as `who: …`). */
export function allowedNoteUri(value: string, log: OutputChannel, who: string): Uri | undefined {
  const decision = decide({ kind: 'note', target: value }, log, who);
  return decision.open === 'note' ? Uri.from(decision.note) : undefined;
}

/**
 * The http(s) URL to hand to `env.openExternal` (which asks the user before a domain they have not
 * trusted opens), else undefined (and the reason is logged).
 */
export function allowedWebUri(value: string, log: OutputChannel, who: string): Uri | undefined {
  const decision = decide({ kind: 'web', target: value }, log, who);
  return decision.open === 'web' ? Uri.parse(decision.url, true) : undefined;
}
