import type { Range } from 'vscode-languageserver-types';

/** A range within one line, from character columns; cheaper than two offset look-ups. */
export function lineRange(line: number, startCharacter: number, endCharacter: number): Range {
  return {
    start: { line, character: startCharacter },
    end: { line, character: endCharacter },
  };
}
