import { strict as assert } from 'node:assert';
import { LineIndex, rangeContains } from '../../../server/src/core/text/lineIndex';

describe('LineIndex', () => {
  it('maps offsets to positions across LF, CRLF and lone CR line ends', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const index = new LineIndex(text);
    assert.equal(index.lineCount, 4);
    assert.deepEqual(index.positionAt(text.indexOf('c')), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(text.indexOf('f')), { line: 2, character: 1 });
    assert.deepEqual(index.positionAt(text.indexOf('h')), { line: 3, character: 1 });
    assert.equal(index.lineText(1), 'cd');
    assert.equal(index.lineText(2), 'ef');
  });

  it('round-trips positions and clamps past the line end', () => {
    const text = 'T1059.006 ／ Python\r\nline two';
    const index = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue; // inside a CRLF pair
      assert.equal(index.offsetAt(index.positionAt(offset)), offset);
    }
    assert.equal(index.offsetAt({ line: 0, character: 999 }), text.indexOf('\r'));
  });

  it('treats range ends as inclusive for cursor checks', () => {
    const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } };
    assert.ok(rangeContains(range, { line: 1, character: 5 }));
    assert.ok(!rangeContains(range, { line: 1, character: 6 }));
    assert.ok(!rangeContains(range, { line: 0, character: 3 }));
  });
});
