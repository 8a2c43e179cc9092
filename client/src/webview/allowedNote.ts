// The one check before a webview's request opens a note: a parseable file: URI of a Markdown
// note inside a workspace folder (noteUriProblem). Shared by the preview and the coverage matrix.
import { Uri, workspace, type OutputChannel } from 'vscode';
import { noteUriProblem } from '../preview/messages';

/** The note's URI when it may be opened, else undefined (and the reason is logged as `who: …`). */
export function allowedNoteUri(value: string, log: OutputChannel, who: string): Uri | undefined {
  let uri: Uri;
  try {
    uri = Uri.parse(value, true);
  } catch {
    log.appendLine(`${who}: refused ${JSON.stringify(value)}: not a URI.`);
    return undefined;
  }
  const folders = (workspace.workspaceFolders ?? []).map((folder) => folder.uri);
  const problem = noteUriProblem(uri, folders);
  if (problem) {
    log.appendLine(`${who}: refused to open ${JSON.stringify(value)}: ${problem}.`);
    return undefined;
  }
  return uri;
}
