// The preview webview's page: the shared shell (webview/webviewPage.ts) with the preview's script
// (dist/preview/preview.js) and style sheet, filled with the server's HTML through messages.
import type { Uri, Webview } from 'vscode';
import { webviewPageHtml } from '../webview/webviewPage';

export function previewPageHtml(webview: Webview, extensionUri: Uri): string {
  return webviewPageHtml(webview, extensionUri, {
    assetFolder: ['dist', 'preview'],
    script: 'preview.js',
    styleSheet: 'preview.css',
    title: 'ATT&amp;CK Notes Preview',
    rootId: 'attack-notes-preview',
  });
}
