// No script from a note: front matter is read as YAML data only. gray-matter would evaluate
// `---js` / `---coffee` front matter as code; the parser refuses those engines, and only a bare
// `---` opens front matter in the first place.
import { strict as assert } from 'node:assert';
import { parseFrontmatter } from '../../../server/src/core/model/frontmatter';
import { parseNote } from '../../../server/src/core/model/parseNote';
import { LineIndex } from '../../../server/src/core/text/lineIndex';

const MARK = '__attackNotesFrontmatterRan';
const globals = globalThis as Record<string, unknown>;

describe('front matter runs no code', () => {
  afterEach(() => delete globals[MARK]);

  it('refuses the js and coffee engines even when handed such a block', () => {
    for (const language of ['js', 'javascript', 'coffee']) {
      const text = `---${language}\nglobalThis.${MARK} = '${language}'; ({ alias: 'T1059' })\n---\n# Note\n`;
      const parsed = parseFrontmatter(text, new LineIndex(text), { openLine: 0, closeLine: 2 });
      assert.equal(globals[MARK], undefined, `${language} front matter ran`);
      assert.ok(parsed.error, `${language} front matter was read as data`);
      assert.equal(parsed.data, undefined);
    }
  });

  it('reads a note that opens with ---js as a note without front matter', () => {
    const note = parseNote(
      `---js\nglobalThis.${MARK} = 1; ({})\n---\n\n## T1059\n`,
      'file:///v/n.md',
    );
    assert.equal(globals[MARK], undefined);
    assert.equal(note.frontmatter, undefined);
  });
});
