import { strict as assert } from 'node:assert';
import type { TextEdit } from 'vscode-languageserver-types';
import { applyTextEdits, lineBreakOf } from '../../../server/src/core/text/applyEdits';

function at(line: number, character: number, endLine = line, endCharacter = character) {
  return {
    start: { line, character },
    end: { line: endLine, character: endCharacter },
  };
}

describe('applyTextEdits', function () {
  it('applies edits given in any order against the original text', function () {
    const edits: TextEdit[] = [
      { range: at(1, 0, 1, 3), newText: 'TWO' },
      { range: at(0, 3), newText: '!' },
    ];
    assert.equal(applyTextEdits('one\ntwo\nthree', edits), 'one!\nTWO\nthree');
  });

  it('keeps inserts at one position in their order, before a replacement starting there', function () {
    const edits: TextEdit[] = [
      { range: at(0, 1, 0, 2), newText: 'X' },
      { range: at(0, 1), newText: 'a' },
      { range: at(0, 1), newText: 'b' },
    ];
    assert.equal(applyTextEdits('123', edits), '1abX3');
  });

  it('keeps CRLF line breaks and counts positions as editors do', function () {
    const text = 'one\r\ntwo\r\nthree\r\n';
    const edits: TextEdit[] = [
      { range: at(1, 3), newText: '\r\nnew' },
      { range: at(2, 0, 3, 0), newText: '' },
    ];
    assert.equal(applyTextEdits(text, edits), 'one\r\ntwo\r\nnew\r\n');
  });

  it('keeps a byte order mark, with positions counted after it', function () {
    assert.equal(
      applyTextEdits('\uFEFFab\ncd', [{ range: at(0, 0, 0, 1), newText: 'A' }]),
      '\uFEFFAb\ncd',
    );
  });

  it('refuses overlapping edits and positions beyond the text', function () {
    assert.throws(
      () =>
        applyTextEdits('abcdef', [
          { range: at(0, 0, 0, 3), newText: '' },
          { range: at(0, 2, 0, 4), newText: '' },
        ]),
      /overlap/,
    );
    assert.throws(() => applyTextEdits('ab', [{ range: at(0, 5), newText: 'x' }]), /beyond/);
    assert.throws(() => applyTextEdits('ab', [{ range: at(3, 0), newText: 'x' }]), /beyond/);
  });

  it('lineBreakOf names the first line break of a text', function () {
    assert.equal(lineBreakOf('a\r\nb\nc'), '\r\n');
    assert.equal(lineBreakOf('a\nb\r\n'), '\n');
    assert.equal(lineBreakOf('a\rb'), '\r');
    assert.equal(lineBreakOf('one line'), '\n');
  });
});
