// The page shell every ATT&CK Notes webview uses (preview, coverage matrix): an empty frame with a
// strict Content-Security-Policy that its one script, loaded by nonce from dist/, fills through
// messages. Content never travels in the page itself, so a reload always asks for fresh content
// and the policy covers whatever arrives.
import { randomBytes } from 'node:crypto';
import { Uri, workspace, type Webview, type WebviewOptions } from 'vscode';

/**
 * The Content-Security-Policy of our webviews: nothing is allowed unless listed; scripts only by
 * the nonce given to our own script; styles, images and fonts only from the extension and the
 * workspace (webview.cspSource, limited further by localResourceRoots). No inline style, no
 * remote host, no form target, no frame.
 */
export function webviewContentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** The options every panel gets: scripts on, no forms, no command links, local files only. */
export function webviewOptions(extensionUri: Uri): WebviewOptions {
  return {
    enableScripts: true,
    enableForms: false,
    enableCommandUris: false,
    // The built scripts and style sheets, and the notes' own folders (images of a note).
    localResourceRoots: [extensionUri, ...(workspace.workspaceFolders ?? []).map((f) => f.uri)],
  };
}

export interface WebviewPageParts {
  /** Folder of the built assets under the extension (`['dist', 'preview']`). */
  assetFolder: readonly string[];
  script: string;
  styleSheet: string;
  /** The page title, already HTML-escaped. */
  title: string;
  /** id of the element the script fills. */
  rootId: string;
}

export function webviewPageHtml(
  webview: Webview,
  extensionUri: Uri,
  parts: WebviewPageParts,
): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (name: string) =>
    webview.asWebviewUri(Uri.joinPath(extensionUri, ...parts.assetFolder, name)).toString();
  const policy = webviewContentSecurityPolicy(webview.cspSource, nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${asset(parts.styleSheet)}">
<title>${parts.title}</title>
</head>
<body>
<main id="${parts.rootId}" aria-live="polite"></main>
<script nonce="${nonce}" src="${asset(parts.script)}"></script>
</body>
</html>`;
}
