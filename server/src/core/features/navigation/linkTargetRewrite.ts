import {
  baseNameOfKey,
  linkKey,
  linkKeyOfTarget,
  linkKeyOfVaultPath,
} from '../../index/vaultPaths';

/**
 * Rewrites a wikilink's target for a note that moved, in the style the author wrote it: a bare
 * name stays a bare name (unless the new name is ambiguous, then the shortest path suffix that is
 * not), a vault path stays a full vault path, a `./` or `../` path stays relative, a leading `/`
 * and a written `.md` are kept. Only the target text changes; `#heading`, alias and `\|` are
 * outside the target's range and so are kept by construction.
 */

const EXTENSION = /\.(md|markdown)$/i;

/** The vault's paths as they will be after the rename, answering Obsidian's resolution rules. */
export class VaultPathSet {
  /** Link key → vault path. */
  private readonly exact = new Map<string, string>();
  /** Link key of a file name → link keys of the paths with that name. */
  private readonly byName = new Map<string, string[]>();

  constructor(vaultPaths: Iterable<string>) {
    for (const vaultPath of vaultPaths) {
      const key = linkKeyOfVaultPath(vaultPath);
      this.exact.set(key, vaultPath);
      const name = baseNameOfKey(key);
      const named = this.byName.get(name);
      if (named) named.push(key);
      else this.byName.set(name, [key]);
    }
  }

  /** True when a (non-relative) link target resolves to exactly the note at `vaultPath`. */
  resolvesTo(target: string, vaultPath: string): boolean {
    const key = linkKeyOfTarget(target);
    const wanted = linkKeyOfVaultPath(vaultPath);
    if (this.exact.has(key)) return key === wanted;
    const matches = (this.byName.get(baseNameOfKey(key)) ?? []).filter(
      (candidate) => candidate === key || candidate.endsWith(`/${key}`),
    );
    return matches.length === 1 && matches[0] === wanted;
  }
}

export interface LinkMove {
  /** The link's target text as written. */
  written: string;
  /** Vault path of the linking note after the rename (it may move too). */
  linkerPath: string;
  /** Vault path of the linked note before and after the rename. */
  oldTargetPath: string;
  newTargetPath: string;
}

/** The target text to write, or undefined when the written text still leads to the note. */
export function rewriteLinkTarget(move: LinkMove, paths: VaultPathSet): string | undefined {
  const leading = /^\s*/.exec(move.written)![0];
  const trailing = /\s*$/.exec(move.written)![0];
  const written = move.written.trim().replace(/\\/g, '/');
  const extension = EXTENSION.exec(written)?.[0] ?? '';
  const newPath = move.newTargetPath.replace(EXTENSION, '');
  let rewritten: string;
  if (written.startsWith('./') || written.startsWith('../')) {
    rewritten = relativePath(move.linkerPath, newPath) + extension;
  } else {
    if (paths.resolvesTo(written, move.newTargetPath)) return undefined;
    const bare = written.replace(/^\/+/, '').replace(EXTENSION, '');
    const isFullPath = linkKey(bare) === linkKeyOfVaultPath(move.oldTargetPath);
    if (written.startsWith('/') || isFullPath) {
      rewritten = (written.startsWith('/') ? '/' : '') + newPath + extension;
    } else {
      rewritten =
        shortestSuffix(newPath, bare.split('/').length, move.newTargetPath, paths) + extension;
    }
  }
  rewritten = `${leading}${rewritten}${trailing}`;
  return rewritten === move.written ? undefined : rewritten;
}

/** The last `minimum` or more segments of `path`: the first such suffix that resolves to it alone. */
function shortestSuffix(
  path: string,
  minimum: number,
  vaultPath: string,
  paths: VaultPathSet,
): string {
  const segments = path.split('/');
  for (let count = Math.min(minimum, segments.length); count < segments.length; count++) {
    const suffix = segments.slice(-count).join('/');
    if (paths.resolvesTo(suffix, vaultPath)) return suffix;
  }
  return path;
}

/** `a/b/Note` seen from `a/c/Linker.md` → `../b/Note`; a same-folder target gets `./`. */
function relativePath(linkerPath: string, targetPath: string): string {
  const from = linkerPath.split('/').slice(0, -1);
  const to = targetPath.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const ups = from.length - common;
  const rest = to.slice(common).join('/');
  return ups > 0 ? `${'../'.repeat(ups)}${rest}` : `./${rest}`;
}
