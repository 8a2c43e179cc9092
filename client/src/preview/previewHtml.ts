// The webview's page: an empty frame that the script (dist/preview/preview.js) fills with the
// server's HTML through messages. The content is never part of this page, so a reload or a
// restored panel always asks for fresh content, and the policy below covers whatever arrives.
import { randomBytes } from 'node:crypto';
import { Uri, type Webview } from 'vscode';

/** The built script and style sheet, copied by scripts/build.mjs. */
const ASSET_FOLDER = ['dist', 'preview'];

/**
 * The Content-Security-Policy of the panel: nothing is allowed unless listed; scripts only by the
 * nonce given to our own script; styles, images and fonts only from the extension and the
 * workspace (webview.cspSource, limited further by localResourceRoots). No inline style, no
 * remote host, no form target, no frame.
 */
export function previewContentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function previewPageHtml(webview: Webview, extensionUri: Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (name: string) =>
    webview.asWebviewUri(Uri.joinPath(extensionUri, ...ASSET_FOLDER, name));
  const policy = previewContentSecurityPolicy(webview.cspSource, nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${asset('preview.css').toString()}">
<title>ATT&amp;CK Notes Preview</title>
</head>
<body>
<main id="attack-notes-preview" aria-live="polite"></main>
<script nonce="${nonce}" src="${asset('preview.js').toString()}"></script>
</body>
</html>`;
}
