import { strict as assert } from 'node:assert';
import { allElements, attr, classes, renderText, safetyProblems, select, textOf } from './support';

/**
 * Hostile HTML in a note: whatever the note holds, the rendered preview can run no script, load
 * nothing remote, submit no form, navigate nowhere and forge none of the server's annotations.
 * Every case is checked by reading the output back as the webview's browser would.
 */

const HOSTILE: Array<[string, string]> = [
  [
    'a script element',
    '<script>alert(1)</script>\n\nText <script src="https://evil.example/x.js"></script>',
  ],
  ['an image with onerror', '<img src=x onerror=alert(1)>'],
  [
    'a remote image',
    '<img src="https://evil.example/pixel.png" alt="tracker">\n\n![remote](https://evil.example/p.png)',
  ],
  ['a data: image', '![inline](data:image/png;base64,iVBORw0KGgo=)'],
  ['a javascript: Markdown link', '[click](javascript:alert(1)) and <javascript:alert(1)>'],
  [
    'a javascript: HTML link',
    '<a href="javascript:alert(1)">a</a> <a href="JaVaScRiPt&#58;alert(1)">b</a> <a href=" javascript:alert(1)">c</a> <a href="java&#x09;script:alert(1)">d</a>',
  ],
  [
    'a data: link',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <a href="data:text/html,<script>alert(1)</script>">y</a>',
  ],
  [
    'an iframe',
    '<iframe src="https://evil.example"></iframe>\n\n<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  ],
  [
    'a form',
    '<form action="https://evil.example" method="post"><input name="q" value="x"><input type="submit"><button formaction="https://evil.example">Go</button></form>',
  ],
  [
    'an svg with onload',
    '<svg onload=alert(1)><circle r="5"/><a xlink:href="javascript:alert(1)">x</a></svg>',
  ],
  [
    'a style element with a remote url()',
    '<style>body { background: url(https://evil.example/x.png) } @import "https://evil.example/y.css";</style>',
  ],
  ['a style attribute', '<p style="background:url(https://evil.example/y.png)">styled</p>'],
  ['a meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
  ['a base element', '<base href="https://evil.example/">\n\n[relative](page.html)'],
  [
    'object, embed, link, media',
    '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x"><link rel="stylesheet" href="https://evil.example/s.css"><video poster="https://evil.example/p.png" src="https://evil.example/v.mp4"></video><audio src="https://evil.example/a.mp3"></audio><picture><source srcset="https://evil.example/s.png"></picture><input type="image" src="https://evil.example/i.png">',
  ],
  [
    'event handlers on allowed elements',
    '<p onclick="alert(1)" onmouseover="alert(1)">p</p><details open ontoggle=alert(1)><summary>s</summary></details><a href="https://ok.example" onfocus="alert(1)" autofocus>a</a>',
  ],
  ['a protocol-relative link', '<a href="//evil.example/x">a</a> [b](//evil.example/y)'],
  [
    'noscript mutation XSS',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  ],
  ['math/style mutation XSS', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
  ['svg/style mutation XSS', '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">'],
  [
    'form/math mutation XSS',
    '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  ],
  [
    'textarea and title raw text',
    '<textarea><img title="</textarea><img src=x onerror=alert(1)>"></textarea><title><img title="</title><img src=x onerror=alert(1)>"></title>',
  ],
  ['template contents', '<template><img src=x onerror=alert(1)></template>'],
  ['a comment closing early', '<!--><img src=x onerror=alert(1)>-->'],
];

describe('preview: sanitising hostile HTML', () => {
  for (const [name, body] of HOSTILE) {
    it(`neutralises ${name}`, () => {
      const rendered = renderText(`## Notes\n\n${body}\n`);
      assert.deepEqual(safetyProblems(rendered), []);
      // Attribute values are inert text wherever the HTML is put (tested by safetyProblems).
      const markup = rendered.html.replace(/"[^"]*"/g, '""');
      assert.doesNotMatch(
        markup,
        /<(?:script|iframe|svg|math|style|form|meta|base|img|object|embed|link|video|audio|source|textarea|noscript|template)\b/i,
      );
      assert.doesNotMatch(markup, /\son[a-z]+=/i);
      assert.doesNotMatch(rendered.html, /(?:href|src)="\s*(?:javascript|data):/i);
    });
  }

  it('neutralises all of them together in one note', () => {
    const rendered = renderText(HOSTILE.map(([, body]) => body).join('\n\n'));
    assert.deepEqual(safetyProblems(rendered), []);
  });

  it('keeps the text of a javascript: link but not its href', () => {
    const rendered = renderText('[click](javascript:alert(1))\n');
    const [link] = allElements(rendered.dom).filter(
      (element) => element.tagName === 'a' && textOf(element) === 'click',
    );
    assert.ok(link);
    assert.equal(attr(link, 'href'), undefined);
  });

  it('turns a remote image into a link to it (loaded only if the user opens it) and a local one into text', () => {
    const rendered = renderText(
      '![diagram](https://example.com/d.png) and ![local](images/x.png) and <img src=x onerror=alert(1)>\n',
    );
    const [remote] = select(rendered, 'a', 'image-link');
    assert.equal(attr(remote, 'href'), 'https://example.com/d.png');
    assert.equal(textOf(remote), '[image: diagram]');
    assert.deepEqual(select(rendered, 'span', 'image-placeholder').map(textOf), [
      '[image: local]',
      '[image]',
    ]);
  });

  it('drops the forged annotations of raw HTML: classes, data-note-uri, data-candidates, data-line, ids', () => {
    const rendered = renderText(
      [
        '<a class="wikilink" href="#" data-note-uri="file:///etc/passwd" data-line-target="3">open</a>',
        '<a class="wikilink ambiguous" href="#" data-candidates=\'["file:///etc/shadow"]\'>pick</a>',
        '<span class="note-card" data-line="999" id="ref-x">card</span>',
        '<div data-note-uri="file:///etc/passwd">div</div>',
      ].join('\n\n'),
    );
    assert.deepEqual(safetyProblems(rendered), []);
    assert.doesNotMatch(rendered.html, /etc\/passwd|etc\/shadow|data-line="999"|data-line-target/);
    const open = allElements(rendered.dom).find((element) => textOf(element) === 'open');
    assert.ok(open);
    assert.deepEqual(classes(open), []);
    assert.equal(
      attr(
        rendered.dom.find((e) => textOf(e) === 'card')!,
        'id',
      ),
      undefined,
    );
    assert.match(rendered.html, /id="user-content-ref-x"/);
  });

  it('never reads marker characters written in the note as wikilinks', () => {
    const rendered = renderText('See \uE0000\uE001 and [[Missing]].\n');
    const links = select(rendered, 'a', 'wikilink');
    assert.deepEqual(links.map(textOf), ['Missing']);
    assert.match(rendered.html, /See \uFFFD0\uFFFD and/);
  });

  it('escapes HTML in wikilink targets and aliases', () => {
    const rendered = renderText(
      '[[<img src=x onerror=alert(1)>]] and [[" onmouseover="alert(1)|<script>alert(2)</script>]]\n',
    );
    assert.deepEqual(safetyProblems(rendered), []);
    const links = select(rendered, 'a', 'wikilink', 'broken');
    assert.deepEqual(links.map(textOf), [
      '<img src=x onerror=alert(1)>',
      '<script>alert(2)</script>',
    ]);
  });

  it('keeps no wikilink inside another link (nested anchors re-parse differently)', () => {
    const rendered = renderText(
      '[see [[Other]] here](https://example.com) and <a href="https://example.com">[[Other]] (Citation: X) T1059</a>\n',
      { 'notes/Other.md': '# Other\n' },
    );
    for (const anchor of select(rendered, 'a')) {
      assert.equal(allElements([anchor]).filter((e) => e.tagName === 'a').length, 1);
    }
    assert.equal(select(rendered, 'a', 'wikilink').length, 0);
    assert.match(rendered.html, /see Other here/);
  });

  it('restores a marker that lands in an attribute to the text as written', () => {
    const rendered = renderText('<abbr title="about [[Other]] (Citation: X)">A</abbr>\n');
    const [abbr] = select(rendered, 'abbr');
    assert.equal(attr(abbr, 'title'), 'about [[Other]] (Citation: X)');
  });

  it('points footnote links at the prefixed IDs and keeps user IDs apart from the server’s', () => {
    const rendered = renderText(
      'Claim.[^1]\n\n[^1]: Source\n\n<h4 id="ref-mine">Mine</h4>\n\n<a href="#ref-mine">to mine</a>\n',
    );
    const [reference] = allElements(rendered.dom).filter((e) => attr(e, 'href')?.includes('fn-1'));
    assert.equal(attr(reference, 'href'), '#user-content-fn-1');
    assert.ok(allElements(rendered.dom).some((e) => attr(e, 'id') === 'user-content-fn-1'));
    const [mine] = select(rendered, 'a').filter((e) => textOf(e) === 'to mine');
    assert.equal(attr(mine, 'href'), '#user-content-ref-mine');
  });
});
