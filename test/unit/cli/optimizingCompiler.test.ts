import { strict as assert } from 'node:assert';
import {
  MAX_NOTES,
  withOptimizingCompilerHeldBack,
} from '../../../server/src/cli/check/optimizingCompiler';

/** What a check did to V8's flags, and what it saw while its work ran. */
function run(notes: number, startOptions = '', work: () => string = () => 'done') {
  const flags: string[] = [];
  const setFlags = (flag: string) => void flags.push(flag);
  let during: string[] = [];
  let result: string | undefined;
  let error: unknown;
  try {
    result = withOptimizingCompilerHeldBack(
      notes,
      () => {
        during = [...flags];
        return work();
      },
      { setFlags, startOptions },
    );
  } catch (caught) {
    error = caught;
  }
  return { flags, during, result, error };
}

describe('check: V8 optimizing compiler held back for small vaults', function () {
  it('turns TurboFan off while a small vault is checked, and on again after', function () {
    assert.deepEqual(run(921), {
      flags: ['--no-turbofan', '--turbofan'],
      during: ['--no-turbofan'],
      result: 'done',
      error: undefined,
    });
    assert.deepEqual(run(MAX_NOTES).flags, ['--no-turbofan', '--turbofan']);
  });

  it('turns it on again when the check throws', function () {
    const failed = run(10, '', () => {
      throw new Error('unreadable');
    });
    assert.deepEqual(failed.flags, ['--no-turbofan', '--turbofan']);
    assert.match(String(failed.error), /unreadable/);
  });

  it('leaves it alone for a large vault, and when Node was started with a choice of its own', function () {
    assert.deepEqual(run(MAX_NOTES + 1).flags, []);
    assert.deepEqual(run(921, '--no-opt').flags, []);
    assert.deepEqual(run(921, '--max-opt=1 --enable-source-maps').flags, []);
    assert.deepEqual(run(921, '--turbofan').flags, []);
    // Other options are no choice about optimising.
    assert.deepEqual(run(921, '--enable-source-maps --stack-size=2000').flags, [
      '--no-turbofan',
      '--turbofan',
    ]);
  });

  it('runs the check unchanged when V8 refuses the flag', function () {
    const refused = withOptimizingCompilerHeldBack(5, () => 'checked', {
      setFlags: () => {
        throw new Error('frozen flags');
      },
      startOptions: '',
    });
    assert.equal(refused, 'checked');
  });
});
