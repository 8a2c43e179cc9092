import type { Heading, Note, NoteIdentity, WikiLink } from '../model/types';

/**
 * The workspace index: every note of every workspace folder, how wikilinks resolve (as Obsidian
 * resolves them), backlinks, and which note defines which ATT&CK ID.
 */

/** Where a note is (or will be): its workspace folder (vault root) and its path there. */
export interface NotePlace {
  folderUri: string;
  vaultPath: string;
}

export interface IndexedNote extends NotePlace {
  uri: string;
  /** URI of the workspace folder (vault root) that holds the note. */
  folderUri: string;
  /** Path from the vault root with `/` separators and the `.md` extension (`techniques/Python.md`). */
  vaultPath: string;
  /** File name without `.md` (`Python`). */
  name: string;
  /** The note's ATT&CK identity: the same as `note.identity`, known without the full model. */
  identity?: NoteIdentity;
  /** Front matter `alias`/`aliases` values, known without the full model. */
  aliases: readonly string[];
  /**
   * Link key of the last path segment of each of its link targets (`execution` for
   * `[[tactics/Execution#Notes|x]]`), once each. It may name links the model leaves out (inside
   * code), never fewer: a quick test of whether the note can link to a name at all.
   */
  linkNames: readonly string[];
  /**
   * The ATT&CK IDs the note mentions (upper-case): from the summary cache when the note is
   * unchanged since, else one scan of its text, kept with the entry.
   */
  readonly mentionedIds: ReadonlySet<string>;
  /** The note's text (without a BOM): the editor's for an open note, else the disk's. */
  text: string;
  /**
   * The full note model. An open note's is always at hand; a note read from disk gets its model on
   * first use (one parse) and keeps it while it is among the most recently used. Code that walks
   * every note should read `identity`, `aliases` and `text`, and take `note` only of the few
   * notes it needs in full.
   */
  readonly note: Note;
  /**
   * The model as `note` gives it, but when it is not kept already it is built for this one use
   * and not kept: for walks over thousands of notes (coverage's findings), which would otherwise
   * push out the models a session works with and keep each model alive long enough to be
   * promoted to V8's old space (the peak memory of a large vault).
   */
  modelForOneUse(): Note;
}

export type LinkResolution =
  | {
      kind: 'resolved';
      target: IndexedNote;
      /** The heading named after `#`, when the link has one and the target holds it. */
      heading?: Heading;
      /** False when the link names a `#heading` the target lacks. */
      headingFound: boolean;
    }
  | { kind: 'ambiguous'; candidates: IndexedNote[] }
  | { kind: 'broken' };

export interface Backlink {
  source: IndexedNote;
  link: WikiLink;
}

/** Read-only view of the index that features and rules receive. */
export interface VaultIndex {
  /**
   * Changes whenever a note is added or removed, the only changes that can make a link resolve
   * differently (a note's content decides only its own links). Results derived from resolution
   * may be kept while it stays the same.
   */
  readonly structureVersion: number;
  notes(): Iterable<IndexedNote>;
  get(uri: string): IndexedNote | undefined;
  /**
   * The workspace folder that holds `uri` (the innermost, for nested folders) and its vault path
   * there, whether or not a note is there; undefined outside every workspace folder.
   */
  folderOf(uri: string): NotePlace | undefined;
  /** Resolves `link` written in the note at `fromUri`. */
  resolveLink(fromUri: string, link: Pick<WikiLink, 'target' | 'heading'>): LinkResolution;
  /** Links in other notes (and the note itself) that resolve to the note at `uri`. */
  backlinks(uri: string): Backlink[];
  /** Notes whose identity is the ATT&CK ID `id` (case-insensitive). */
  definitionsOf(id: string): IndexedNote[];
}
