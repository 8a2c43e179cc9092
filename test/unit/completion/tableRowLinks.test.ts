import { strict as assert } from 'node:assert';
import { GROUP, GROUP_PATH, seedVault } from '../diagnostics/fixtures';
import { memoryVault, noteUri } from '../support/memoryVault';
import { accept, completeAt, CURSOR, sorted } from './support';

describe('completion: `| [[` in a group’s Techniques Used table', () => {
  const typed = GROUP.replace(
    '| [[Python\\|T1059.006]] | Python | APT28 ran Python scripts. |\n',
    `| [[Python\\|T1059.006]] | Python | APT28 ran Python scripts. |\n| [[PowerSh${CURSOR}\n`,
  );

  it('offers the domain’s techniques as whole rows, narrowed to what is typed', () => {
    const index = memoryVault(seedVault());
    const { list, text } = completeAt(index, noteUri(GROUP_PATH), typed);
    const items = sorted(list);
    assert.equal(list.isIncomplete, true, 'narrowed to what is typed: there are 600+ techniques');
    const powerShell = items.find((item) => item.label === 'T1059.001 PowerShell');
    assert.ok(powerShell, 'PowerShell is offered');
    assert.equal(powerShell.sortText, '1_T1059.001');
    assert.equal(powerShell.filterText, '| [[T1059.001 PowerShell');
    const row = '| [[PowerShell\\|T1059.001]] | PowerShell | $0 |';
    assert.equal(accept(text, powerShell), typed.replace(`| [[PowerSh${CURSOR}`, row));
  });
});
