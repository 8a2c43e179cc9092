import { strict as assert } from 'node:assert';
import {
  limitNesting,
  MAX_CONTAINER_COLUMNS,
} from '../../../server/src/core/features/preview/nestingGuard';
import { renderText, select, textOf } from './support';

// Fuzzing found these: a 2,000-level list took 40 s to preview, 2,000 `>` or `<div>` levels
// overflowed the stack (test/fuzz/regressions).
describe('preview: nesting no note has', () => {
  it('keeps ordinary nesting as written', () => {
    const markdown = '- a\n  - b\n    > c\n1. d\n\tcode\n';
    assert.equal(limitNesting(markdown), markdown);
  });

  it('shortens a line nested past the limit to the deepest kept level, keeping its words', () => {
    const deep = `${'> '.repeat(40)}deep words`;
    const limited = limitNesting(`a\n${deep}\nb`);
    assert.equal(limited, `a\n${'> '.repeat(MAX_CONTAINER_COLUMNS / 2)}deep words\nb`);
  });

  it('does not render as Markdown a note whose lines nest deeply, one after another', () => {
    const list = Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n');
    assert.equal(limitNesting(list), undefined);
  });

  it('previews 2,000 lines nested up to 200 levels as their text with a notice', function () {
    // Before the guard: about 40 s of micromark, the server answering nothing else.
    this.timeout(10000);
    const list = Array.from({ length: 2000 }, (_, i) => `${'  '.repeat(i % 200)}- item ${i}`).join(
      '\n',
    );
    const rendered = renderText(`# Deep\n\n${list}\n`);
    assert.equal(select(rendered, 'p', 'preview-too-deep').length, 1);
    const pre = select(rendered, 'pre');
    assert.ok(textOf(pre[0]).includes('- item 1999'));
  });

  it('previews 2,000 nested <div>s as text instead of overflowing the stack', function () {
    this.timeout(10000);
    const rendered = renderText(`# Deep\n\n${'<div>'.repeat(2000)}html\n`);
    const pre = select(rendered, 'pre');
    assert.equal(pre.length, 1);
    assert.ok(textOf(pre[0]).includes('<div><div>html'));
  });

  it('renders one line of 5,000 `>` at the kept depth', function () {
    this.timeout(10000);
    const rendered = renderText(`${'> '.repeat(5000)}quoted`);
    const quotes = select(rendered, 'blockquote');
    assert.equal(quotes.length, MAX_CONTAINER_COLUMNS / 2);
  });
});
