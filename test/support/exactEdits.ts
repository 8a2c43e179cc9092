import { strict as assert } from 'node:assert';
import type { TextEdit } from 'vscode-languageserver-types';

/**
 * The "no lost text" checks, written apart from the product's own edit code
 * (server/src/core/text/applyEdits.ts) so that the two check each other: edits are applied here by
 * splicing offsets found by a separate reading of the LSP position rules, and a text that the
 * product produced (by applyTextEdits, the CLI or an editor-like client) must equal that splice
 * byte for byte, which is to say unchanged outside the edited ranges.
 */

const BOM = '\uFEFF';

/** Start offset of each line of `body` and the offset where its content ends (before its break). */
function lineTable(body: string): { start: number; end: number }[] {
  const lines: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\n' || c === '\r') {
      lines.push({ start, end: i });
      if (c === '\r' && body[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  lines.push({ start, end: body.length });
  return lines;
}

/** The line breaks a text uses ('\r\n', '\n', '\r'). */
export function lineBreaksOf(text: string): Set<string> {
  return new Set(text.match(/\r\n|\r|\n/g) ?? []);
}

/**
 * Checks `edits` against `text` and returns the text they make: each position inside its line
 * (never between `\r` and `\n`, never past a line's end), edits not overlapping, every line break
 * an edit inserts one that the note already uses (its only one, when it uses one), and a BOM kept.
 * `where` names the note and the edit's origin in failure messages.
 */
export function spliceExactly(text: string, edits: readonly TextEdit[], where: string): string {
  const bom = text.startsWith(BOM) ? BOM : '';
  const body = text.slice(bom.length);
  const lines = lineTable(body);
  const breaks = lineBreaksOf(body);
  const offset = (line: number, character: number, what: string): number => {
    assert.ok(
      line >= 0 && line < lines.length,
      `${where}: ${what} line ${line} is not in the note`,
    );
    const { start, end } = lines[line];
    assert.ok(
      character >= 0 && start + character <= end,
      `${where}: ${what} character ${character} is past the end of line ${line}`,
    );
    return start + character;
  };
  const located = edits
    .map((edit, order) => {
      const start = offset(edit.range.start.line, edit.range.start.character, 'start');
      const end = offset(edit.range.end.line, edit.range.end.character, 'end');
      assert.ok(start <= end, `${where}: an edit ends before it starts`);
      for (const inserted of lineBreaksOf(edit.newText)) {
        assert.ok(
          breaks.size === 0 ? inserted === '\n' : breaks.has(inserted),
          `${where}: an edit inserts ${JSON.stringify(inserted)} into a note that uses ` +
            `${JSON.stringify([...breaks])}`,
        );
      }
      assert.ok(!edit.newText.includes(BOM), `${where}: an edit inserts a BOM`);
      return { start, end, newText: edit.newText, order };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let result = bom;
  let at = 0;
  for (const edit of located) {
    assert.ok(edit.start >= at, `${where}: two edits overlap`);
    result += body.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return result + body.slice(at);
}

/**
 * Asserts that `produced` (a text the product made from `before` with `edits`) is exactly the
 * splice of `edits` into `before`: the same bytes outside the edited ranges, the BOM and the
 * line breaks kept. Returns the text.
 */
export function assertExactResult(
  before: string,
  edits: readonly TextEdit[],
  produced: string,
  where: string,
): string {
  const expected = spliceExactly(before, edits, where);
  if (produced !== expected) {
    let first = 0;
    while (first < expected.length && produced[first] === expected[first]) first++;
    assert.fail(
      `${where}: the text differs from the edits' splice at offset ${first}: ` +
        `${JSON.stringify(produced.slice(Math.max(0, first - 20), first + 20))} instead of ` +
        `${JSON.stringify(expected.slice(Math.max(0, first - 20), first + 20))}`,
    );
  }
  return produced;
}
