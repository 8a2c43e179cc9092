import type { Range } from 'vscode-languageserver-types';
import type { Frontmatter, Heading, NoteIdentity, NoteKind } from './types';

/**
 * The shapes of an ATT&CK ID a note can be identified by, as a pattern source. Longer prefixes
 * first, so `TA0002` is a tactic and `DS0009` a data source, not T/D-something.
 */
export const ID_SHAPES = 'TA\\d{4}|DS\\d{4}|T\\d{4}(?:\\.\\d{3})?|[MGSC]\\d{4}';
const ATTACK_ID = new RegExp(`(?<![A-Za-z0-9])(${ID_SHAPES})(?![0-9])`, 'i');
const WHOLE_ATTACK_ID = new RegExp(`^${ATTACK_ID.source}$`, 'i');

/** Every note kind, for readers of outside data (settings, caches) that must check one. */
export const NOTE_KINDS: ReadonlySet<string> = new Set<NoteKind>([
  'tactic',
  'technique',
  'mitigation',
  'group',
  'software',
  'campaign',
  'data-source',
  'other',
]);

export function attackIdKind(id: string): NoteKind {
  const upper = id.toUpperCase();
  if (upper.startsWith('TA')) return 'tactic';
  if (upper.startsWith('DS')) return 'data-source';
  switch (upper[0]) {
    case 'T':
      return 'technique';
    case 'M':
      return 'mitigation';
    case 'G':
      return 'group';
    case 'S':
      return 'software';
    case 'C':
      return 'campaign';
    default:
      return 'other';
  }
}

/**
 * The note's ATT&CK identity (docs/note-formats): the first ID among the `alias`/`aliases` values,
 * else a heading that is just an ID (`## T1059.006`), else an ID in the file name. Group notes list
 * names as aliases, so their ID comes from the heading.
 */
export function findIdentity(
  frontmatter: Frontmatter | undefined,
  headings: readonly Heading[],
  uri: string,
): NoteIdentity | undefined {
  const heading = fromHeadings(headings);
  // Group, software and campaign notes list names as aliases, and some names look like IDs (the
  // group TA2541 has `alias: TA2541` and `## G1018`): their heading's ID is the identity.
  if (heading && NAMED_KINDS.has(heading.kind)) return heading;
  return fromAliases(frontmatter) ?? heading ?? fromFileName(uri);
}

/** Kinds whose notes carry names, not IDs, in `alias`. */
const NAMED_KINDS: ReadonlySet<NoteKind> = new Set<NoteKind>(['group', 'software', 'campaign']);

function identity(id: string, source: NoteIdentity['source'], range?: Range): NoteIdentity {
  const upper = id.toUpperCase();
  const found: NoteIdentity = { id: upper, kind: attackIdKind(upper), source };
  if (range) found.range = range;
  return found;
}

function fromAliases(frontmatter: Frontmatter | undefined): NoteIdentity | undefined {
  if (!frontmatter) return undefined;
  for (const field of frontmatter.fields) {
    if (field.key !== 'alias' && field.key !== 'aliases') continue;
    // A scalar may be a comma list (`alias: APT28, Fancy Bear`); each piece must be an ID on its own.
    const candidates = field.value ? [field.value, ...field.items] : field.items;
    for (const candidate of candidates) {
      let character = candidate.range.start.character;
      for (const piece of candidate.text.split(',')) {
        const trimmed = piece.trim();
        if (
          WHOLE_ATTACK_ID.test(trimmed) &&
          candidate.range.start.line === candidate.range.end.line
        ) {
          const start = character + piece.indexOf(trimmed);
          const line = candidate.range.start.line;
          return identity(trimmed, 'frontmatter', {
            start: { line, character: start },
            end: { line, character: start + trimmed.length },
          });
        }
        character += piece.length + 1;
      }
    }
  }
  return undefined;
}

function fromHeadings(headings: readonly Heading[]): NoteIdentity | undefined {
  for (const heading of headings) {
    if (WHOLE_ATTACK_ID.test(heading.text))
      return identity(heading.text, 'heading', heading.textRange);
  }
  return undefined;
}

function fromFileName(uri: string): NoteIdentity | undefined {
  const lastSegment = uri.slice(uri.lastIndexOf('/') + 1);
  let name = lastSegment;
  try {
    name = decodeURIComponent(lastSegment);
  } catch {
    // A malformed escape: look for the ID in the raw segment.
  }
  const match = ATTACK_ID.exec(name);
  return match ? identity(match[1], 'filename') : undefined;
}
