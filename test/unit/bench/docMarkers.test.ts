import { strict as assert } from 'node:assert';
import { replaceBetweenMarkers } from '../../../bench/support/docMarkers';

describe('bench: generated tables between their markers in docs/performance.md', () => {
  it('fills markers with nothing between them (the start-up breakdown was never written so)', () => {
    const document =
      'Before.\n\n<!-- bench:startup:start -->\n<!-- bench:startup:end -->\n\nAfter.\n';
    assert.equal(
      replaceBetweenMarkers(document, 'startup', '| a |\n| --- |\n'),
      'Before.\n\n<!-- bench:startup:start -->\n\n| a |\n| --- |\n\n<!-- bench:startup:end -->\n\nAfter.\n',
    );
  });

  it('replaces what an earlier run put there, and only between its own markers', () => {
    const document =
      '<!-- bench:table:start -->\n\nold table\n\n<!-- bench:table:end -->\n' +
      '<!-- bench:startup:start -->\n\nold breakdown\n\n<!-- bench:startup:end -->\n';
    const once = replaceBetweenMarkers(document, 'table', 'new table');
    assert.equal(
      once,
      '<!-- bench:table:start -->\n\nnew table\n\n<!-- bench:table:end -->\n' +
        '<!-- bench:startup:start -->\n\nold breakdown\n\n<!-- bench:startup:end -->\n',
    );
    // Filling again with the same content changes nothing.
    assert.equal(replaceBetweenMarkers(once, 'table', 'new table'), once);
  });

  it('leaves a document without the markers as it is', () => {
    assert.equal(replaceBetweenMarkers('No markers.\n', 'table', 'x'), 'No markers.\n');
  });
});
