import { strict as assert } from 'node:assert';
import picomatch from 'picomatch';
import { createExcludeMatcher, DEFAULT_EXCLUDES } from '../../../server/src/core/index/diskVault';

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

  it('matches nothing without globs', () => {
    assert.equal(createExcludeMatcher([])('anything.md'), false);
  });
});
