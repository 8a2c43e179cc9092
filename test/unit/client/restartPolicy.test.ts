// The client's answer to a server process that ended: restart within VS Code's limits, and say so
// to the user once, not at every restart.
import * as assert from 'node:assert/strict';
import { MAX_RESTARTS, RESTART_WINDOW_MS, RestartPolicy } from '../../../client/src/restartPolicy';

describe('restart policy', () => {
  let now: number;
  const policy = () => new RestartPolicy('ATT&CK Notes', () => now);
  beforeEach(() => (now = 1_000_000));

  it('restarts and tells the user once, however many restarts follow', () => {
    const restarts = policy();
    const first = restarts.closed();
    assert.equal(first.restart, true);
    assert.match(
      first.tell ?? '',
      /ATT&CK Notes language server stopped unexpectedly and was restarted/,
    );
    for (let i = 1; i < MAX_RESTARTS; i++) {
      now += 1000;
      assert.deepEqual(restarts.closed(), { restart: true });
    }
  });

  it('gives up, with a message, after more than MAX_RESTARTS stops within the window', () => {
    const restarts = policy();
    for (let i = 0; i < MAX_RESTARTS; i++) {
      now += 1000;
      assert.equal(restarts.closed().restart, true);
    }
    now += 1000;
    const last = restarts.closed();
    assert.equal(last.restart, false);
    assert.match(last.tell ?? '', /stopped 5 times in 3 minutes and will not be restarted/);
  });

  it('forgets stops older than the window, so a rare crash is always restarted', () => {
    const restarts = policy();
    for (let i = 0; i < 3 * MAX_RESTARTS; i++) {
      now += RESTART_WINDOW_MS / 2;
      const decision = restarts.closed();
      assert.equal(decision.restart, true);
      assert.equal(decision.tell !== undefined, i === 0);
    }
  });
});
