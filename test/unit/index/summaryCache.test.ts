import { strict as assert } from 'node:assert';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { URI } from 'vscode-uri';
import { loadFoldersFromDisk } from '../../../server/src/core/index/diskVault';
import {
  decodeSummaryCache,
  encodeSummaryCache,
  readSummaryCache,
  summaryCacheFile,
  SUMMARY_CACHE_FORMAT,
  writeSummaryCache,
  type CachedSummary,
} from '../../../server/src/core/index/summaryCache';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { parseNote } from '../../../server/src/core/model/parseNote';

const ENTRY: CachedSummary = {
  stamp: { mtimeMs: 1700000000123.5, size: 42 },
  summary: {
    identity: {
      id: 'T1059.006',
      kind: 'technique',
      source: 'frontmatter',
      range: { start: { line: 1, character: 7 }, end: { line: 1, character: 16 } },
    },
    aliases: ['T1059.006'],
    linkTargets: ['Execution', 'mitigations/Audit'],
  },
};

describe('summary cache: encoding', () => {
  it('round-trips summaries and stamps', () => {
    const json = encodeSummaryCache('1.2.3', [['file:///v/a.md', ENTRY]]);
    assert.deepEqual(decodeSummaryCache(json, '1.2.3'), new Map([['file:///v/a.md', ENTRY]]));
  });

  it('ignores a cache of another server version or format, and text that is not a cache', () => {
    const json = encodeSummaryCache('1.2.3', [['file:///v/a.md', ENTRY]]);
    assert.equal(decodeSummaryCache(json, '1.2.4'), undefined);
    const otherFormat = json.replace(
      `"format":${SUMMARY_CACHE_FORMAT}`,
      `"format":${SUMMARY_CACHE_FORMAT + 1}`,
    );
    assert.equal(decodeSummaryCache(otherFormat, '1.2.3'), undefined);
    for (const broken of ['', '{', 'null', '[]', '{"format":1}', json.slice(0, -5)]) {
      assert.equal(decodeSummaryCache(broken, '1.2.3'), undefined, broken);
    }
  });

  it('leaves out entries that do not have the shape of a summary', () => {
    const notes = {
      'file:///v/good.md': [1, 2, { aliases: [], linkTargets: ['x'] }],
      'file:///v/kind.md': [
        1,
        2,
        { ...ENTRY.summary, identity: { id: 'X', kind: 'nope', source: 'heading' } },
      ],
      'file:///v/range.md': [
        1,
        2,
        {
          ...ENTRY.summary,
          identity: { ...ENTRY.summary.identity, range: { start: { line: -1 } } },
        },
      ],
      'file:///v/links.md': [1, 2, { aliases: [], linkTargets: [3] }],
      'file:///v/stamp.md': ['1', 2, { aliases: [], linkTargets: [] }],
      'file:///v/short.md': [1, { aliases: [], linkTargets: [] }],
    };
    const json = JSON.stringify({ format: SUMMARY_CACHE_FORMAT, version: 'v', notes });
    assert.deepEqual([...decodeSummaryCache(json, 'v')!.keys()], ['file:///v/good.md']);
  });

  it('names one file per set of workspace folders, whatever their order', () => {
    const a = summaryCacheFile('/cache', ['file:///a', 'file:///b']);
    assert.equal(a, summaryCacheFile('/cache', ['file:///b', 'file:///a']));
    assert.notEqual(a, summaryCacheFile('/cache', ['file:///a']));
    assert.equal(path.dirname(a), '/cache');
  });
});

describe('summary cache: files and the index', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-cache-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes whole files, creating the folder, and reads them back', () => {
    const file = path.join(root, 'deep', 'cache', 'index.json');
    assert.equal(
      writeSummaryCache(file, encodeSummaryCache('v', [['file:///a.md', ENTRY]])),
      undefined,
    );
    assert.deepEqual(readSummaryCache(file, 'v')?.get('file:///a.md'), ENTRY);
    assert.deepEqual(readdirSync(path.dirname(file)), ['index.json']);
    assert.equal(readSummaryCache(path.join(root, 'missing.json'), 'v'), undefined);
  });

  it('reports a cache that cannot be written and leaves nothing behind', () => {
    writeFileSync(path.join(root, 'blocker'), 'a file where a folder should be');
    const problem = writeSummaryCache(path.join(root, 'blocker', 'index.json'), '{}');
    assert.match(problem ?? '', /EEXIST|ENOTDIR/);
    assert.deepEqual(readdirSync(root), ['blocker']);
  });

  it('indexes unchanged notes from the cache without reading them, and re-reads changed ones', async () => {
    const vault = path.join(root, 'vault');
    const notes: Record<string, string> = {
      'Execution.md': '---\nalias: TA0002\n---\n## TA0002\n- [[Python]]\n',
      'Python.md': '---\nalias: T1059.006\n---\n## T1059.006\n- [[Execution]]\n',
      'Audit.md': '## M1047\n',
    };
    mkdirSync(vault);
    for (const [name, text] of Object.entries(notes)) writeFileSync(path.join(vault, name), text);
    const folder = URI.file(vault).toString();
    const first = new WorkspaceIndex([folder]);
    const firstReport = await loadFoldersFromDisk(first);
    assert.deepEqual([firstReport.notes, firstReport.fromCache], [3, 0]);
    const cache = decodeSummaryCache(encodeSummaryCache('v', first.cachedSummaries()), 'v')!;
    assert.equal(cache.size, 3);

    // Audit changes (size and time); Python keeps its stamp but its cached summary is doctored,
    // which shows that an unchanged stamp is trusted without reading the note.
    writeFileSync(path.join(vault, 'Audit.md'), '## M1048\n\nNow another mitigation.\n');
    const python = URI.file(path.join(vault, 'Python.md')).toString();
    const doctored = cache.get(python)!;
    cache.set(python, {
      ...doctored,
      summary: {
        ...doctored.summary,
        identity: { id: 'T9999', kind: 'technique', source: 'heading' },
      },
    });
    const second = new WorkspaceIndex([folder]);
    const secondReport = await loadFoldersFromDisk(second, { cache });
    assert.deepEqual([secondReport.notes, secondReport.fromCache], [3, 2]);
    assert.equal(second.get(python)?.identity?.id, 'T9999');
    assert.equal(
      second.get(URI.file(path.join(vault, 'Audit.md')).toString())?.identity?.id,
      'M1048',
    );
    // The text of a note from the cache is read when first asked for, from the disk.
    assert.equal(second.get(python)?.text, notes['Python.md']);
    assert.equal(second.get(python)?.note.identity?.id, 'T1059.006');

    // A note whose time changed is read again, even at the same size.
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(vault, 'Python.md'), later, later);
    const third = new WorkspaceIndex([folder]);
    const thirdReport = await loadFoldersFromDisk(third, { cache });
    assert.equal(thirdReport.fromCache, 1);
    assert.equal(third.get(python)?.identity?.id, 'T1059.006');
    assert.equal(readFileSync(path.join(vault, 'Python.md'), 'utf8'), notes['Python.md']);
  });

  it('keeps open notes as their files are: unchanged or with unsaved edits, never the editor text', async () => {
    const vault = path.join(root, 'vault');
    const notes: Record<string, string> = {
      'Python.md': '---\nalias: T1059.006\n---\n## T1059.006\n- [[Execution]]\n',
      'Audit.md': '## M1047\n',
      'Execution.md': '## TA0002\n',
    };
    mkdirSync(vault);
    for (const [name, text] of Object.entries(notes)) writeFileSync(path.join(vault, name), text);
    const folder = URI.file(vault).toString();
    const uriOf = (name: string) => URI.file(path.join(vault, name)).toString();
    const fromDisk = new WorkspaceIndex([folder]);
    await loadFoldersFromDisk(fromDisk);
    const diskCache = decodeSummaryCache(encodeSummaryCache('v', fromDisk.cachedSummaries()), 'v');

    const session = new WorkspaceIndex([folder]);
    await loadFoldersFromDisk(session);
    // Python open as it is on disk; Audit open with unsaved edits (another ID, a new link), edited
    // twice; a new note open in the editor that has no file yet.
    session.setNote(parseNote(notes['Python.md'], uriOf('Python.md')));
    session.setNote(parseNote('## M1048\n', uriOf('Audit.md')));
    session.setNote(parseNote('## M1048\n[[Python]]\n', uriOf('Audit.md')));
    session.setNote(parseNote('## T1059\n', uriOf('Unsaved.md')));
    assert.equal(session.get(uriOf('Audit.md'))?.identity?.id, 'M1048');
    const cache = decodeSummaryCache(encodeSummaryCache('v', session.cachedSummaries()), 'v')!;
    // Exactly what a session that never opened them would keep: the disk's summaries and stamps.
    assert.deepEqual(cache, diskCache);

    const next = new WorkspaceIndex([folder]);
    const report = await loadFoldersFromDisk(next, { cache });
    assert.deepEqual([report.notes, report.fromCache], [3, 3]);
    assert.equal(next.get(uriOf('Audit.md'))?.identity?.id, 'M1047');
    assert.equal(next.get(uriOf('Audit.md'))?.text, notes['Audit.md']);
  });

  it('leaves a note opened before its file was read to be read next time', () => {
    const folder = URI.file(path.join(root, 'vault')).toString();
    const index = new WorkspaceIndex([folder]);
    index.setNote(parseNote('## M1047\n', `${folder}/Audit.md`));
    assert.deepEqual([...index.cachedSummaries()], []);
  });

  it('keeps the IDs each note mentions: a reopened vault knows them without reading its notes', async () => {
    const vault = path.join(root, 'mentions');
    mkdirSync(vault);
    writeFileSync(path.join(vault, 'Audit.md'), '## M1047\n');
    writeFileSync(path.join(vault, 'Hunt.md'), 'Audit logs (M1047) and T1059.006.\n');
    writeFileSync(path.join(vault, 'Quiet.md'), 'No ID here.\n');
    const folder = URI.file(vault).toString();
    const first = new WorkspaceIndex([folder]);
    await loadFoldersFromDisk(first);
    const cache = decodeSummaryCache(encodeSummaryCache('v', first.cachedSummaries()), 'v')!;
    const hunt = URI.file(path.join(vault, 'Hunt.md')).toString();
    const quiet = URI.file(path.join(vault, 'Quiet.md')).toString();
    assert.deepEqual(cache.get(hunt)?.summary.mentionedIds, ['M1047', 'T1059.006']);
    assert.deepEqual(cache.get(quiet)?.summary.mentionedIds, []);

    // Unchanged notes are trusted: a doctored set is what the next session believes, without
    // reading the note (its text would say otherwise).
    const doctored = cache.get(quiet)!;
    cache.set(quiet, { ...doctored, summary: { ...doctored.summary, mentionedIds: ['M1047'] } });
    const second = new WorkspaceIndex([folder]);
    await loadFoldersFromDisk(second, { cache });
    assert.deepEqual([...second.get(quiet)!.mentionedIds], ['M1047']);
    assert.deepEqual([...second.get(hunt)!.mentionedIds], ['M1047', 'T1059.006']);
    // A cache without the sets (an older server's) is still read; the set is then scanned.
    const plain = cache.get(hunt)!;
    cache.set(hunt, { ...plain, summary: { aliases: [], linkTargets: [] } });
    const third = new WorkspaceIndex([folder]);
    assert.equal((await loadFoldersFromDisk(third, { cache })).fromCache, 3);
    assert.deepEqual([...third.get(hunt)!.mentionedIds], ['M1047', 'T1059.006']);
  });
});
