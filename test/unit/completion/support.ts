import path from 'node:path';
import type {
  CompletionItem,
  CompletionList,
  Position,
  TextEdit,
} from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { completion } from '../../../server/src/core/features/completion/completion';
import { loadFoldersFromDisk } from '../../../server/src/core/index/diskVault';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import type { AttackKnowledgeBase } from '../../../server/src/core/kb/knowledgeBase';
import { parseNote } from '../../../server/src/core/model/parseNote';
import type { Note } from '../../../server/src/core/model/types';
import { catalogKnowledgeBase } from '../kb/attackData';
import { OWNED_SEED_PATH, repoRoot, sharedPath } from '../../support/sharedData';

/** Test helpers for completion and hover: a cursor marker, edits, snippets and the real vaults. */

/** Where the cursor is in a test text; no note of the project uses this character. */
export const CURSOR = '‸';

let kb: AttackKnowledgeBase | undefined;

/** The bundled ATT&CK v18.1 catalog, loaded once per run. */
export function knowledgeBase(): AttackKnowledgeBase {
  kb ??= catalogKnowledgeBase();
  return kb;
}

/** The text without its cursor marker, and the marker's position. */
export function atCursor(marked: string): { text: string; position: Position } {
  const offset = marked.indexOf(CURSOR);
  if (offset === -1) throw new Error('the test text has no cursor marker');
  const before = marked.slice(0, offset).split('\n');
  return {
    text: marked.slice(0, offset) + marked.slice(offset + CURSOR.length),
    position: { line: before.length - 1, character: before[before.length - 1].length },
  };
}

/** Puts `text` (with a cursor marker) into the index at `uri` and completes at the marker. */
export function completeAt(
  index: WorkspaceIndex,
  uri: string,
  marked: string,
): { list: CompletionList; note: Note; text: string } {
  const { text, position } = atCursor(marked);
  const note = parseNote(text, uri);
  index.setNote(note);
  const list = completion(note, index, knowledgeBase(), position) ?? {
    isIncomplete: false,
    items: [],
  };
  return { list, note, text };
}

/** What a client shows first: items by sort text, then label. */
export function sorted(list: CompletionList): CompletionItem[] {
  return [...list.items].sort(
    (a, b) =>
      (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label) ||
      a.label.localeCompare(b.label),
  );
}

export function editOf(item: CompletionItem): TextEdit {
  const edit = item.textEdit;
  if (!edit || !('range' in edit)) throw new Error(`item ${item.label} has no plain text edit`);
  return edit;
}

/** The literal text a snippet inserts, keeping tab stops (`$0`) as written. */
export function snippetText(snippet: string): string {
  return snippet.replace(/\\([\\$}])/g, '$1');
}

/** The text after accepting `item` (snippets expanded to their literal text with `$0` kept). */
export function accept(text: string, item: CompletionItem): string {
  const edit = editOf(item);
  const lines = text.split('\n');
  const { start, end } = edit.range;
  const newText = item.insertTextFormat === 2 ? snippetText(edit.newText) : edit.newText;
  const before = lines.slice(0, start.line).join('\n');
  const head = lines[start.line].slice(0, start.character);
  const tail = lines[end.line].slice(end.character);
  const after = lines.slice(end.line + 1).join('\n');
  return `${before}${start.line > 0 ? '\n' : ''}${head}${newText}${tail}${end.line + 1 < lines.length ? '\n' : ''}${after}`;
}

/** examples/vault: the enterprise layout (short links, `\\|` in tables) in the repository. */
export const sampleVaultRoot = path.join(repoRoot, 'examples', 'vault');
export const enterpriseRoot = sharedPath('enterprise');
export const kbDialectRoot = sharedPath('kb-dialect');
/** The owned stand-in of the seed note (vault-path links, `\\|`, `／`). */
export const seedPath = OWNED_SEED_PATH;

const loaded = new Map<string, Promise<WorkspaceIndex>>();

/** A vault on disk (examples/vault, or one of ../shared), indexed once per run. */
export async function realVault(root: string): Promise<WorkspaceIndex> {
  let index = loaded.get(root);
  if (!index) {
    const created = new WorkspaceIndex([URI.file(root).toString()]);
    index = loadFoldersFromDisk(created).then(() => created);
    loaded.set(root, index);
  }
  return index;
}

export function fileUri(root: string, vaultPath: string): string {
  return URI.file(path.join(root, ...vaultPath.split('/'))).toString();
}
