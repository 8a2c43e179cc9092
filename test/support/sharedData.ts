// The test data kept beside the repository, not in it: ../shared holds the seed note as it was first
// received, two large vaults and the full ATT&CK STIX bundles (MITRE prose, 37 MB). CI has it; a
// fresh clone does not. Everything the suite needs to pass lives in the repository
// (examples/vault, test/fixtures); the tests that exist only to check the large data run through
// `describeWithShared`, which turns into ONE pending line saying what was skipped and why when the
// data is missing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * `<repo>/../shared`, or ATTACK_NOTES_SHARED_DIR when set (a folder that does not exist tries the
 * suite as a fresh clone would, without cloning; CI clones: scripts/test-fresh-clone.mjs).
 */
export const sharedRoot = path.resolve(
  process.env.ATTACK_NOTES_SHARED_DIR || path.join(repoRoot, '..', 'shared'),
);

/** What ../shared holds that tests use, and how a skipped line names it. */
export const SHARED_DATA = {
  seed: { segments: ['seed', '000_8b64cf9aacfc1ce1.txt'], what: 'the seed note as received' },
  enterprise: { segments: ['vaults', 'enterprise'], what: 'the 921-note enterprise vault' },
  'kb-dialect': { segments: ['vaults', 'kb-dialect'], what: 'the kb-dialect vault' },
  stix: { segments: ['attack'], what: 'the full ATT&CK STIX bundles' },
} as const;

export type SharedData = keyof typeof SHARED_DATA;

/** The path of a piece of shared data, with more segments below it (a note of a vault). */
export function sharedPath(data: SharedData, ...below: string[]): string {
  return path.join(sharedRoot, ...SHARED_DATA[data].segments, ...below);
}

export function hasShared(...needs: SharedData[]): boolean {
  return needs.every((data) => existsSync(sharedPath(data)));
}

/** Why a test of `needs` cannot run here, or undefined when it can. */
export function sharedSkipReason(...needs: SharedData[]): string | undefined {
  const missing = needs.filter((data) => !existsSync(sharedPath(data)));
  if (missing.length === 0) return undefined;
  const named = missing.map((data) => {
    const relative = path.relative(repoRoot, sharedPath(data));
    const where = relative.startsWith(`..${path.sep}..`) ? sharedPath(data) : relative;
    return `${SHARED_DATA[data].what} (${where})`;
  });
  return `skipped: needs ${named.join(' and ')}, kept beside the repository and absent here`;
}

/**
 * `describe(title, body)` when the shared data is there; otherwise one pending test whose title
 * says what was skipped and why, instead of a pending line per test.
 */
export function describeWithShared(
  title: string,
  needs: SharedData | SharedData[],
  body: (this: Mocha.Suite) => void,
): void {
  const reason = sharedSkipReason(...(Array.isArray(needs) ? needs : [needs]));
  if (reason === undefined) describe(title, body);
  else it(`${title} — ${reason}`);
}

/** `it(title, test)` when the shared data is there; otherwise a pending test saying why not. */
export function itWithShared(
  title: string,
  needs: SharedData | SharedData[],
  test: Mocha.Func,
): void {
  const reason = sharedSkipReason(...(Array.isArray(needs) ? needs : [needs]));
  if (reason === undefined) it(title, test);
  else it(`${title} — ${reason}`);
}

/** The owned stand-in of the seed note: the same lines, lengths and links, our own prose. */
export const OWNED_SEED_PATH = path.join(
  repoRoot,
  'test',
  'fixtures',
  'seed',
  'python-T1059.006.md',
);

export interface SeedVariant {
  /** `owned` (test/fixtures, always there) or `received` (../shared, when present). */
  name: 'owned' | 'received';
  path: string;
  text: string;
  uri: string;
}

function variant(name: SeedVariant['name'], file: string): SeedVariant {
  return {
    name,
    path: file,
    text: readFileSync(file, 'utf8'),
    uri: pathToFileURL(file).toString(),
  };
}

export function ownedSeed(): SeedVariant {
  return variant('owned', OWNED_SEED_PATH);
}

/** The owned seed, and the received one too when ../shared has it. */
export function seedVariants(): SeedVariant[] {
  return hasShared('seed') ? [ownedSeed(), variant('received', sharedPath('seed'))] : [ownedSeed()];
}
