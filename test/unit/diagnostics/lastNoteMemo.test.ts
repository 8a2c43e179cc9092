import { strict as assert } from 'node:assert';
import { idTables, rowId } from '../../../server/src/core/features/diagnostics/idTables';
import { computeNoteFacts } from '../../../server/src/core/features/diagnostics/noteFacts';
import { tacticsOfNote } from '../../../server/src/core/features/diagnostics/techniqueFacts';
import { parseNote } from '../../../server/src/core/model/parseNote';
import { catalogKnowledgeBase } from '../kb/attackData';
import { noteUri } from '../support/memoryVault';
import { diagnose } from './support';
import { GROUP, GROUP_PATH, PYTHON, PYTHON_PATH, seedVault } from './fixtures';

/**
 * The rules remember a note's ID tables, row IDs and tactics for the note last asked about only
 * (a WeakMap kept every note's tables alive through V8's young-generation collections). Asking
 * about notes in any order must give each note its own answers.
 */
describe('rule memos of the last note', function () {
  it('give each note its own tables, row IDs and tactics, whatever the order', function () {
    const kb = catalogKnowledgeBase();
    const python = parseNote(PYTHON, noteUri(PYTHON_PATH));
    const group = parseNote(GROUP, noteUri(GROUP_PATH));
    const pythonFacts = computeNoteFacts(python, kb);
    const groupFacts = computeNoteFacts(group, kb);
    const read = (note: typeof python, facts: typeof pythonFacts) => ({
      tables: idTables(note).map((t) => t.table.range),
      rows: idTables(note).flatMap((t) => t.table.rows.map((row) => rowId(facts, t, row)?.text)),
      tactics: tacticsOfNote(note, facts)?.entries.map((entry) => entry.name?.text),
    });
    const pythonFirst = read(python, pythonFacts);
    const groupThen = read(group, groupFacts);
    assert.ok(pythonFirst.rows.includes('M1047'), 'the technique names its mitigations');
    assert.deepEqual(pythonFirst.tactics, ['Execution']);
    assert.notDeepEqual(groupThen.rows, pythonFirst.rows);
    assert.deepEqual(read(python, pythonFacts), pythonFirst);
    assert.deepEqual(read(group, groupFacts), groupThen);

    // A row of an earlier note's table, read after another note's tables were asked for.
    const [table] = idTables(python);
    idTables(group);
    assert.equal(rowId(pythonFacts, table, table.table.rows[0])?.text, pythonFirst.rows[0]);
  });

  it('leave the findings of a note the same after other notes were checked', function () {
    const vault = seedVault();
    const first = diagnose(vault, PYTHON_PATH);
    diagnose(vault, GROUP_PATH);
    assert.deepEqual(diagnose(vault, PYTHON_PATH), first);
  });
});
