// The preview webview's script (bundled to dist/preview/preview.js, loaded by nonce). It puts the
// server's sanitised HTML into the page, keeps the page and the editor scrolled to the same line,
// and turns clicks into messages for the extension, which checks them before acting.
import type {
  ExtensionToWebviewMessage,
  PreviewState,
  UpdateMessage,
  WebviewToExtensionMessage,
} from '../../client/src/preview/messages';
import { lineAtScrollY, scrollYForLine } from './scrollSync';

interface VsCodeApi {
  postMessage(message: WebviewToExtensionMessage): void;
  getState(): unknown;
  setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('attack-notes-preview') as HTMLElement;

const saved = vscode.getState() as Partial<PreviewState> | undefined;
let currentUri: string | undefined;
/** The line to restore on the first update after a reload, if the extension names none. */
let savedLine: number | undefined =
  saved && typeof saved.line === 'number' ? saved.line : undefined;
const savedUri = saved && typeof saved.uri === 'string' ? saved.uri : undefined;

/**
 * Where our own last scroll put the page. The scroll event it causes is not the user's and must
 * not be sent back to the editor (which would answer with a scroll of its own).
 */
let programmaticScrollY: number | undefined;

function post(message: WebviewToExtensionMessage): void {
  vscode.postMessage(message);
}

function saveState(line: number): void {
  if (currentUri) vscode.setState({ uri: currentUri, line });
}

function scrollToLine(line: number): void {
  const target = Math.round(scrollYForLine(root, line));
  if (Math.abs(target - window.scrollY) < 1) return;
  window.scrollTo(0, target);
  programmaticScrollY = window.scrollY;
  saveState(line);
}

function update(message: UpdateMessage): void {
  const sameNote = message.uri === currentUri;
  const lineBefore = sameNote ? lineAtScrollY(root, window.scrollY) : undefined;
  currentUri = message.uri;
  // The HTML was sanitised by the server; inserted markup cannot run script here in any case
  // (innerHTML never runs <script>, and the page's policy allows no inline handler).
  root.innerHTML = message.html;
  let line = message.line ?? lineBefore;
  if (line === undefined && savedUri === message.uri) line = savedLine;
  savedLine = undefined;
  if (line !== undefined) scrollToLine(line);
  else window.scrollTo(0, 0);
  saveState(line ?? 0);
}

function showProblem(uri: string, text: string): void {
  currentUri = uri;
  const paragraph = document.createElement('p');
  paragraph.className = 'preview-problem';
  paragraph.textContent = text;
  root.replaceChildren(paragraph);
}

window.addEventListener('message', (event: MessageEvent<ExtensionToWebviewMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'update':
      update(message);
      break;
    case 'problem':
      showProblem(message.uri, message.text);
      break;
    case 'scrollToLine':
      scrollToLine(message.line);
      break;
  }
});

let scrollFrame: number | undefined;
window.addEventListener('scroll', () => {
  if (programmaticScrollY !== undefined && Math.abs(window.scrollY - programmaticScrollY) < 1) {
    programmaticScrollY = undefined;
    return;
  }
  programmaticScrollY = undefined;
  // One message per frame at most.
  if (scrollFrame !== undefined) return;
  scrollFrame = requestAnimationFrame(() => {
    scrollFrame = undefined;
    const line = lineAtScrollY(root, window.scrollY);
    saveState(line);
    post({ type: 'revealLine', line });
  });
});

function candidatesOf(anchor: HTMLElement): string[] {
  try {
    const parsed: unknown = JSON.parse(anchor.dataset.candidates ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

function jumpTo(fragment: string): void {
  let id = fragment;
  try {
    id = decodeURIComponent(fragment);
  } catch {
    // Not percent-encoded: use it as it is.
  }
  const target = document.getElementById(id);
  if (!target) return;
  target.scrollIntoView({ block: 'start' });
  target.classList.add('preview-target');
  setTimeout(() => target.classList.remove('preview-target'), 1500);
}

// Every link click ends here: VS Code's own handler (on the window, after this one) would follow
// `href="#"` to the top of the page or hand other links to its opener without our checks.
document.addEventListener('click', (event) => {
  const anchor = event.target instanceof Element ? event.target.closest('a') : null;
  if (!anchor) return;
  event.preventDefault();
  event.stopPropagation();
  if (anchor.classList.contains('wikilink')) {
    if (anchor.classList.contains('broken')) return;
    if (anchor.classList.contains('ambiguous')) {
      const uris = candidatesOf(anchor);
      if (uris.length > 0) post({ type: 'pickNote', uris });
      return;
    }
    const uri = anchor.dataset.noteUri;
    if (!uri) return;
    const line = Number(anchor.dataset.lineTarget);
    post(
      anchor.dataset.lineTarget !== undefined && Number.isInteger(line) && line >= 0
        ? { type: 'openNote', uri, line }
        : { type: 'openNote', uri },
    );
    return;
  }
  const href = anchor.getAttribute('href') ?? '';
  if (href.startsWith('#')) jumpTo(href.slice(1));
  else if (/^https?:\/\//i.test(href)) post({ type: 'openExternal', url: href });
});

post({ type: 'ready' });
