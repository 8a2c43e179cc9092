import type { Position } from 'vscode-languageserver-protocol';
import { REQUEST_KINDS, type RequestKind } from './driver';
import type { Random } from './random';

/** Where a case's requests point, and the names it asks for; kept with a regression's input. */
export interface CasePlan {
  /** Completion, references and rename use the first; hover, definition and actions the second. */
  positions: Position[];
  newName: string;
  symbolQuery: string;
  /** The requests the case sends (all of them when a regression is replayed). */
  requests: RequestKind[];
}

/**
 * How often a case sends each request: the costly vault-wide and rendering ones less often, so a
 * CI run fits thousands of cases; every request still runs hundreds of times per run.
 */
const REQUEST_CHANCE: Record<RequestKind, number> = {
  symbols: 0.6,
  completion: 0.6,
  hover: 0.6,
  definition: 0.5,
  references: 0.4,
  highlight: 0.4,
  rename: 0.4,
  codeActions: 0.5,
  fixAll: 0.3,
  codeLens: 0.3,
  preview: 0.12,
  noteKind: 0.3,
  mitigationCandidates: 0.3,
  workspaceSymbol: 0.1,
};

/** Places worth asking about: inside links, table cells, citations, IDs, the front matter. */
const INTERESTING =
  /\[\[|\]\]|\||\(Citation: |\b(?:T|TA|M|G|S|C|DS)\d{2,4}|^---|^#+ |^tactic|^alias/gm;

const NEW_NAMES = [
  'Renamed',
  'T1059.001 PowerShell',
  '',
  ' ',
  'a/../../outside',
  '/absolute',
  'with|pipe',
  'with]]brackets',
  'with#hash',
  'CON',
  '.',
  '\0',
  'x'.repeat(300),
  'Ünïcödé ／ name',
];

/** The line/character of a UTF-16 offset, splitting lines at \r\n, \r and \n as LSP does. */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      line++;
      lineStart = i + 1;
    } else if (char === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: Math.max(0, Math.min(offset, text.length) - lineStart) };
}

function interestingOffsets(text: string, limit: number): number[] {
  const offsets: number[] = [];
  INTERESTING.lastIndex = 0;
  for (
    let match = INTERESTING.exec(text);
    match && offsets.length < limit;
    match = INTERESTING.exec(text)
  ) {
    offsets.push(match.index, match.index + match[0].length);
  }
  return offsets;
}

export function makePlan(text: string, random: Random): CasePlan {
  const candidates = interestingOffsets(text, 400);
  const positions: Position[] = [];
  for (let i = 0; i < 3; i++) {
    const roll = random.next();
    if (roll < 0.05) {
      // Past the end of the document: a client out of step with the server.
      positions.push({ line: random.int(0, 1_000_000), character: random.int(0, 1_000_000) });
    } else if (roll < 0.6 && candidates.length > 0) {
      const offset = random.pick(candidates) + random.int(-2, 3);
      positions.push(positionAt(text, Math.max(0, Math.min(offset, text.length))));
    } else {
      positions.push(positionAt(text, random.int(0, text.length)));
    }
  }
  return {
    positions,
    newName: random.pick(NEW_NAMES),
    symbolQuery: random.pick(['', 'T1059', 'Python', 'M10', '[[', '.*', 'ü']),
    requests: REQUEST_KINDS.filter((kind) => random.chance(REQUEST_CHANCE[kind])),
  };
}
