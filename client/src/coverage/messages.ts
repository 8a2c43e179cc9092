// The messages between the coverage matrix panel (extension side) and its webview script
// (media/coverage/). Plain types and pure checks only: the webview script imports the types, and
// the unit tests run the checks without VS Code.
//
// Everything the webview sends is treated as untrusted: the extension acts only on the shapes
// below, with every argument checked (MATRIX_MESSAGE_VALIDATORS, through webview/messageGate.ts).
// Cells are named by ATT&CK ID; which notes an ID opens is looked up in the extension's own copy
// of the coverage.
import { validateMessage, type MessageValidators } from '../webview/messageGate';
import { MATRIX_DOMAINS, type MatrixDomain, type MatrixView } from './matrixView';

/** Extension → webview: the matrix to draw. */
export interface ShowMatrixMessage {
  type: 'matrix';
  view: MatrixView;
}

/** Extension → webview: the coverage of `domain` is on its way. */
export interface LoadingMessage {
  type: 'loading';
  domain: MatrixDomain;
}

/** Extension → webview: the coverage could not be had; shown as text. */
export interface MatrixProblemMessage {
  type: 'problem';
  text: string;
}

export type ExtensionToMatrixMessage = ShowMatrixMessage | LoadingMessage | MatrixProblemMessage;

/** Webview → extension: the script has loaded and wants the matrix. */
export interface MatrixReadyMessage {
  type: 'ready';
}

/** Webview → extension: a cell was clicked (open its note, or offer to create one). */
export interface CellClickedMessage {
  type: 'cellClicked';
  id: string;
}

/** Webview → extension: the user picked another domain in the view. */
export interface ChooseDomainMessage {
  type: 'chooseDomain';
  domain: MatrixDomain;
}

/** Webview → extension: a matrix was drawn (for the timing log). */
export interface RenderedMessage {
  type: 'rendered';
  domain: MatrixDomain;
  cells: number;
  /** Milliseconds the webview took to build the page. */
  ms: number;
}

export type MatrixToExtensionMessage =
  MatrixReadyMessage | CellClickedMessage | ChooseDomainMessage | RenderedMessage;

/** ATT&CK technique and sub-technique ID syntax (custom bundle IDs follow it too). */
const TECHNIQUE_ID = /^T\d{4}(?:\.\d{3})?$/;
/** More cells than any domain's matrix has; bounds the count that is logged. */
const MAX_CELLS = 100_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isMatrixDomain(value: unknown): value is MatrixDomain {
  return typeof value === 'string' && (MATRIX_DOMAINS as readonly string[]).includes(value);
}

export function isTechniqueId(value: unknown): value is string {
  return typeof value === 'string' && TECHNIQUE_ID.test(value);
}

function isCount(value: unknown, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max;
}

/** One validator per message the matrix's webview may send. */
export const MATRIX_MESSAGE_VALIDATORS: MessageValidators<MatrixToExtensionMessage> = {
  ready: () => ({ type: 'ready' }),
  cellClicked: ({ id }) => (isTechniqueId(id) ? { type: 'cellClicked', id } : undefined),
  chooseDomain: ({ domain }) =>
    isMatrixDomain(domain) ? { type: 'chooseDomain', domain } : undefined,
  rendered: ({ domain, cells, ms }) =>
    isMatrixDomain(domain) && isCount(cells, MAX_CELLS) && isCount(ms, 3_600_000)
      ? { type: 'rendered', domain, cells, ms }
      : undefined,
};

/** The message when `value` has exactly one of the expected shapes, else undefined. */
export function parseMatrixMessage(value: unknown): MatrixToExtensionMessage | undefined {
  return validateMessage(MATRIX_MESSAGE_VALIDATORS, value);
}

/** What the webview keeps across reloads and what the serializer receives. */
export interface MatrixState {
  domain: MatrixDomain;
}

export function parseMatrixState(value: unknown): MatrixState | undefined {
  return isRecord(value) && isMatrixDomain(value.domain) ? { domain: value.domain } : undefined;
}
