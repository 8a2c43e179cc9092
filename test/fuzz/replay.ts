import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REGRESSIONS_DIR, type RegressionPlan } from './campaign';
import { WORKSPACE_FOLDERS } from './corpus';
import {
  FuzzFailure,
  GIANT_BOUNDS,
  ORDINARY_BOUNDS,
  REQUEST_KINDS,
  RSS_BOUND_MB,
  type FuzzServer,
} from './driver';
import { makePlan } from './plan';
import { Random } from './random';

/** A kept failing input: `<name>.md`, with the requests it sent in `<name>.json` when known. */
export interface Regression {
  name: string;
  text: string;
  saved?: RegressionPlan;
}

/** Inputs longer than this are replayed under the giant cases' bounds. */
const GIANT_INPUT_CHARACTERS = 100_000;

export function loadRegressions(dir = REGRESSIONS_DIR): Regression[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.md'.length);
      const planFile = path.join(dir, `${name}.json`);
      return {
        name,
        text: readFileSync(path.join(dir, file), 'utf8'),
        saved: existsSync(planFile)
          ? (JSON.parse(readFileSync(planFile, 'utf8')) as RegressionPlan)
          : undefined,
      };
    });
}

/**
 * Opens a regression's input inside the workspace (examples/vault/zz-fuzz/, never written) and
 * sends every request, at the saved positions when there are some, under the fuzz bounds.
 * Throws FuzzFailure as a fuzz case would.
 */
export async function replay(server: FuzzServer, regression: Regression): Promise<void> {
  const uri = pathToFileURL(
    path.join(WORKSPACE_FOLDERS[0], 'zz-fuzz', 'regressions', `${regression.name}.md`),
  ).toString();
  let seed = 0;
  for (const char of regression.name) seed = (Math.imul(seed, 31) + char.charCodeAt(0)) >>> 0;
  const plan = {
    ...(regression.saved?.plan ?? makePlan(regression.text, new Random(seed))),
    requests: [...REQUEST_KINDS],
  };
  const bounds = regression.text.length > GIANT_INPUT_CHARACTERS ? GIANT_BOUNDS : ORDINARY_BOUNDS;
  const cpuStart = server.cpuMs();
  await server.show(uri, regression.text);
  try {
    await server.exercise(uri, plan, bounds, { cpuStart });
  } finally {
    await server.closeAll();
  }
  const peak = server.peakRssMb();
  if (peak !== undefined && peak > RSS_BOUND_MB)
    throw new FuzzFailure(
      'memory',
      `peak resident memory ${Math.round(peak)} MB > ${RSS_BOUND_MB} MB`,
    );
}
