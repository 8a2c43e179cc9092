// What a link clicked in one of our webviews may open: a Markdown note inside a workspace folder
// (in the editor), or an http(s) page (handed to VS Code's openExternal, whose link protection asks
// the user before it opens a domain they have not trusted). Anything else opens nothing: command:,
// vscode:, javascript:, data:, file: outside the workspace or not a note, other schemes.
//
// Pure: the caller passes the URI parser (vscode.Uri.parse in the extension, the same code as the
// vscode-uri package in the unit tests), and opens exactly the parts this module checked.

/** A URI split the way the policy needs it (vscode.Uri's fields, without VS Code). */
export interface UriParts {
  scheme: string;
  authority: string;
  /** The decoded path, `/` separated. */
  path: string;
}

/** What a webview asks for: a note (a wikilink's target) or a web page (an http(s) link). */
export interface LinkRequest {
  kind: 'note' | 'web';
  target: string;
}

export type LinkDecision =
  /** Open this note (only these parts: no query, no fragment) in the editor. */
  | { open: 'note'; note: UriParts }
  /** Hand this URL to VS Code's openExternal, which asks before an untrusted domain opens. */
  | { open: 'web'; url: string }
  | { open: 'nothing'; reason: string };

/** Longest URI or URL accepted; real note paths and reference URLs are far shorter. */
export const MAX_LINK_LENGTH = 4096;

/** Throws on what is not a URI (vscode.Uri.parse(value, true) does). */
export type UriParser = (value: string) => UriParts;

export function decideLink(
  request: LinkRequest,
  folders: readonly UriParts[],
  parse: UriParser,
): LinkDecision {
  const { target } = request;
  if (target.length === 0 || target.length > MAX_LINK_LENGTH)
    return { open: 'nothing', reason: 'empty or too long' };
  let uri: UriParts;
  try {
    uri = parse(target);
  } catch {
    return { open: 'nothing', reason: 'not a URI' };
  }
  if (request.kind === 'web') {
    return isHttpUrl(target, uri)
      ? { open: 'web', url: target }
      : { open: 'nothing', reason: `not an http or https URL (${uri.scheme}:)` };
  }
  const problem = noteUriProblem(uri, folders);
  return problem
    ? { open: 'nothing', reason: problem }
    : { open: 'note', note: { scheme: uri.scheme, authority: uri.authority, path: uri.path } };
}

/**
 * True for an absolute http: or https: URL with a host, as both the browser's URL parser and
 * VS Code's URI parser (`parsed`) read it: a link the two would read differently is refused.
 */
export function isHttpUrl(value: string, parsed: UriParts): boolean {
  if (value.length > MAX_LINK_LENGTH) return false;
  const scheme = parsed.scheme.toLowerCase();
  if ((scheme !== 'http' && scheme !== 'https') || parsed.authority === '') return false;
  try {
    const url = new URL(value);
    return url.protocol === `${scheme}:` && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Why a note URI may not be opened, or undefined when it may: it must be a `file:` URI of a
 * Markdown note inside one of the workspace folders, with no `.`/`..` segments that could climb
 * out of it. (A symbolic link inside a folder is not resolved here: the index does not follow
 * links that leave the workspace, so no wikilink resolves to one.)
 */
export function noteUriProblem(uri: UriParts, folders: readonly UriParts[]): string | undefined {
  if (uri.scheme !== 'file') return `not a file URI (${uri.scheme}:)`;
  // Backslashes too: Windows reads them as separators when the path becomes a file path.
  const segments = uri.path.split(/[\\/]/);
  if (segments.some((segment) => segment === '.' || segment === '..'))
    return 'the path has . or .. segments';
  // The extensions the index reads (server/src/core/index/vaultPaths.ts: isMarkdownPath).
  if (!/\.(md|markdown)$/i.test(uri.path)) return 'not a Markdown note';
  const inside = folders.some((folder) => {
    if (folder.scheme !== 'file' || folder.authority !== uri.authority) return false;
    const root = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
    return uri.path.startsWith(root);
  });
  return inside ? undefined : 'outside the workspace folders';
}
