// The messages between the preview panel (extension side) and its webview script
// (media/preview/). Plain types and pure checks only: the webview script imports the types, and
// the unit tests run the checks without VS Code.
//
// The webview shows HTML rendered from notes, so everything it sends is treated as untrusted: the
// extension acts only on the shapes below, with every argument checked (PREVIEW_MESSAGE_VALIDATORS,
// through webview/messageGate.ts).
import { validateMessage, type MessageValidators } from '../webview/messageGate';

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
 * One validator per message the preview's webview may send. Each checks types and bounds only;
 * whether a URI may be opened is decided by the link policy (webview/linkPolicy.ts).
 */
export const PREVIEW_MESSAGE_VALIDATORS: MessageValidators<WebviewToExtensionMessage> = {
  ready: () => ({ type: 'ready' }),
  openNote: ({ uri, line }) => {
    if (!isShortString(uri)) return undefined;
    if (line === undefined) return { type: 'openNote', uri };
    return isLine(line) ? { type: 'openNote', uri, line: Math.floor(line) } : undefined;
  },
  pickNote: ({ uris }) => {
    if (!Array.isArray(uris) || uris.length === 0 || uris.length > MAX_CANDIDATES) return undefined;
    return uris.every(isShortString) ? { type: 'pickNote', uris: [...uris] } : undefined;
  },
  openExternal: ({ url }) => (isShortString(url) ? { type: 'openExternal', url } : undefined),
  revealLine: ({ line }) => (isLine(line) ? { type: 'revealLine', line } : undefined),
};

/** The message when `value` has exactly one of the expected shapes, else undefined. */
export function parseWebviewMessage(value: unknown): WebviewToExtensionMessage | undefined {
  return validateMessage(PREVIEW_MESSAGE_VALIDATORS, value);
}

/** The panel state when `value` is one (a restored panel's state comes from the webview). */
export function parsePreviewState(value: unknown): PreviewState | undefined {
  if (!isRecord(value) || !isShortString(value.uri)) return undefined;
  return isLine(value.line) ? { uri: value.uri, line: value.line } : { uri: value.uri };
}
