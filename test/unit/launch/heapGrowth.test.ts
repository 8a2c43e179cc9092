import * as assert from 'node:assert/strict';
import { heapGrowthFlag, SERVER_HEAP_GROWING_PERCENT } from '../../../server/loader/heapGrowth';

describe('the server heap growth flag (server/loader/heapGrowth.ts)', () => {
  const ours = `--heap-growing-percent=${SERVER_HEAP_GROWING_PERCENT}`;

  it('is set when nobody chose one', () => {
    assert.equal(heapGrowthFlag([], ''), ours);
    assert.equal(heapGrowthFlag(['--stdio'], '--max-old-space-size=4096'), ours);
    assert.equal(heapGrowthFlag([], undefined), ours);
  });

  it("leaves the user's own choice on the command line or in NODE_OPTIONS alone", () => {
    assert.equal(heapGrowthFlag(['--heap-growing-percent=80'], ''), undefined);
    assert.equal(heapGrowthFlag([], '--inspect --heap_growing_percent=10'), undefined);
  });
});
