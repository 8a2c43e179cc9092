import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { hasShared, repoRoot, sharedPath } from '../support/sharedData';

/** The real notes a fuzz run mutates, and the workspace folders the server indexes. */
export interface Corpus {
  /** Says which notes were used (the shared vaults, or the repository's own). */
  name: string;
  /** The server's workspace: the repository's small vaults (see `loadCorpus`). */
  folders: string[];
  notes: CorpusNote[];
}

export interface CorpusNote {
  /** Where the fuzz case opens the note: inside the workspace, never written to disk. */
  uri: string;
  /** Where the note was read from. */
  path: string;
  text: string;
}

/** The folders the server indexes in every run, and where notes from elsewhere are opened. */
export const WORKSPACE_FOLDERS = [
  path.join(repoRoot, 'examples', 'vault'),
  path.join(repoRoot, 'test', 'fixtures', 'seed'),
];
const VISITORS = path.join(WORKSPACE_FOLDERS[0], 'zz-fuzz');

function markdownFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) found.push(...markdownFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.md')) found.push(full);
  }
  return found.sort();
}

/**
 * The shared enterprise and kb-dialect vaults when they sit beside the repository; otherwise
 * examples/vault and the owned seed note (test/fixtures/seed), so a fresh clone fuzzes too.
 */
export function loadCorpus(): Corpus {
  const shared = (['enterprise', 'kb-dialect'] as const).filter((vault) => hasShared(vault));
  const sources = shared.length > 0 ? shared.map((vault) => sharedPath(vault)) : WORKSPACE_FOLDERS;
  const notes = sources.flatMap((folder) =>
    markdownFiles(folder)
      .filter((file) => statSync(file).size < 1024 * 1024)
      .map((file) => {
        // A note from ../shared opens as if it sat in examples/vault/zz-fuzz/<vault>/: the
        // server indexes the small vault, so vault-wide requests stay cheap per case.
        const opened =
          shared.length > 0
            ? path.join(VISITORS, path.basename(folder), path.relative(folder, file))
            : file;
        return {
          uri: pathToFileURL(opened).toString(),
          path: file,
          text: readFileSync(file, 'utf8'),
        };
      }),
  );
  const name =
    shared.length > 0
      ? `${shared.join(' and ')} vault${shared.length > 1 ? 's' : ''} from ../shared (${notes.length} notes)`
      : `examples/vault and test/fixtures/seed (${notes.length} notes; ../shared vaults absent)`;
  return { name, folders: WORKSPACE_FOLDERS, notes };
}
