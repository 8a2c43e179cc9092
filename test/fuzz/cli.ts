// `npm run fuzz -- --seed N --cases M [--from I] [--whole-notes] [--lanes L] [--timing]`: a longer (or different) fuzz run than CI's,
// against the built server. Exits 1 at the first crash, hang or memory blow-up, with the seed,
// the case and the input kept in test/fuzz/regressions.
import { LspClient } from '../support/lspClient';
import { describeReport, runCampaign } from './campaign';
import { loadCorpus } from './corpus';

function numberOption(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`fuzz: --${name} needs a whole number, got ${args[at + 1] ?? 'nothing'}`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const seed = numberOption(args, 'seed', Date.now() % 1_000_000);
  const cases = numberOption(args, 'cases', 20000);
  const from = numberOption(args, 'from', 0);
  const corpus = loadCorpus();
  console.log(`fuzz: seed ${seed}, cases ${from}..${from + cases - 1}, corpus ${corpus.name}`);
  const report = await runCampaign({
    seed,
    cases,
    from,
    corpus,
    wholeNotes: args.includes('--whole-notes'),
    lanes: numberOption(args, 'lanes', 2),
    progressEvery: 1000,
    onProgress: (done, partial) =>
      console.log(`fuzz: ${done} cases, ${partial.seconds.toFixed(0)} s`),
  });
  for (const line of describeReport(report)) console.log(line);
  if (args.includes('--timing')) {
    for (const [method, ms] of [...report.msByMethod].sort((a, b) => b[1] - a[1]))
      console.log(`fuzz: ${method} ${Math.round(ms)} ms in all`);
  }
  process.exit(report.failure ? 1 : 0);
}

process.on('SIGINT', () => {
  LspClient.killAll();
  process.exit(130);
});
main().catch((error: unknown) => {
  LspClient.killAll();
  console.error(error);
  process.exit(1);
});
