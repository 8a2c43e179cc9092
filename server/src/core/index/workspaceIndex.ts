import { parseNote, withoutBom } from '../model/parseNote';
import { summarizeNote, summaryOfModel, type NoteSummary } from '../model/summary';
import type { Heading, Note, WikiLink } from '../model/types';
import { mentionedIdsOf } from '../text/idMentionPattern';
import { ModelCache } from './modelCache';
import type { CachedSummary, DiskStamp } from './summaryCache';
import type { Backlink, IndexedNote, LinkResolution, NotePlace, VaultIndex } from './types';
import {
  baseNameOfKey,
  canonicalUri,
  joinRelative,
  linkKey,
  linkKeyOfTarget,
  linkKeyOfVaultPath,
  stripMarkdownExtension,
  noteNameOf,
  vaultPathOf,
} from './vaultPaths';

/** What an update changed, so the server can refresh exactly the notes that depend on it. */
export interface IndexChange {
  /**
   * Notes with a link whose last segment names the changed note: their links may resolve
   * differently now. Found when first read (opening a vault adds every note and reads none).
   */
  readonly linkers: string[];
  /** The set of vault-defined ATT&CK IDs changed (a note gained, lost or changed its ID). */
  readonly identityChanged: boolean;
}

/** An `IndexChange` whose linkers are looked up when first asked for. */
class NoteChange implements IndexChange {
  private found?: string[];

  constructor(
    private readonly findLinkers: () => string[],
    readonly identityChanged: boolean,
  ) {}

  get linkers(): string[] {
    return (this.found ??= this.findLinkers());
  }
}

/** A note's links, keyed: made from its summary when first needed (see `IndexEntry.links`). */
interface KeyedLinks {
  /** Each link target as written, once. */
  targets: readonly string[];
  /** The link key of each target's last segment, in the same order ('' for none). */
  targetNames: readonly string[];
  /** The distinct non-empty `targetNames`. */
  names: readonly string[];
  /** Whether a link names no note (`[[#Heading]]`). */
  toSelf: boolean;
}

/** Lookup tables of one workspace folder (one vault). */
interface Vault {
  folderUri: string;
  /** Link key of the full vault path → note. */
  byKey: Map<string, IndexedNote>;
  /** Link key of the file name → notes with that name (several when names repeat across folders). */
  byName: Map<string, Map<string, IndexedNote>>;
}

/** Notes that lie outside every workspace folder (a loose file opened in the editor). */
const LOOSE = '';

/** Builds the full model of a note read from disk. */
export type ModelBuilder = (text: string, uri: string) => Note;

export interface WorkspaceIndexOptions {
  /** How models of notes read from disk are built (default: `parseNote`). */
  parse?: ModelBuilder;
  /** How many models of notes read from disk are kept at most (most recently used first). */
  modelCacheSize?: number;
}

/** Where an entry's content comes from. */
type EntrySource =
  /**
   * An open note: the editor's model, kept as long as the entry, and what the summary cache may
   * keep of the file behind it (the disk's summary and stamp, whatever the editor holds).
   */
  | { kind: 'model'; model: Note; disk?: CachedSummary }
  /** A note read from disk: its text (or how to read it) and the file's stamp, if known. */
  | { kind: 'disk'; text: string | (() => string); stamp?: DiskStamp };

/**
 * One note of the index. A note set with its model (an open note) keeps it; a note from disk has
 * only its summary until a feature asks for `note`, and then its model lives in the index's
 * bounded cache, so a vault of ten thousand notes does not hold ten thousand models. A note
 * indexed from the summary cache reads its text from disk when first asked.
 */
class IndexEntry implements IndexedNote {
  readonly identity;
  readonly aliases;
  /** The link keys, once made; until then the summary's link targets as scanned. */
  private keyed: KeyedLinks | readonly string[];
  /** The IDs the text mentions, once known (from the cached summary, or scanned when asked). */
  private mentions?: ReadonlySet<string>;

  constructor(
    readonly uri: string,
    readonly folderUri: string,
    readonly vaultPath: string,
    readonly name: string,
    summary: NoteSummary,
    private source: EntrySource,
    private readonly models: ModelCache<IndexEntry, Note>,
  ) {
    this.identity = summary.identity;
    this.aliases = summary.aliases;
    // Keyed only when backlinks or change tracking first ask: opening a vault makes an entry for
    // every note, and keying each link target then was a quarter of the time of indexing a note.
    this.keyed = summary.linkTargets;
    if (summary.mentionedIds) this.mentions = new Set(summary.mentionedIds);
  }

  get mentionedIds(): ReadonlySet<string> {
    return (this.mentions ??= mentionedIdsOf(this.text));
  }

  /** Link keys of the last segment of each link target: what `linkersByName` files it under. */
  get linkNames(): readonly string[] {
    return this.links().names;
  }

  /** Each link target as written, once: enough to tell whether the note links to a note at all. */
  get linkTargets(): readonly string[] {
    return this.links().targets;
  }

  /** Whether a link names no note (`[[#Heading]]`), i.e. points at the note itself. */
  get linksToSelf(): boolean {
    return this.links().toSelf;
  }

  /** The link targets as written whose last segment has the link key `name`. */
  targetsNamed(name: string): string[] {
    const { targets, targetNames } = this.links();
    return targets.filter((_, i) => targetNames[i] === name);
  }

  private links(): KeyedLinks {
    if (!isKeyed(this.keyed)) this.keyed = keyLinks(this.keyed);
    return this.keyed;
  }

  /**
   * A note indexed from the summary cache reads its text from disk on each access and keeps none:
   * a session that touches thousands of closed notes (references, coverage) would otherwise keep
   * all their texts (tens of MB at 9,210 notes); the models it needs keep theirs, in the cache.
   */
  get text(): string {
    const source = this.source;
    if (source.kind === 'model') return source.model.text;
    if (typeof source.text === 'string') return source.text;
    return withoutBom(source.text());
  }

  get note(): Note {
    return this.source.kind === 'model' ? this.source.model : this.models.get(this);
  }

  modelForOneUse(): Note {
    return this.source.kind === 'model' ? this.source.model : this.models.peekOrBuild(this);
  }

  /** Finds the mentioned IDs when the text is in memory (a first index's notes); reads nothing. */
  scanMentionsIfTextAtHand(): void {
    if (!this.mentions && this.source.kind === 'disk' && typeof this.source.text === 'string') {
      this.mentions = mentionedIdsOf(this.source.text);
    }
  }

  /**
   * What the summary cache keeps of the note's file: the summary of the disk's text with the
   * stamp it was read at. An open note keeps that of its file (as opened over, or as last read
   * while open), never its editor text, which may be unsaved; undefined when its file is unknown.
   */
  cached(): CachedSummary | undefined {
    if (this.source.kind === 'model') return this.source.disk;
    if (!this.source.stamp) return undefined;
    // The targets once each, without keying them (the cache is written while nothing asks).
    const linkTargets = isKeyed(this.keyed) ? this.keyed.targets : this.keyed;
    // Scanned now when the text is at hand (the notes of a first index, when the cache is first
    // written, idle): the next session then answers references without reading every note.
    this.scanMentionsIfTextAtHand();
    return cachedSummary(this, linkTargets, this.source.stamp, this.mentions);
  }

  /** An open note's file as read now (a save, a change on disk); undefined when it is gone. */
  setDisk(disk: CachedSummary | undefined): void {
    if (this.source.kind === 'model') this.source = { ...this.source, disk };
  }
}

function cachedSummary(
  summary: Pick<NoteSummary, 'identity' | 'aliases'>,
  linkTargets: readonly string[],
  stamp: DiskStamp,
  mentionedIds: Iterable<string> | undefined,
): CachedSummary {
  const cached: NoteSummary = {
    aliases: [...summary.aliases],
    linkTargets: [...new Set(linkTargets)],
  };
  if (summary.identity) cached.identity = summary.identity;
  if (mentionedIds) cached.mentionedIds = [...mentionedIds];
  return { stamp, summary: cached };
}

/**
 * The in-memory index of every note: updated one note at a time (from the editor's text or from
 * disk), it answers link resolution, backlinks and ID definitions. Resolution is computed on
 * demand from name tables, so adding a note can never leave a stale answer behind.
 */
export class WorkspaceIndex implements VaultIndex {
  private readonly vaults = new Map<string, Vault>();
  private readonly byUri = new Map<string, IndexEntry>();
  private readonly models: ModelCache<IndexEntry, Note>;
  /** Upper-case ATT&CK ID → URIs of the notes whose identity it is. */
  private readonly byId = new Map<string, Set<string>>();
  /**
   * Link key of a link's last segment → URIs of the notes holding such a link. Made when first
   * needed (backlinks, or the linkers of a change), then kept up to date.
   */
  private linkersTable?: Map<string, Set<string>>;
  /** The linkers table while `prepareLinkers` builds it a slice at a time. */
  private linkersBuild?: { table: Map<string, Set<string>>; entries: IndexEntry[]; next: number };
  /**
   * Each model's links grouped by the key of their last segment (in document order), so
   * backlinks look at the one or two links that name a note rather than all two hundred of a
   * group note. Made when first asked for; a new model (an edit) gets its own.
   */
  private readonly linksByName = new WeakMap<Note, Map<string, WikiLink[]>>();
  /** Counts notes added and removed: see `structureVersion`. */
  private notesAddedOrRemoved = 0;

  constructor(folderUris: readonly string[], options: WorkspaceIndexOptions = {}) {
    const parse = options.parse ?? ((text: string, uri: string) => parseNote(text, uri));
    this.models = new ModelCache(
      (entry) => parse(entry.text, entry.uri),
      options.modelCacheSize ?? DEFAULT_MODEL_CACHE_SIZE,
    );
    for (const uri of [...folderUris.map(canonicalUri), LOOSE]) {
      this.vaults.set(uri, { folderUri: uri, byKey: new Map(), byName: new Map() });
    }
  }

  get folderUris(): string[] {
    return [...this.vaults.keys()].filter((uri) => uri !== LOOSE);
  }

  get structureVersion(): number {
    return this.notesAddedOrRemoved;
  }

  get size(): number {
    return this.byUri.size;
  }

  notes(): Iterable<IndexedNote> {
    return this.byUri.values();
  }

  get(uri: string): IndexedNote | undefined {
    // Keys are canonical, so a canonical URI (every URI the index hands out) needs no parsing;
    // canonicalizing costs a URI parse and print, which dominated resolving many links.
    return this.byUri.get(uri) ?? this.byUri.get(canonicalUri(uri));
  }

  folderOf(uri: string): NotePlace | undefined {
    const place = this.locate(canonicalUri(uri));
    return place.folderUri === LOOSE ? undefined : place;
  }

  /**
   * Adds or replaces a note with its model (an open note: the model is kept as long as the note).
   * The note's URI decides its vault and vault path. A note opened as it is on disk changes
   * nothing for the notes that link to it: the change names no linkers (and so does not make
   * the index key every link of the vault to find them, ~150 ms at 9,210 notes).
   */
  setNote(note: Note): IndexChange {
    const uri = canonicalUri(note.uri);
    const previous = this.byUri.get(uri);
    const unchanged = previous !== undefined && previous.text === note.text;
    // The file's summary and stamp stay as they were read: a note that is open, edited or not,
    // is still on disk as it was (a save on disk reaches the index when the note closes).
    const disk = previous?.cached();
    const change = this.set(uri, summaryOfModel(note), { kind: 'model', model: note, disk });
    return unchanged ? new NoteChange(() => [], change.identityChanged) : change;
  }

  /**
   * Adds or replaces a note read from disk: only its summary is made now (a quick scan); its full
   * model is built if and when a feature asks for it. `stamp` lets the summary cache keep it.
   */
  setText(uri: string, text: string, stamp?: DiskStamp): IndexChange {
    const canonical = canonicalUri(uri);
    const body = withoutBom(text);
    return this.set(canonical, summarizeNote(body, canonical), { kind: 'disk', text: body, stamp });
  }

  /**
   * Records the file behind an open note, read while it is open (saved from the editor, or
   * changed on disk): the summary cache keeps it; the editor's text stays what the index answers
   * from. `text` undefined: the file is gone, and the note is left out of the cache.
   */
  setOpenNoteFile(uri: string, text: string | undefined, stamp: DiskStamp | undefined): void {
    const canonical = canonicalUri(uri);
    const entry = this.byUri.get(canonical);
    if (text === undefined || stamp === undefined) return entry?.setDisk(undefined);
    const body = withoutBom(text);
    const summary = summarizeNote(body, canonical);
    entry?.setDisk(cachedSummary(summary, summary.linkTargets, stamp, mentionedIdsOf(body)));
  }

  /**
   * Adds a note from disk by its cached summary (its file unchanged since): nothing is read now;
   * `readText` is called when a feature first needs the text.
   */
  setSummary(
    uri: string,
    summary: NoteSummary,
    stamp: DiskStamp,
    readText: () => string,
  ): IndexChange {
    return this.set(canonicalUri(uri), summary, { kind: 'disk', text: readText, stamp });
  }

  /**
   * Summaries of the notes' files with a known stamp: what the summary cache keeps. Open notes
   * give the summary of the file they were opened over, not of the editor's text.
   */
  *cachedSummaries(): Iterable<[string, CachedSummary]> {
    for (const entry of this.byUri.values()) {
      const cached = entry.cached();
      if (cached) yield [entry.uri, cached];
    }
  }

  /** `uri` must be canonical. */
  private set(uri: string, summary: NoteSummary, source: EntrySource): IndexChange {
    const previous = this.byUri.get(uri);
    if (previous) this.unlink(previous);
    else this.notesAddedOrRemoved++;
    const { folderUri, vaultPath } = this.locate(uri);
    const name = noteNameOf(vaultPath);
    const entry = new IndexEntry(uri, folderUri, vaultPath, name, summary, source, this.models);
    this.link(entry);
    const previousId = previous?.identity?.id.toUpperCase();
    const id = entry.identity?.id.toUpperCase();
    return new NoteChange(() => this.linkersOf(entry), previousId !== id);
  }

  removeNote(uri: string): IndexChange {
    const existing = this.byUri.get(canonicalUri(uri));
    if (!existing) return { linkers: [], identityChanged: false };
    this.unlink(existing);
    this.notesAddedOrRemoved++;
    return new NoteChange(() => this.linkersOf(existing), existing.identity !== undefined);
  }

  resolveLink(fromUri: string, link: Pick<WikiLink, 'target' | 'heading'>): LinkResolution {
    const from = this.get(fromUri);
    const candidates = from
      ? this.candidates(link.target.text, from)
      : this.candidates(link.target.text, { ...this.locate(canonicalUri(fromUri)), uri: fromUri });
    if (candidates.length === 0) return { kind: 'broken' };
    if (candidates.length > 1) {
      return {
        kind: 'ambiguous',
        candidates: candidates.sort((a, b) =>
          a.vaultPath < b.vaultPath ? -1 : a.vaultPath > b.vaultPath ? 1 : 0,
        ),
      };
    }
    const target = candidates[0];
    if (!link.heading) return { kind: 'resolved', target, headingFound: true };
    const heading = findHeading(target.note.headings, link.heading.text);
    return { kind: 'resolved', target, heading, headingFound: heading !== undefined };
  }

  backlinks(uri: string): Backlink[] {
    const target = this.get(uri);
    if (!target) return [];
    const result: Backlink[] = [];
    const name = linkKey(target.name);
    for (const sourceUri of this.linkersByName().get(name) ?? []) {
      const source = this.byUri.get(sourceUri);
      if (!source) continue;
      // Notes that share the name in other folders (or vault copies) cannot link here: ruled out
      // from the targets as written, without building their models.
      const named = source.targetsNamed(name);
      if (source.linksToSelf && source.uri === target.uri) named.push('');
      if (!named.some((written) => this.resolvesTo(written, source, target))) continue;
      // Only a link whose last segment is the note's name (or a link to its own note) can
      // resolve to it; a source with links to itself is read whole, to keep their order.
      const links = source.linksToSelf
        ? source.note.wikilinks
        : (this.linksNamed(source.note).get(name) ?? []);
      for (const link of links) {
        const resolution = this.resolveLink(source.uri, link);
        if (resolution.kind === 'resolved' && resolution.target.uri === target.uri) {
          result.push({ source, link });
        }
      }
    }
    return result;
  }

  private resolvesTo(written: string, source: IndexedNote, target: IndexedNote): boolean {
    const candidates = this.candidates(written, source);
    return candidates.length === 1 && candidates[0].uri === target.uri;
  }

  definitionsOf(id: string): IndexedNote[] {
    const uris = this.byId.get(id.toUpperCase());
    if (!uris) return [];
    return [...uris].flatMap((uri) => this.byUri.get(uri) ?? []);
  }

  /** Every ATT&CK ID that some note of the vault defines, with its defining notes. */
  definedIds(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.byId;
  }

  /** URIs of notes that link to `uri` by name (resolved or not): what to refresh when it changes. */
  private linkersOf(note: IndexedNote): string[] {
    return [...(this.linkersByName().get(linkKey(note.name)) ?? [])].filter(
      (uri) => uri !== note.uri,
    );
  }

  private linkersByName(): Map<string, Set<string>> {
    if (!this.linkersTable) this.prepareLinkers(Infinity);
    return this.linkersTable!;
  }

  /**
   * Builds the table of which notes link to a name (backlinks and the linkers of a change need
   * it) for up to `budgetMs`, continuing where the last call stopped; true once it is complete.
   * Keying every link of a vault costs ~0.3 s at 9,210 notes, too much for the first index or
   * the first references request, so the server builds it in short slices while it is idle.
   * Notes set or removed meanwhile keep the partial table true (`link`/`unlink`); an entry
   * replaced before its turn is skipped (its successor was filed when it was set).
   * `idle`: the same pass also scans the IDs that the notes of a first index (texts in memory)
   * mention, which the summary cache keeps, so its write has less to scan at once.
   */
  prepareLinkers(budgetMs: number, options: { idle?: boolean } = {}): boolean {
    if (this.linkersTable) return true;
    const build = (this.linkersBuild ??= {
      table: new Map(),
      entries: [...this.byUri.values()],
      next: 0,
    });
    const deadline = performance.now() + budgetMs;
    while (build.next < build.entries.length) {
      const entry = build.entries[build.next++];
      if (this.byUri.get(entry.uri) === entry) {
        for (const name of entry.linkNames) addTo(build.table, name, entry.uri);
        if (options.idle) entry.scanMentionsIfTextAtHand();
      }
      // The clock is read every 64 notes: reading it costs about as much as filing a note.
      if ((build.next & 63) === 0 && performance.now() > deadline) return false;
    }
    this.linkersTable = build.table;
    this.linkersBuild = undefined;
    return true;
  }

  /** The linkers table as it stands: complete, being built, or not started. */
  private linkersInProgress(): Map<string, Set<string>> | undefined {
    return this.linkersTable ?? this.linkersBuild?.table;
  }

  private locate(uri: string): { folderUri: string; vaultPath: string } {
    let best: { folderUri: string; vaultPath: string } | undefined;
    for (const folderUri of this.vaults.keys()) {
      if (folderUri === LOOSE) continue;
      const vaultPath = vaultPathOf(uri, folderUri);
      // Nested workspace folders: the innermost folder owns the note.
      if (vaultPath !== undefined && (!best || folderUri.length > best.folderUri.length)) {
        best = { folderUri, vaultPath };
      }
    }
    return (
      best ?? {
        folderUri: LOOSE,
        vaultPath: decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1)),
      }
    );
  }

  private linksNamed(note: Note): Map<string, WikiLink[]> {
    let named = this.linksByName.get(note);
    if (!named) {
      named = new Map();
      for (const link of note.wikilinks) {
        const name = linkNameOf(link.target.text);
        if (name === undefined) continue;
        const links = named.get(name);
        if (links) links.push(link);
        else named.set(name, [link]);
      }
      this.linksByName.set(note, named);
    }
    return named;
  }

  private link(entry: IndexEntry): void {
    this.byUri.set(entry.uri, entry);
    const vault = this.vaults.get(entry.folderUri)!;
    vault.byKey.set(linkKeyOfVaultPath(entry.vaultPath), entry);
    const nameKey = linkKey(entry.name);
    let named = vault.byName.get(nameKey);
    if (!named) vault.byName.set(nameKey, (named = new Map()));
    named.set(entry.uri, entry);
    const id = entry.identity?.id.toUpperCase();
    if (id) addTo(this.byId, id, entry.uri);
    const linkers = this.linkersInProgress();
    if (linkers) {
      for (const name of entry.linkNames) addTo(linkers, name, entry.uri);
    }
  }

  private unlink(entry: IndexEntry): void {
    this.byUri.delete(entry.uri);
    this.models.delete(entry);
    const vault = this.vaults.get(entry.folderUri)!;
    const pathKey = linkKeyOfVaultPath(entry.vaultPath);
    if (vault.byKey.get(pathKey)?.uri === entry.uri) vault.byKey.delete(pathKey);
    vault.byName.get(linkKey(entry.name))?.delete(entry.uri);
    const id = entry.identity?.id.toUpperCase();
    if (id) removeFrom(this.byId, id, entry.uri);
    const linkers = this.linkersInProgress();
    if (linkers) {
      for (const name of entry.linkNames) removeFrom(linkers, name, entry.uri);
    }
  }

  /**
   * Obsidian's rules: `./` and `../` are relative to the linking note; otherwise an exact vault
   * path wins, then every note whose path ends with the link's path (a bare name matches the
   * file name anywhere). Case never matters; `.md` is optional.
   */
  private candidates(
    rawTarget: string,
    from: { uri: string; folderUri: string; vaultPath: string },
  ): IndexedNote[] {
    const target = rawTarget.trim().replace(/\\/g, '/');
    if (target === '') {
      const self = this.byUri.get(canonicalUri(from.uri));
      return self ? [self] : [];
    }
    const vaults =
      from.folderUri === LOOSE ? [...this.vaults.values()] : [this.vaults.get(from.folderUri)!];
    if (target.startsWith('./') || target.startsWith('../')) {
      const joined = joinRelative(from.vaultPath, target);
      if (joined === undefined) return [];
      return vaults.flatMap(
        (vault) => vault.byKey.get(linkKey(stripMarkdownExtension(joined))) ?? [],
      );
    }
    const key = linkKeyOfTarget(target);
    const exact = vaults.flatMap((vault) => vault.byKey.get(key) ?? []);
    if (exact.length > 0) return exact;
    const suffix = `/${key}`;
    const isBareName = !key.includes('/');
    const matches: IndexedNote[] = [];
    for (const vault of vaults) {
      for (const note of vault.byName.get(baseNameOfKey(key))?.values() ?? []) {
        if (isBareName || linkKeyOfVaultPath(note.vaultPath).endsWith(suffix)) matches.push(note);
      }
    }
    return matches;
  }
}

/**
 * Models of notes read from disk kept at most. A model of a typical note is a few tens of KB, so
 * this bounds them to some tens of MB whatever the vault's size, while the notes a session works
 * with (an open note's link targets, the linkers of a note asked for references) stay parsed.
 */
const DEFAULT_MODEL_CACHE_SIZE = 1000;

function isKeyed(links: KeyedLinks | readonly string[]): links is KeyedLinks {
  return !Array.isArray(links);
}

/** Keys a note's link targets; a group note links the same few notes many times: each once. */
function keyLinks(linkTargets: readonly string[]): KeyedLinks {
  const targets = [...new Set(linkTargets)];
  const targetNames = targets.map((target) => linkNameOf(target) ?? '');
  return {
    targets,
    targetNames,
    names: [...new Set(targetNames.filter((name) => name !== ''))],
    toSelf: targetNames.includes(''),
  };
}

/**
 * The link key of a link target's last segment, the name backlinks file it under (`execution` for
 * `tactics/Execution`); undefined for a link to the note itself (`[[#Heading]]`).
 */
function linkNameOf(target: string): string | undefined {
  const key = linkKeyOfTarget(target);
  return key === '' ? undefined : baseNameOfKey(key);
}

/** Headings compare as Obsidian matches them: case-insensitive, spacing and width folded. */
export function headingKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function findHeading(headings: readonly Heading[], wanted: string): Heading | undefined {
  // `[[Note#A#B]]` names a subheading path; the last part is the heading that must exist.
  const parts = wanted.split('#').filter((part) => part.trim() !== '');
  const last = parts.at(-1);
  if (last === undefined) return undefined;
  const key = headingKey(last);
  return headings.find((heading) => headingKey(heading.text) === key);
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function removeFrom(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
