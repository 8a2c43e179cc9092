import { strict as assert } from 'node:assert';
import { splitNameAndUrl } from '../../../server/src/core/model/inline/urls';

/**
 * `splitNameAndUrl` finds the URL token with `lastIndexOf` (a loop over its characters was slow
 * while V8's JIT is cold). The character loop it replaced is kept here as the reference: over
 * reference lines as notes write them and over generated texts of blanks, colons and URL pieces,
 * both must split every text the same way.
 */
function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0;
}

function byCharacters(text: string): ReturnType<typeof splitNameAndUrl> {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  let start = 0;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  let urlStart = end;
  while (urlStart > start && !isSpace(text.charCodeAt(urlStart - 1))) urlStart--;
  const colon = text.indexOf(':', urlStart);
  if (
    colon === -1 ||
    colon >= end ||
    !/^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|mailto:|urn:|doi:)\S+$/.test(text.slice(urlStart, end))
  ) {
    return { name: { start, end } };
  }
  let nameEnd = urlStart;
  while (nameEnd > start && isSpace(text.charCodeAt(nameEnd - 1))) nameEnd--;
  if (text.charCodeAt(nameEnd - 1) === 58) nameEnd--;
  while (nameEnd > start && isSpace(text.charCodeAt(nameEnd - 1))) nameEnd--;
  return { name: { start, end: nameEnd }, url: { start: urlStart, end } };
}

describe('splitNameAndUrl', function () {
  it('splits reference lines into name and URL', function () {
    assert.deepEqual(splitNameAndUrl('mitre-attack: https://attack.mitre.org/techniques/T1059'), {
      name: { start: 0, end: 12 },
      url: { start: 14, end: 55 },
    });
    assert.deepEqual(splitNameAndUrl('  Some Report\u00a0https://example.com/x  '), {
      name: { start: 2, end: 13 },
      url: { start: 14, end: 35 },
    });
    assert.deepEqual(splitNameAndUrl('Name: not a url'), { name: { start: 0, end: 15 } });
  });

  it('agrees with a loop over the characters on every text', function () {
    const pieces = [
      ' ',
      '\t',
      '\u00a0',
      '\r',
      '\n',
      ':',
      'a',
      'Name',
      'https://x.io/a',
      'mailto:b',
      'doi:1',
    ];
    // Every text of up to four pieces, then 2,000 longer ones from a fixed pseudo-random sequence.
    const texts = [''];
    let level = [''];
    for (let length = 1; length <= 4; length++) {
      level = level.flatMap((text) => pieces.map((piece) => text + piece));
      texts.push(...level);
    }
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      let text = '';
      for (let n = 0; n < 8; n++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        text += pieces[seed % pieces.length];
      }
      texts.push(text);
    }
    for (const text of texts) {
      assert.deepEqual(splitNameAndUrl(text), byCharacters(text), JSON.stringify(text));
    }
  });
});
