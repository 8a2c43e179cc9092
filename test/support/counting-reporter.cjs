// Mocha reporter: the usual spec output, plus the run's totals written as JSON to the file named
// by ATTACK_NOTES_TEST_STATS, so `npm test` can print one summary over every layer.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.ATTACK_NOTES_TEST_STATS;
      if (!file) return;
      const { passes, failures, pending } = this.stats;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ passed: passes, failed: failures, pending }));
    });
  }
}
module.exports = CountingReporter;
