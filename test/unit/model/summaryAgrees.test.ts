import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseNote } from '../../../server/src/core/model/parseNote';
import {
  scanSummary,
  summarizeNote,
  summaryOfModel,
  type NoteSummary,
} from '../../../server/src/core/model/summary';
import { itWithShared, sharedPath } from '../../support/sharedData';
import { markdownFilesUnder } from './modelTestSupport';
import { TRICKY_SNIPPETS } from './trickySnippets';

/**
 * The index keeps only a summary of each note read from disk and builds models on demand. The
 * summary's scan must agree with the full model: the same identity and aliases, and at least
 * every link target the model has.
 */
function disagreement(text: string, uri: string): string | undefined {
  const model = summaryOfModel(parseNote(text, uri));
  const summary = summarizeNote(text, uri);
  return differenceOf(summary, model);
}

function differenceOf(summary: NoteSummary, model: NoteSummary): string | undefined {
  if (JSON.stringify(summary.identity) !== JSON.stringify(model.identity))
    return `identity ${JSON.stringify(summary.identity)} ≠ ${JSON.stringify(model.identity)}`;
  if (JSON.stringify(summary.aliases) !== JSON.stringify(model.aliases))
    return `aliases ${JSON.stringify(summary.aliases)} ≠ ${JSON.stringify(model.aliases)}`;
  const scanned = new Set(summary.linkTargets);
  const missing = model.linkTargets.filter((target) => !scanned.has(target));
  if (missing.length > 0) return `link targets missing: ${JSON.stringify(missing)}`;
  return undefined;
}

// Where an ID heading could be mistaken: every shape the scan must either read exactly or leave
// to the full parser. Each also runs with CRLF and CR line ends and behind front matter.
const ID_HEADING_SNIPPETS = [
  '## T1059.006\n\ntext [[Execution]]\n',
  '# TA0002 #\n',
  '###   m1033   ###  \n',
  '## T1059.006#\n## S0154\n',
  '####### T1059\n## G0007\n',
  '    ## T1059\n## M1047\n',
  '\t## T1059\n',
  '- ## T1059\n',
  '> ## T1059\n## G0016\n',
  '1. ## T1059\n',
  '```\n## T1059\n```\n## T1003\n',
  '~~~md\n## T1059\n~~~\n',
  '<div>\n## T1059\n</div>\n',
  '<!--\n## T1059\n-->\n## C0010\n',
  'T1059\n---\n',
  'Intro\nT1059\n===\n',
  'T1059\n\n---\n',
  'Issue # T1059\n',
  '## Technique\n## DS0009\n## T1059\n',
  '[^1]: note\n    ## T1059\n',
  '## T1059\u2028## G0007\n',
  '\ufeff## T1548.002\n',
  '## Heading\n\n| ID | Name |\n| --- | --- |\n| [[Audit\\|M1047]] | Audit |\n',
  'text ## T1059\n',
  '  ## TA2541\n',
  '## T1059.0061\n## T10590\n',
  // Only the first ID heading decides, so only what lies above it may send a note to the parser.
  '## T1059\n- ## G0007\n```\n<div>\nS0154\n---\n',
  '## T1059\nG0007\n---\n',
  '## T1059\n===\n## G0016\n',
  'G0007\n---  \n## T1059\n',
  'para T1059\n===\n## G0007\n',
  'G0007\n## T1059\n',
  '```\ncode\n```\n## T1059\n',
  '<span>x</span>\n## G0007\n',
  '####### T1059\n- ## G0007\n## S0154\n',
  'text\n## T1059',
  'x\u2028## T1059\n',
  '## T1059\n\u2028## G0007\n',
];

const FRONT_MATTERS = [
  '',
  '---\nalias: T1059.006\n---\n',
  '---\naliases:\n  - TA2541\n  - "Weird: name"\n---\n',
  '---\nalias: APT28, Fancy Bear\n---\n',
  '---\nalias: [G0007, Sofacy]\ntags: [a]\n---\n',
  '---\nbroken: [yaml\n---\n',
  '---\nalias: T1059\n',
  // Closing lines the scan's short line index must find as the parser does.
  '---\nalias: G0007\n---  \n',
  '---\nalias: T1003\n-----\n--- x\n...\n',
  '---\n---\n',
  '----\nalias: T1059\n---\n',
  '---\nalias: T1059\n---',
];

describe('note summary: the scan agrees with the full model', () => {
  it('on tricky snippets, ID-heading shapes and front matter, with LF, CRLF and CR', () => {
    const failures: string[] = [];
    const bodies = [...TRICKY_SNIPPETS, ...ID_HEADING_SNIPPETS];
    for (const frontMatter of FRONT_MATTERS) {
      for (const body of bodies) {
        const source = frontMatter + body;
        for (const text of [source, source.replace(/\n/g, '\r\n'), source.replace(/\n/g, '\r')]) {
          for (const uri of ['file:///vault/notes/Plain.md', 'file:///vault/T1003%20Dumping.md']) {
            const problem = disagreement(text, uri);
            if (problem) failures.push(`${JSON.stringify(text)} (${uri}): ${problem}`);
          }
        }
      }
    }
    assert.deepEqual(failures, []);
  });

  it('reads plain ID headings itself and leaves doubtful ones to the full parser', () => {
    assert.equal(scanSummary('## T1059.006\n', 'file:///v/a.md')?.identity?.id, 'T1059.006');
    assert.equal(scanSummary('---\nalias: T1059\n---\n', 'file:///v/a.md')?.identity?.id, 'T1059');
    assert.equal(scanSummary('```\n## T1059\n```\n', 'file:///v/a.md'), undefined);
    assert.equal(scanSummary('- ## T1059\n', 'file:///v/a.md'), undefined);
    assert.equal(scanSummary('T1059\n---\n', 'file:///v/a.md'), undefined);
    assert.equal(scanSummary('G0007\n---\n## T1059\n', 'file:///v/a.md'), undefined);
    // Below the first ID heading nothing can change which heading is first.
    assert.equal(scanSummary('## T1059\n- ## G0007\n', 'file:///v/a.md')?.identity?.id, 'T1059');
    assert.equal(scanSummary('## S0154\n```\n', 'file:///v/a.md')?.identity?.id, 'S0154');
    // Code far from any ID heading does not matter: no heading, nothing to doubt.
    assert.deepEqual(scanSummary('```\ncode\n```\n', 'file:///v/a.md'), {
      aliases: [],
      linkTargets: [],
    });
  });

  for (const vault of ['enterprise', 'kb-dialect'] as const) {
    itWithShared(
      `on every note of the ${vault} vault, most of them decided by the scan alone`,
      vault,
      function () {
        const root = sharedPath(vault);
        this.timeout(120_000);
        const failures: string[] = [];
        let scanned = 0;
        const files = markdownFilesUnder(root);
        for (const file of files) {
          const text = readFileSync(file, 'utf8');
          const uri = pathToFileURL(file).toString();
          const problem = disagreement(text, uri);
          if (problem) failures.push(`${relative(root, file)}: ${problem}`);
          if (scanSummary(text, uri)) scanned++;
        }
        assert.deepEqual(failures.slice(0, 10), []);
        // The point of the scan: the full parser is the exception, not the rule.
        assert.ok(scanned >= files.length * 0.95, `${scanned} of ${files.length} scanned`);
      },
    );
  }
});
