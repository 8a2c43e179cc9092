import { SymbolKind, type WorkspaceSymbol } from 'vscode-languageserver-types';
import type { IndexedNote, VaultIndex } from '../../index/types';
import type { KnowledgeBase } from '../../kb/types';
import { normaliseName } from '../../kb/names';
import type { NoteKind } from '../../model/types';
import { declarationSelectionRange } from './noteAnchors';

/**
 * Workspace symbols: every note, found by ID (`T1059` finds the technique and all its
 * sub-techniques, as a prefix) or by name (whole name, then word prefixes, then letters in
 * order). The symbol's name carries both (`T1059.006 Python`) because editors filter the list
 * again by that name.
 *
 * A symbol's range (the note's ID heading) needs the note's full model, a parse for a note read
 * from disk. A client that resolves workspace symbols (VS Code does) gets each symbol with its
 * note's URI only, and the range when it opens one (`resolveWorkspaceSymbol`): an empty query,
 * which lists up to 500 notes as the user starts typing, then parses none.
 */

export interface WorkspaceSymbolOptions {
  /** The client fills in ranges through `workspaceSymbol/resolve`: answer with URIs only. */
  rangesOnResolve?: boolean;
}

const MAX_RESULTS = 500;
const ID_QUERY = /^(?:DET|TA|DS|DC|AN|T|M|G|S|C|A)\d/i;

const KIND_SYMBOL: Record<NoteKind, SymbolKind> = {
  tactic: SymbolKind.Package,
  technique: SymbolKind.Class,
  mitigation: SymbolKind.Interface,
  group: SymbolKind.Struct,
  software: SymbolKind.Module,
  campaign: SymbolKind.Event,
  'data-source': SymbolKind.Field,
  other: SymbolKind.File,
};

export function workspaceSymbols(
  query: string,
  index: VaultIndex,
  kb?: KnowledgeBase,
  options: WorkspaceSymbolOptions = {},
): WorkspaceSymbol[] {
  const wanted = query.trim();
  const byId = ID_QUERY.test(wanted) ? wanted.toUpperCase() : undefined;
  const folded = normaliseName(wanted);
  const scored: { score: number; label: string; note: IndexedNote }[] = [];
  for (const note of index.notes()) {
    const id = note.identity?.id;
    const name = displayName(note, kb);
    let score: number | undefined;
    if (wanted === '') score = 0;
    else if (byId && id?.startsWith(byId)) score = id === byId ? 0 : 1;
    else score = nameScore(normaliseName(name), folded);
    const label = id ? `${id} ${name}` : name;
    // The label as the list shows it, typed out: `T1059.006 Pyt`.
    if (score === undefined && id && normaliseName(label).startsWith(folded)) score = 1;
    if (score === undefined) continue;
    scored.push({ score, label, note });
  }
  // Symbols only for the kept entries: with ranges, each is a parse for a note read from disk
  // (an empty query over 1,800 notes took 2 s building all of them).
  return scored
    .sort((a, b) => a.score - b.score || a.label.localeCompare(b.label))
    .slice(0, MAX_RESULTS)
    .map((entry) => symbolOf(entry.note, entry.label, options.rangesOnResolve === true));
}

/**
 * A symbol answered without its range, with the range of its note's ID heading (or the note's
 * start); a note gone since the answer leaves the symbol as it was (the editor opens the file).
 */
export function resolveWorkspaceSymbol(
  symbol: WorkspaceSymbol,
  index: VaultIndex,
): WorkspaceSymbol {
  if ('range' in symbol.location) return symbol;
  const note = index.get(symbol.location.uri);
  if (!note) return symbol;
  return {
    ...symbol,
    location: { uri: symbol.location.uri, range: declarationSelectionRange(note.note) },
  };
}

function symbolOf(note: IndexedNote, label: string, rangeOnResolve: boolean): WorkspaceSymbol {
  const identity = note.identity;
  const subTechnique = identity?.kind === 'technique' && identity.id.includes('.');
  const folder = note.vaultPath.includes('/')
    ? note.vaultPath.slice(0, note.vaultPath.lastIndexOf('/'))
    : undefined;
  const symbol: WorkspaceSymbol = {
    name: label,
    kind: subTechnique ? SymbolKind.Method : KIND_SYMBOL[identity?.kind ?? 'other'],
    location: rangeOnResolve
      ? { uri: note.uri }
      : { uri: note.uri, range: declarationSelectionRange(note.note) },
  };
  if (folder) symbol.containerName = folder;
  return symbol;
}

/** The object's name: ATT&CK's when the KB knows the ID, else the file name without ID decorations. */
function displayName(note: IndexedNote, kb?: KnowledgeBase): string {
  const id = note.identity?.id;
  const known = id ? kb?.get(id)?.name : undefined;
  if (known) return known;
  let name = note.name;
  if (id) {
    // kb dialect `T1059.006-Python`, `M1020-SSL_TLS_Inspection`; seed vault `Code Signing (M1045)`.
    const upper = name.toUpperCase();
    if (upper.startsWith(`${id}-`)) name = name.slice(id.length + 1).replace(/_/g, ' ');
    else if (upper.endsWith(` (${id})`)) name = name.slice(0, -(id.length + 3));
  }
  return name;
}

/** Lower is better; undefined when the name does not match at all. */
function nameScore(name: string, query: string): number | undefined {
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  if (name.split(/[\s\-_/()]+/).some((word) => word.startsWith(query))) return 2;
  if (name.includes(query)) return 3;
  let at = 0;
  for (const char of name) if (char === query[at]) at++;
  return at === query.length ? 4 : undefined;
}
