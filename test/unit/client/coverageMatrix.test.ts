// The coverage matrix webview's data and message checks: the view is built from the real coverage
// of a small vault, and only the expected message shapes, with checked arguments, reach the editor.
import * as assert from 'node:assert/strict';
import { computeCoverage } from '../../../server/src/core/features/coverage/computeCoverage';
import { coverageMatrix } from '../../../server/src/core/features/coverage/matrix';
import { computeDiagnostics } from '../../../server/src/core/features/diagnostics/computeDiagnostics';
import { defaultRuleConfig } from '../../../server/src/core/features/diagnostics/config';
import { vaultDefinitions } from '../../../server/src/core/features/diagnostics/vaultDefinitions';
import {
  coverageLevel,
  matrixViewOf,
  recordOf,
  type MatrixCellView,
} from '../../../client/src/coverage/matrixView';
import { parseMatrixMessage, parseMatrixState } from '../../../client/src/coverage/messages';
import { seedVault } from '../diagnostics/fixtures';
import { catalogKnowledgeBase } from '../kb/attackData';
import { memoryVault } from '../support/memoryVault';

function seedMatrix() {
  const index = memoryVault(seedVault());
  const kb = catalogKnowledgeBase().withVaultDefinitions(vaultDefinitions(index));
  const config = defaultRuleConfig();
  return coverageMatrix(
    computeCoverage({
      index,
      kb,
      domain: 'enterprise',
      diagnosticsOf: (indexed) => computeDiagnostics(indexed.note, index, kb, config),
    }),
  );
}

function findCell(cells: readonly MatrixCellView[], id: string): MatrixCellView | undefined {
  for (const cell of cells) {
    if (cell.id === id) return cell;
    const sub = findCell(cell.subtechniques, id);
    if (sub) return sub;
  }
  return undefined;
}

describe('coverage matrix view', () => {
  it('colours the seed vault Python note by its listed mitigations and leaves its siblings empty', () => {
    const matrix = seedMatrix();
    const view = matrixViewOf(matrix);
    assert.equal(view.domain, 'enterprise');
    assert.equal(view.summary, matrix.summary.text);
    const execution = view.columns.find((column) => column.id === 'TA0002');
    assert.ok(execution, 'Execution is a column');
    const interpreter = execution.techniques.find((cell) => cell.id === 'T1059');
    assert.ok(interpreter);
    assert.equal(interpreter.level, 'none');
    assert.equal(
      interpreter.tooltip,
      'T1059 Command and Scripting Interpreter\nNo note: click to create one',
    );

    const record = recordOf(matrix, 'T1059.006');
    assert.ok(record);
    const python = findCell(interpreter.subtechniques, 'T1059.006');
    assert.ok(python);
    assert.equal(python.notes, 1);
    assert.equal(python.level, coverageLevel(record));
    assert.notEqual(python.level, 'none');
    assert.equal(python.mitigations, `${record.listedMitigations}/${record.mappedMitigations}`);
    assert.ok(python.tooltip.startsWith('T1059.006 Python\ntechniques/Python.md'));
    assert.equal(findCell(interpreter.subtechniques, 'T1059.007')?.level, 'none');
    // No URI reaches the webview.
    assert.ok(!JSON.stringify(view).includes('file:'));
  });

  it('tells the levels apart by the share of mapped mitigations listed', () => {
    const record = recordOf(seedMatrix(), 'T1059.006');
    assert.ok(record);
    const withListed = (listed: number, mapped: number) =>
      coverageLevel({ ...record, listedMitigations: listed, mappedMitigations: mapped });
    assert.equal(withListed(0, 4), 'low');
    assert.equal(withListed(1, 4), 'low');
    assert.equal(withListed(2, 4), 'high');
    assert.equal(withListed(4, 4), 'complete');
    assert.equal(withListed(0, 0), 'complete');
    assert.equal(coverageLevel({ ...record, notes: [] }), 'none');
  });

  it('shows a note the server is still reading as counting, not as a red 0 of N', () => {
    const record = recordOf(seedMatrix(), 'T1059.006');
    assert.ok(record);
    const reading = {
      ...record,
      listedMitigations: 0,
      notes: record.notes.map((note) => ({ ...note, pending: true as const })),
    };
    assert.equal(coverageLevel(reading), 'counting');
  });
});

describe('coverage matrix messages', () => {
  it('accepts each expected shape and copies only its known fields', () => {
    assert.deepEqual(parseMatrixMessage({ type: 'ready', x: 1 }), { type: 'ready' });
    assert.deepEqual(
      parseMatrixMessage({ type: 'cellClicked', id: 'T1059.006', uri: 'file:///x' }),
      {
        type: 'cellClicked',
        id: 'T1059.006',
      },
    );
    assert.deepEqual(parseMatrixMessage({ type: 'chooseDomain', domain: 'ics' }), {
      type: 'chooseDomain',
      domain: 'ics',
    });
    assert.deepEqual(
      parseMatrixMessage({ type: 'rendered', domain: 'mobile', cells: 120, ms: 12.5 }),
      { type: 'rendered', domain: 'mobile', cells: 120, ms: 12.5 },
    );
    assert.deepEqual(parseMatrixState({ domain: 'enterprise', other: true }), {
      domain: 'enterprise',
    });
  });

  it('refuses other shapes, IDs that are not techniques and unknown domains', () => {
    for (const value of [
      null,
      'ready',
      [],
      { type: 'openNote', uri: 'file:///vault/a.md' },
      { type: 'cellClicked', id: 'M1047' },
      { type: 'cellClicked', id: 'T1059/../../x' },
      { type: 'cellClicked', id: ['T1059'] },
      { type: 'chooseDomain', domain: 'pre' },
      { type: 'rendered', domain: 'enterprise', cells: -1, ms: 3 },
      { type: 'rendered', domain: 'enterprise', cells: 10, ms: Number.NaN },
    ]) {
      assert.equal(parseMatrixMessage(value), undefined, JSON.stringify(value));
    }
    assert.equal(parseMatrixState({ domain: 'x' }), undefined);
  });
});
