import { URI, Utils } from 'vscode-uri';

/**
 * Typed helpers for the three ways a note is named: its URI (what LSP speaks), its vault path
 * (`techniques/Python.md`, from the workspace folder root) and a link key (what a wikilink's
 * target is compared by: lower case, `/` separators, no `.md`).
 */

/** One canonical spelling per URI, so `%26` and `&` or drive-letter case never split a note in two. */
export function canonicalUri(uri: string): string {
  return isPlainCanonicalFileUri(uri) ? uri : URI.parse(uri).toString();
}

/**
 * The escapes `%XX` that vscode-uri writes itself for a printable ASCII character, found by asking
 * it once: a `file:` URI of unreserved characters, `/` and these escapes is already canonical.
 */
const CANONICAL_ESCAPES: ReadonlySet<string> = (() => {
  const escapes = new Set<string>();
  for (let code = 0x20; code < 0x7f; code++) {
    const escape = `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
    const uri = `file:///a${escape}b`;
    if (URI.parse(uri).toString() === uri) escapes.add(escape);
  }
  return escapes;
})();

const PLAIN_FILE_URI = /^file:\/\/\/[A-Za-z0-9\-._~/%]*$/;

/**
 * Whether `uri` is a `file:` URI that vscode-uri would print exactly as it is. Every note the
 * index reads from disk has such a URI, and parsing and printing each cost more than the rest
 * of indexing the note from its cached summary. Anything unusual (a drive letter, non-ASCII,
 * a query) takes the full path.
 */
function isPlainCanonicalFileUri(uri: string): boolean {
  if (!PLAIN_FILE_URI.test(uri)) return false;
  for (let at = uri.indexOf('%'); at !== -1; at = uri.indexOf('%', at + 1)) {
    if (!CANONICAL_ESCAPES.has(uri.slice(at, at + 3))) return false;
  }
  return true;
}

export function uriFromPath(fsPath: string): string {
  return URI.file(fsPath).toString();
}

export function pathFromUri(uri: string): string {
  return URI.parse(uri).fsPath;
}

/** The folder URI with a trailing slash, for prefix tests. */
function folderPrefix(folderUri: string): string {
  return folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
}

/** The vault path of `uri` under `folderUri`, or undefined when it is not inside. */
export function vaultPathOf(uri: string, folderUri: string): string | undefined {
  const prefix = folderPrefix(folderUri);
  if (!uri.startsWith(prefix)) return undefined;
  return decodeURIComponent(uri.slice(prefix.length));
}

/**
 * The URI of the file at `fsPath`, which is `vaultPath` inside the workspace folder `folderUri`:
 * spelled by joining escaped segments when that gives vscode-uri's own spelling (checked, not
 * assumed), else by vscode-uri. Indexing a vault names every file this way.
 */
export function uriOfFileInFolder(folderUri: string, vaultPath: string, fsPath: string): string {
  const joined = `${folderPrefix(folderUri)}${vaultPath.split('/').map(encodeURIComponent).join('/')}`;
  return isPlainCanonicalFileUri(joined) && isPlainCanonicalFileUri(folderUri)
    ? joined
    : uriFromPath(fsPath);
}

/** The URI of a vault path inside a folder. */
export function uriOfVaultPath(folderUri: string, vaultPath: string): string {
  return Utils.joinPath(URI.parse(folderUri), ...vaultPath.split('/')).toString();
}

export function isMarkdownPath(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}

/** `techniques/Python.md` → `techniques/Python`; a link's target may carry the extension or not. */
export function stripMarkdownExtension(path: string): string {
  return path.replace(/\.(md|markdown)$/i, '');
}

/** `techniques/Python.md` → `Python`. */
export function noteNameOf(vaultPath: string): string {
  return stripMarkdownExtension(vaultPath.slice(vaultPath.lastIndexOf('/') + 1));
}

/** Keys compare case-insensitively and after NFC, as file systems on macOS hand back NFD names. */
export function linkKey(pathWithoutExtension: string): string {
  // ASCII is its own NFC form; most names are printable ASCII, and normalising costs an ICU call.
  return (
    PRINTABLE_ASCII.test(pathWithoutExtension)
      ? pathWithoutExtension
      : pathWithoutExtension.normalize('NFC')
  ).toLowerCase();
}

const PRINTABLE_ASCII = /^[ -~]*$/;

/** `techniques/Python.md` → `techniques/python`. */
export function linkKeyOfVaultPath(vaultPath: string): string {
  return linkKey(stripMarkdownExtension(vaultPath));
}

/**
 * The key a wikilink's target is compared by: `\` read as `/`, no leading `/` (vault root), no
 * `.md`, folded as `linkKey`. `[[/Tactics/Execution.md]]` → `tactics/execution`.
 */
export function linkKeyOfTarget(target: string): string {
  return linkKey(stripMarkdownExtension(target.trim().replace(/\\/g, '/').replace(/^\/+/, '')));
}

/** The last path segment of a link key (`kb/x/m1033-foo` → `m1033-foo`). */
export function baseNameOfKey(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

/**
 * Joins a relative link (`./x`, `../y/z`) to the folder of the linking note, both in vault-path
 * form. Returns undefined when `..` climbs above the vault root.
 */
export function joinRelative(fromVaultPath: string, relative: string): string | undefined {
  const parts = fromVaultPath.split('/');
  parts.pop(); // the linking note's own file name
  for (const segment of relative.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else {
      parts.push(segment);
    }
  }
  return parts.join('/');
}
