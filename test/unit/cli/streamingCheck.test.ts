import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkShard, parseShard } from '../../../server/src/cli/check/shards';
import { checkVaultStreaming } from '../../../server/src/cli/check/streamingCheck';
import { defaultRuleConfig } from '../../../server/src/core/features/diagnostics/config';
import {
  createExcludeMatcher,
  DEFAULT_EXCLUDES,
  listMarkdownFiles,
} from '../../../server/src/core/index/diskVault';
import { uriFromPath } from '../../../server/src/core/index/vaultPaths';
import { GROUP, GROUP_PATH, PYTHON, seedVault } from '../diagnostics/fixtures';
import { edit } from '../diagnostics/support';
import { catalogKnowledgeBase, REPO_ROOT } from '../kb/attackData';

/**
 * `check` reads and summarises every note, then parses and checks one note at a time; the
 * findings must be exactly those of parsing every note first and checking them against one index
 * of full models (`checkShard`, what the fix path and the worker threads still use).
 */

/** Findings whose cause is in another note, or in the note's own headings through a link. */
const CROSS_NOTE = edit(
  edit(
    edit(PYTHON, '[[Audit\\|M1047]]', '[[Audit#Overveiw\\|M1047]]'),
    '[[Execution Prevention\\|M1038]]',
    '[[Limit Software Installation\\|M1038]]',
  ),
  '## T1059.006',
  '## T1059.006\n\nSee [[#Procedure Exampels]], [[#Mitigations]], [[./Python]] and [[Audit#Overview]].',
);

function writeVault(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

function listed(root: string): string[] {
  return listMarkdownFiles(root, createExcludeMatcher(DEFAULT_EXCLUDES), '', []).map((vaultPath) =>
    path.join(root, ...vaultPath.split('/')),
  );
}

/** Both ways over the same files and scopes: findings, counts and notices must be equal. */
function assertSameFindings(root: string, scopes: string[]): number {
  const files = listed(root);
  const folderUri = uriFromPath(root);
  const kb = catalogKnowledgeBase();
  const config = defaultRuleConfig();
  const parsed = parseShard(files);
  const whole = checkShard(folderUri, parsed.notes, [], kb, config, scopes);
  const streamed = checkVaultStreaming(root, files, config, scopes, kb);
  assert.deepEqual(streamed.findings, whole.findings);
  assert.equal(streamed.notes, whole.notes);
  assert.deepEqual(streamed.newerVault, whole.newerVault);
  assert.deepEqual(streamed.failures, parsed.failures);
  assert.deepEqual(streamed.skipped, parsed.skipped);
  return whole.findings.reduce((sum, finding) => sum + finding.diagnostics.length, 0);
}

describe('attack-notes check, one note at a time', function () {
  let root: string;

  beforeEach(function () {
    root = mkdtempSync(path.join(tmpdir(), 'attack-notes-streaming-'));
  });

  afterEach(function () {
    rmSync(root, { recursive: true, force: true });
  });

  it('finds what checking every parsed note finds, with links across notes and to itself', function () {
    writeVault(
      root,
      seedVault({
        'techniques/Python.md': CROSS_NOTE,
        'archive/Audit.md': '---\nalias: M1047\n---\n\n## M1047\n\n### Overview\n',
        // A BOM and CRLF line ends, a custom ID the vault defines and links to it.
        'notes/Custom.md': '\uFEFF---\nalias: M9001\n---\r\n\r\n## M9001\r\n\r\n### Overview\r\n',
        // The same targets as written in Python.md, which resolve differently from here (a
        // relative link) or not at all (a link to the note itself).
        [GROUP_PATH]: edit(
          GROUP,
          '## G0007',
          '## G0007\n\n[[Custom#Overview]] [[Custom#Nope]] [[./Python]] [[#Mitigations]] [[Audit#Overview]]',
        ),
      }),
    );
    const findings = assertSameFindings(root, [root]);
    assert.ok(findings > 0, 'the vault has findings to compare');
  });

  it('reports only the notes in scope, as checking every parsed note does', function () {
    writeVault(root, seedVault({ 'techniques/Python.md': CROSS_NOTE }));
    assertSameFindings(root, [path.join(root, 'techniques')]);
    assertSameFindings(root, [path.join(root, 'techniques', 'Python.md')]);
  });

  it('finds what checking every parsed note finds in examples/vault', function () {
    const examples = path.join(REPO_ROOT, 'examples', 'vault');
    assert.ok(assertSameFindings(examples, [examples]) > 0, 'examples/vault shows findings');
  });
});
