import { strict as assert } from 'node:assert';
import picomatch from 'picomatch';
import {
  createExcludeMatcher,
  DEFAULT_EXCLUDES,
  isExcludedPath,
} from '../../../server/src/core/index/diskVault';

// Globs as users write them in `files.exclude` and `attackNotes.exclude`.
const GLOBS = [
  ...DEFAULT_EXCLUDES,
  'templates/**',
  '**/*.excalidraw.md',
  '**/Archive',
  'drafts/*.md',
  '**/{tmp,temp}/**',
  'notes/[abc]*.md',
  '!keep.md',
  '*.MD',
];

const PATHS = [
  'techniques/Python.md',
  '.git',
  '.git/config',
  'sub/.obsidian/workspace.json',
  'node_modules/x/readme.md',
  'templates',
  'templates/Technique.md',
  'Templates/deep/x.md',
  'drawings/plan.excalidraw.md',
  'a/b/Archive',
  'a/b/archive/old.md',
  'drafts/one.md',
  'drafts/deeper/two.md',
  'x/tmp/y.md',
  'notes/alpha.md',
  'notes/delta.md',
  'keep.md',
  'README.MD',
  '.trash/gone.md',
];

describe('exclude matcher', () => {
  it('matches exactly the paths that one of its globs matches, as picomatch does', () => {
    const combined = createExcludeMatcher(GLOBS);
    const separate = GLOBS.map((glob) => picomatch(glob, { dot: true, nocase: true }));
    for (const path of PATHS) {
      assert.equal(
        combined(path),
        separate.some((matches) => matches(path)),
        path,
      );
    }
  });

  it('ignores an empty glob (picomatch throws on one) and keeps the others', () => {
    const isExcluded = createExcludeMatcher(['', '!', 'drafts/**']);
    assert.equal(isExcluded('drafts/Idea.md'), true);
    assert.equal(isExcluded('notes/Idea.md'), false);
  });

  it('matches nothing without globs', () => {
    assert.equal(createExcludeMatcher([])('anything.md'), false);
  });

  it('excludes a note inside an excluded folder, which a folder glob alone does not match', () => {
    const isExcluded = createExcludeMatcher(['**/Archive', 'templates', ...DEFAULT_EXCLUDES]);
    const cases: [string, boolean][] = [
      ['a/b/Archive/old.md', true],
      ['a/b/Archive/deep/old.md', true],
      ['templates/Technique.md', true],
      ['sub/.obsidian/notes.md', true],
      ['a/b/Archived.md', false],
      ['a/templates/Technique.md', false],
      ['Archive.md', false],
    ];
    for (const [path, excluded] of cases) {
      assert.equal(isExcluded(path) && !excluded, false, `${path}: the glob alone`);
      assert.equal(isExcludedPath(isExcluded, path), excluded, path);
    }
  });
});
