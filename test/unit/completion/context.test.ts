import { strict as assert } from 'node:assert';
import { completionContext } from '../../../server/src/core/features/completion/context';
import { noteAt } from '../support/memoryVault';
import { atCursor, CURSOR } from './support';

/** The context at the marker, with the text each replace range covers. */
function contextAt(marked: string) {
  const { text, position } = atCursor(marked);
  const context = completionContext(noteAt('notes/Scratch.md', text), position);
  if (!context) return undefined;
  const line = text.split(/\r?\n/)[context.replace.start.line];
  const replaced = line.slice(context.replace.start.character, context.replace.end.character);
  return { ...context, replaced };
}

const TABLE = '### Mitigations\n\n| ID | Name | Description |\n| --- | --- | --- |\n';

describe('completion: context detection', () => {
  it('a link target covers the typed text up to #, | or ]]', () => {
    assert.deepEqual(pick(contextAt(`[[Pyt${CURSOR}hon#Tactic|x]]`)), {
      kind: 'wikilink-target',
      query: 'Pyt',
      replaced: 'Python',
      close: false,
    });
    assert.deepEqual(pick(contextAt(`x [[Pyt${CURSOR}`)), {
      kind: 'wikilink-target',
      query: 'Pyt',
      replaced: 'Pyt',
      close: true,
    });
    assert.equal(contextAt(`[[Done]] and Py${CURSOR}`), undefined);
  });

  it('a heading and an alias part, with \\| in a table', () => {
    assert.deepEqual(pick(contextAt(`[[Python#Tac${CURSOR}tic]]`)), {
      kind: 'wikilink-heading',
      query: 'Tac',
      replaced: 'Tactic',
      close: false,
    });
    const alias = contextAt(`${TABLE}| [[Audit\\|M10${CURSOR}47]] | Audit | x |`);
    assert.deepEqual(pick(alias), {
      kind: 'wikilink-alias',
      query: 'M10',
      replaced: 'M1047',
      close: false,
    });
    assert.equal(alias && 'target' in alias ? alias.target : undefined, 'Audit');
  });

  it('a citation name, closed or not', () => {
    assert.deepEqual(pick(contextAt(`text (Citation: Zs${CURSOR}caler)`)), {
      kind: 'citation',
      query: 'Zs',
      replaced: 'Zscaler',
      close: false,
    });
    assert.equal(pick(contextAt(`text (Citation: ${CURSOR}`))?.close, true);
  });

  it('new rows: `|`, `| M` and an empty line under a Mitigations table, also with CRLF', () => {
    for (const typed of ['|', '| M', '', 'M10']) {
      const context = contextAt(`${TABLE}| [[Audit\\|M1047]] | Audit | x |\n${typed}${CURSOR}\n`);
      assert.equal(context?.kind, 'table-new-row', `for ${JSON.stringify(typed)}`);
      assert.equal(context?.replaced, typed);
    }
    const crlf = `${TABLE}| [[Audit\\|M1047]] | Audit | x |\n| M${CURSOR}\n`.replace(/\n/g, '\r\n');
    assert.equal(contextAt(crlf)?.replaced, '| M');
  });

  it('the ID cell of a row, but not its other cells', () => {
    const row = `${TABLE}| [[Audit\\|M1047]] | Audit | x |\n| M10${CURSOR}26 | Privileged | y |`;
    assert.deepEqual(pick(contextAt(row)), {
      kind: 'table-id-cell',
      query: 'M10',
      replaced: 'M1026',
      close: undefined,
    });
    const other = `${TABLE}| M1026 | Privi${CURSOR} | y |`;
    assert.equal(contextAt(other), undefined);
  });

  it('an ID being typed, not a word that only ends like one', () => {
    assert.deepEqual(pick(contextAt(`see T1059.0${CURSOR}`)), {
      kind: 'attack-id',
      query: 'T1059.0',
      replaced: 'T1059.0',
      close: undefined,
    });
    assert.equal(contextAt(`XT10${CURSOR}`), undefined);
    assert.equal(contextAt(`T${CURSOR}`), undefined, 'a letter alone is no ID yet');
  });
});

function pick(context: ReturnType<typeof contextAt>) {
  if (!context) return undefined;
  return {
    kind: context.kind,
    query: context.query,
    replaced: context.replaced,
    close: 'close' in context ? context.close : undefined,
  };
}
