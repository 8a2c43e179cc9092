// `npm run kb:build -- <bundle.json>... [--out file] [--attack-version 18.1] [--released date]`:
// regenerates the committed ATT&CK catalog from STIX bundles (facts only, no description prose).
import { writeFileSync } from 'node:fs';
import { stixIdsPathFor } from '../server/src/core/kb/catalog';
import { generateCatalog } from '../server/src/core/kb/generate';

const DEFAULT_OUT = 'server/data/attack-catalog.json';

function main(args: string[]): number {
  const bundles: string[] = [];
  const options: { attackVersion?: string; released?: string } = {};
  let out = DEFAULT_OUT;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out') out = args[++i];
    else if (arg === '--attack-version') options.attackVersion = args[++i];
    else if (arg === '--released') options.released = args[++i];
    else if (arg.startsWith('--')) {
      console.error(`kb:build: unknown option ${arg}`);
      return 2;
    } else bundles.push(arg);
  }
  if (bundles.length === 0 || !out) {
    console.error('usage: npm run kb:build -- <bundle.json>... [--out <catalog.json>]');
    return 2;
  }
  const started = Date.now();
  const generated = generateCatalog(bundles, options);
  for (const warning of generated.warnings) console.warn(`kb:build: ${warning}`);
  writeFileSync(out, generated.text);
  writeFileSync(stixIdsPathFor(out), generated.stixIdsText);
  console.log(
    `kb:build: ATT&CK v${generated.attackVersion}, ${generated.text.length} bytes → ${out} ` +
      `(${Date.now() - started} ms)`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
