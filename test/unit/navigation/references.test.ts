import { strict as assert } from 'node:assert';
import { DocumentHighlightKind } from 'vscode-languageserver-types';
import { documentHighlights } from '../../../server/src/core/features/navigation/documentHighlights';
import {
  linkTargetAround,
  references,
} from '../../../server/src/core/features/navigation/references';
import {
  referencesCodeLens,
  SHOW_REFERENCES_COMMAND,
} from '../../../server/src/core/features/navigation/referencesCodeLens';
import { memoryVault, noteAt, noteUri } from '../support/memoryVault';
import {
  ATTACK_ROOT,
  noteById,
  noteOf,
  positionOf,
  SEED_URI,
  seedVault,
  sharedVault,
} from './fixtures';
import { itWithShared } from '../../support/sharedData';

const AUDIT = `${ATTACK_ROOT}/mitigations/Audit.md`;

describe('navigation: references, the references lens and highlights', () => {
  it('from an ID heading: links to the note and mentions of its ID, sorted by path', () => {
    const index = seedVault();
    const audit = noteOf(index, AUDIT);
    const found = references(audit, index, positionOf(audit, '## M1047', 4), {
      includeDeclaration: false,
    })!;
    assert.deepEqual(
      found.map((location) => [location.uri, location.range.start.line]),
      [
        // The seed's `[[...Audit\|M1047]]` counts once: its alias is part of the link.
        [SEED_URI, 28],
        [noteUri('notes/Hunting.md'), 3],
      ],
    );
    const withDeclaration = references(audit, index, positionOf(audit, '## M1047', 4), {
      includeDeclaration: true,
    })!;
    assert.deepEqual(withDeclaration[0], {
      uri: noteUri(AUDIT),
      range: { start: { line: 4, character: 3 }, end: { line: 4, character: 8 } },
    });
    assert.equal(withDeclaration.length, 3);
  });

  it('counts again when a new note changes what a link resolves to', () => {
    const index = memoryVault({
      'mitigations/Audit.md': '## M1047\n',
      'notes/Hunt.md': '| [[Audit\\|M1047]] | Audit |\n',
    });
    const audit = noteOf(index, 'mitigations/Audit.md');
    const at = positionOf(audit, 'M1047');
    const lines = () =>
      references(audit, index, at, { includeDeclaration: false })!.map(
        (location) =>
          `${location.uri.slice(location.uri.lastIndexOf('/') + 1)}:${location.range.start.character}`,
      );
    // The link resolves to Audit: one reference, the link itself (its alias is part of it).
    assert.deepEqual(lines(), ['Hunt.md:2']);
    assert.deepEqual(lines(), ['Hunt.md:2']);
    // A second Audit makes the link ambiguous: the alias is now a mention of the ID on its own.
    index.setNote(noteAt('drafts/Audit.md', '# Draft\n'));
    assert.deepEqual(lines(), ['Hunt.md:11']);
  });

  it('tells a mention inside a link to the note from one in code, in another link or in brackets', () => {
    const index = memoryVault({
      'mitigations/Audit.md': '## M1047\n',
      'mitigations/Other.md': '## M1048\n',
      'notes/Hunt.md': [
        '| [[Audit\\|M1047]] | the link: one reference |',
        '```',
        '[[Audit\\|M1047]] in a code block is no link: a mention',
        '```',
        '[[Other|M1047]] names another note: a mention',
        '[[Missing|M1047]] resolves to nothing: a mention',
        '[ [M1047]] and [[M1047] are no links, [[a [b|M1047]] neither',
        '',
      ].join('\n'),
    });
    const audit = noteOf(index, 'mitigations/Audit.md');
    const found = references(audit, index, positionOf(audit, 'M1047'), {
      includeDeclaration: false,
    })!;
    assert.deepEqual(
      found.map(({ range }) => `${range.start.line}:${range.start.character}`),
      ['0:2', '2:9', '4:8', '5:10', '6:3', '6:17', '6:45'],
    );
  });

  it('finds the link around an offset as the parser reads links: one line, no brackets inside', () => {
    const text = '[[a|T1]] x [[b\\|T2]] [[c [[d#h|T3]] [[e|T4\n]] ![[f|T5]]';
    const around = (needle: string) => linkTargetAround(text, text.indexOf(needle));
    assert.equal(around('T1'), 'a');
    assert.equal(around('x'), undefined);
    assert.equal(around('T2'), 'b');
    assert.equal(around('T3'), 'd');
    assert.equal(around('T4'), undefined);
    assert.equal(around('T5'), 'f');
  });

  it('from a link and from an ID in text: the same answer as from the note itself', () => {
    const index = seedVault();
    const seed = index.get(SEED_URI)!.note;
    const viaLink = references(seed, index, positionOf(seed, 'mitigations/Audit'), {
      includeDeclaration: false,
    });
    const hunting = noteOf(index, 'notes/Hunting.md');
    const viaText = references(hunting, index, positionOf(hunting, 'M1047'), {
      includeDeclaration: false,
    });
    assert.deepEqual(viaLink, viaText);
    assert.equal(viaLink!.length, 2);
    // Nothing to look for on plain text.
    assert.equal(
      references(seed, index, positionOf(seed, 'Adversaries'), { includeDeclaration: true }),
      undefined,
    );
  });

  it('counts a note’s references in a lens on its ID heading that opens the references view', () => {
    const index = seedVault();
    const seed = index.get(SEED_URI)!.note;
    const [lens, ...more] = referencesCodeLens(seed, index);
    assert.equal(more.length, 0);
    assert.equal(lens.range.start.line, 4);
    // [[Python]] and the (T1059.006) beside it in the hunting note.
    assert.equal(lens.command!.title, '2 references');
    assert.equal(lens.command!.command, SHOW_REFERENCES_COMMAND);
    const [uri, position, locations] = lens.command!.arguments!;
    assert.equal(uri, SEED_URI);
    assert.deepEqual(position, { line: 4, character: 3 });
    assert.equal((locations as unknown[]).length, 2);
    // No ID, no lens.
    assert.deepEqual(referencesCodeLens(noteOf(index, 'notes/Hunting.md'), index), []);
  });

  it('highlights every link to the same note and every mention of the same ID in the note', () => {
    const index = memoryVault({
      'Audit.md': '---\nalias: M1047\n---\n\n## M1047\n\nSee also M1047.\n',
      'T.md':
        '## T1000\n\n| ID | Name |\n| --- | --- |\n| [[Audit\\|M1047]] | Audit |\n\nAudit is [[Audit]]; M1047 again; [[Other]].\n',
      'Other.md': '# Other\n',
    });
    const technique = noteOf(index, 'T.md');
    const highlights = documentHighlights(technique, index, positionOf(technique, '[[Audit]]', 3));
    assert.deepEqual(
      highlights.map((highlight) => [
        highlight.range.start.line,
        highlight.range.start.character,
        highlight.kind,
      ]),
      [
        [4, 2, DocumentHighlightKind.Read],
        [6, 9, DocumentHighlightKind.Read],
        [6, 20, DocumentHighlightKind.Text],
      ],
    );
    const audit = noteOf(index, 'Audit.md');
    const own = documentHighlights(audit, index, positionOf(audit, 'M1047', 0, 2));
    assert.deepEqual(
      own.map((highlight) => [highlight.range.start.line, highlight.kind]),
      [
        [1, DocumentHighlightKind.Write],
        [4, DocumentHighlightKind.Write],
        [6, DocumentHighlightKind.Text],
      ],
    );
  });

  it('highlights a citation together with its reference line', () => {
    const index = seedVault();
    const seed = index.get(SEED_URI)!.note;
    const highlights = documentHighlights(seed, index, positionOf(seed, 'Zscaler APT31', 2));
    assert.deepEqual(
      highlights.map((highlight) => [highlight.range.start.line, highlight.kind]),
      [
        [6, DocumentHighlightKind.Read],
        [35, DocumentHighlightKind.Write],
      ],
    );
  });

  it('from a link to a missing note: every link that names the same missing note', () => {
    const index = memoryVault({
      'A.md': 'Plan: [[Detections/New rule]] and [[new rule.md|again]] and [[Other]].\n',
      'B.md': 'Also [[/detections/new rule#Logic]].\n',
      'C.md': 'Not this one: [[Other rule]].\n',
    });
    const a = noteOf(index, 'A.md');
    const found = references(a, index, positionOf(a, 'Detections/New', 2), {
      includeDeclaration: true,
    })!;
    assert.deepEqual(
      found.map((location) => [location.uri, location.range.start.character]),
      [
        [noteUri('A.md'), 6],
        [noteUri('B.md'), 5],
      ],
    );
    // `[[new rule.md]]` is a different (bare-name) target from the path `Detections/New rule`.
    const bare = references(a, index, positionOf(a, 'new rule.md', 2), {
      includeDeclaration: false,
    })!;
    assert.deepEqual(
      bare.map((location) => location.range.start.character),
      [34],
    );
    const highlights = documentHighlights(a, index, positionOf(a, 'Detections/New', 2));
    assert.deepEqual(
      highlights.map((highlight) => highlight.range.start.character),
      [6],
    );
  });

  describe('on the shared vaults', function () {
    this.timeout(60000);

    itWithShared(
      'enterprise: every note linking to Audit (M1047), one location per link',
      'enterprise',
      async () => {
        const index = await sharedVault('enterprise');
        const audit = noteById(index, 'M1047');
        const found = references(audit.note, index, positionOf(audit.note, '## M1047', 4), {
          includeDeclaration: false,
        })!;
        const linkers = [...index.notes()].filter((note) =>
          note.note.text.includes('[[Audit\\|M1047]]'),
        );
        assert.equal(found.length, 109);
        assert.equal(new Set(found.map((location) => location.uri)).size, linkers.length);
        const paths = found.map((location) => index.get(location.uri)!.vaultPath);
        assert.deepEqual(
          paths,
          [...paths].sort((a, b) => a.localeCompare(b)),
        );
      },
    );

    itWithShared(
      'kb dialect: the lens of a mitigation counts the vault-path links to it',
      'kb-dialect',
      async () => {
        const index = await sharedVault('kb-dialect');
        const audit = noteById(index, 'M1047');
        const [lens] = referencesCodeLens(audit.note, index);
        const backlinks = index.backlinks(audit.uri).length;
        assert.ok(backlinks > 50);
        const count = Number(/^(\d+) references$/.exec(lens.command!.title)![1]);
        assert.ok(count >= backlinks, `${count} references, ${backlinks} backlinks`);
        // The kb dialect has no `## M1047` heading: the lens sits on the front matter alias.
        assert.equal(lens.range.start.line, audit.note.identity!.range!.start.line);
      },
    );
  });
});
