import { strict as assert } from 'node:assert';
import { describeReport, runCampaign } from './campaign';
import { loadCorpus, WORKSPACE_FOLDERS } from './corpus';
import { FuzzServer } from './driver';
import { loadRegressions, replay } from './replay';

/** CI's run: a fixed seed, so a failure here fails the same way on any machine. */
const CI_SEED = 20261207;
const CI_CASES = Number(process.env.ATTACK_NOTES_FUZZ_CASES ?? 5000);

describe('fuzz: kept regressions, replayed through the built server', function () {
  this.timeout(300000);
  let server: FuzzServer;
  before(async () => {
    server = await FuzzServer.start(WORKSPACE_FOLDERS);
  });
  after(async () => {
    await server?.stop();
  });

  for (const regression of loadRegressions()) {
    const why = regression.saved?.failure ? ` — found as ${regression.saved.failure}` : '';
    it(`${regression.name}${why}`, async () => {
      await replay(server, regression);
    });
  }
});

describe('fuzz: seeded cases through the built server', function () {
  this.timeout(900000);

  it(`${CI_CASES} mutated notes (seed ${CI_SEED}) answer every request within the bounds`, async () => {
    const report = await runCampaign({ seed: CI_SEED, cases: CI_CASES, corpus: loadCorpus() });
    const lines = describeReport(report);
    for (const line of lines) console.log(`      ${line}`);
    assert.equal(report.failure, undefined, lines.join('\n'));
    assert.equal(report.cases, CI_CASES);
  });
});
