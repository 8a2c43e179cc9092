// The messages between the preview panel (extension side) and its webview script
// (media/preview/). Plain types and pure checks only: the webview script imports the types, and
// the unit tests run the checks without VS Code.
//
// The webview shows HTML rendered from notes, so everything it sends is treated as untrusted: the
// extension acts only on the shapes below, with every argument checked (parseWebviewMessage).

/** Extension → webview: new content for the panel. */
export interface UpdateMessage {
  type: 'update';
  uri: string;
  title: string;
  /** Sanitised by the server (attackNotes/preview); put into the page as it is. */
  html: string;
  /** The editor line to show at the top after this update; absent keeps the current position. */
  line?: number;
}

/** Extension → webview: the server could not render the note; shown as text, never as HTML. */
export interface ProblemMessage {
  type: 'problem';
  uri: string;
  text: string;
}

/** Extension → webview: the editor scrolled; `line` (fractional) is its top visible line. */
export interface ScrollToLineMessage {
  type: 'scrollToLine';
  line: number;
}

export type ExtensionToWebviewMessage = UpdateMessage | ProblemMessage | ScrollToLineMessage;

/** Webview → extension: the script has loaded and wants the current content. */
export interface ReadyMessage {
  type: 'ready';
}

/** Webview → extension: a wikilink was clicked. */
export interface OpenNoteMessage {
  type: 'openNote';
  uri: string;
  /** The target heading's line, when the link names one. */
  line?: number;
}

/** Webview → extension: an ambiguous wikilink was clicked; the user picks one candidate. */
export interface PickNoteMessage {
  type: 'pickNote';
  uris: string[];
}

/** Webview → extension: an http(s) link (ATT&CK page, reference URL) was clicked. */
export interface OpenExternalMessage {
  type: 'openExternal';
  url: string;
}

/** Webview → extension: the user scrolled the preview; `line` is the top visible editor line. */
export interface RevealLineMessage {
  type: 'revealLine';
  line: number;
}

export type WebviewToExtensionMessage =
  ReadyMessage | OpenNoteMessage | PickNoteMessage | OpenExternalMessage | RevealLineMessage;

/** What the webview keeps across reloads (vscode.setState) and what the serializer receives. */
export interface PreviewState {
  uri: string;
  line?: number;
}

/** Longest URI or URL accepted from the webview; real note paths and ATT&CK URLs are far shorter. */
const MAX_URI_LENGTH = 4096;
/** More candidates than any ambiguous link has; bounds the QuickPick. */
const MAX_CANDIDATES = 100;
/** Beyond any note's line count; bounds revealRange. */
const MAX_LINE = 10_000_000;

function isLine(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_LINE;
}

function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_URI_LENGTH;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The message when `value` has exactly one of the expected shapes, else undefined. Checks types
 * and bounds only; whether a URI may be opened is decided by {@link noteUriProblem} and
 * {@link isHttpUrl}.
 */
export function parseWebviewMessage(value: unknown): WebviewToExtensionMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openNote':
      if (!isShortString(value.uri)) return undefined;
      if (value.line === undefined) return { type: 'openNote', uri: value.uri };
      return isLine(value.line)
        ? { type: 'openNote', uri: value.uri, line: Math.floor(value.line) }
        : undefined;
    case 'pickNote': {
      const uris = value.uris;
      if (!Array.isArray(uris) || uris.length === 0 || uris.length > MAX_CANDIDATES)
        return undefined;
      return uris.every(isShortString) ? { type: 'pickNote', uris: [...uris] } : undefined;
    }
    case 'openExternal':
      return isShortString(value.url) ? { type: 'openExternal', url: value.url } : undefined;
    case 'revealLine':
      return isLine(value.line) ? { type: 'revealLine', line: value.line } : undefined;
    default:
      return undefined;
  }
}

/** The panel state when `value` is one (a restored panel's state comes from the webview). */
export function parsePreviewState(value: unknown): PreviewState | undefined {
  if (!isRecord(value) || !isShortString(value.uri)) return undefined;
  return isLine(value.line) ? { uri: value.uri, line: value.line } : { uri: value.uri };
}

/** True for an absolute http: or https: URL, the only links handed to the system browser. */
export function isHttpUrl(value: string): boolean {
  if (value.length > MAX_URI_LENGTH) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A URI split the way the check below needs it (vscode.Uri's fields, without VS Code). */
export interface UriParts {
  scheme: string;
  authority: string;
  /** The decoded path, `/` separated. */
  path: string;
}

/**
 * Why a note URI from the webview may not be opened, or undefined when it may: it must be a
 * `file:` URI of a Markdown note inside one of the workspace folders, with no `.`/`..` segments
 * that could climb out of it. Command URIs, other schemes and files elsewhere are refused.
 */
export function noteUriProblem(uri: UriParts, folders: readonly UriParts[]): string | undefined {
  if (uri.scheme !== 'file') return `not a file URI (${uri.scheme}:)`;
  const segments = uri.path.split('/');
  if (segments.some((segment) => segment === '.' || segment === '..'))
    return 'the path has . or .. segments';
  if (!/\.md$/i.test(uri.path)) return 'not a Markdown note';
  const inside = folders.some((folder) => {
    if (folder.scheme !== 'file' || folder.authority !== uri.authority) return false;
    const root = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
    return uri.path.startsWith(root);
  });
  return inside ? undefined : 'outside the workspace folders';
}
