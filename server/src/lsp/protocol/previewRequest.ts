/**
 * The preview request between the ATT&CK Notes client and server. Plain constants and types only,
 * so the VS Code client can import this file without pulling in server code.
 *
 * HTML conventions the client's script may rely on (docs/architecture.md, "Preview panel"):
 * - every rendered block element and every table row `<tr>` carries `data-line="N"`: the 0-based
 *   line (editor coordinates, front matter lines counted) where its source starts;
 * - the header card is `<header class="note-card">` first;
 * - wikilinks are `<a class="wikilink" href="#" data-note-uri="file:///…">`, optionally with
 *   `data-line-target="N"` (the target heading's line); `wikilink broken` carries no URI,
 *   `wikilink ambiguous` carries `data-candidates` (a JSON array of URIs) and is followed by a
 *   `<span class="candidates">` of one wikilink per candidate;
 * - `(Citation: X)` is `<a class="citation" href="#ref-<slug>">` (`citation broken` when no
 *   reference line defines X); reference lines carry `id="ref-<slug>"`;
 * - ATT&CK IDs are `<a class="attack-id" href="https://attack.mitre.org/…">`;
 * - backlinks close the fragment: `<section class="backlinks"><h2>Linked from</h2>` with wikilinks.
 * The note's own HTML can never produce `class`, `id` or `data-*` attributes: the sanitiser drops
 * them from the note's content and the server adds its own afterwards.
 */

/** Request (client → server): renders a note for the preview panel. */
export const PREVIEW_REQUEST = 'attackNotes/preview';

export interface PreviewParams {
  textDocument: { uri: string };
}

/** The answer to {@link PREVIEW_REQUEST}, or `null` when the server does not know the note. */
export interface PreviewResult {
  uri: string;
  /** The editor version the HTML was built from; null for a note read from disk. */
  version: number | null;
  /** The note's display name (ID and name when known). */
  title: string;
  /** A sanitised HTML fragment, safe to put into the webview's body as is. */
  html: string;
  lineCount: number;
}
