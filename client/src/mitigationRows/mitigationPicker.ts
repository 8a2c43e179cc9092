// The QuickPick of "Insert Mitigation Row": the domain's mitigations that are not in the table yet,
// those ATT&CK maps to the technique first and starred, filterable by ID and name, several at once.
import {
  QuickPickItemKind,
  ThemeIcon,
  window,
  type Event,
  type QuickPick,
  type QuickPickItem,
} from 'vscode';
import type { MitigationCandidate } from '../../../server/src/lsp/codeActionProtocol';

export interface MitigationPickItem extends QuickPickItem {
  /** The mitigation's ID; absent on separators. */
  readonly id?: string;
}

/** The picker's rows: a separator above each group, mapped mitigations before the others. */
export function mitigationPickItems(
  candidates: readonly MitigationCandidate[],
): MitigationPickItem[] {
  const mapped = candidates.filter((candidate) => candidate.mapped);
  const others = candidates.filter((candidate) => !candidate.mapped);
  const rowOf = (candidate: MitigationCandidate): MitigationPickItem => ({
    id: candidate.id,
    // The ID leads the label, so typing `M1047` or a name filters alike.
    label: `${candidate.id} ${candidate.name}`,
    description: candidate.mapped ? 'mapped by ATT&CK' : undefined,
    iconPath: candidate.mapped ? new ThemeIcon('star-full') : undefined,
  });
  const items: MitigationPickItem[] = [];
  if (mapped.length > 0) {
    items.push({ label: 'Mapped to this technique by ATT&CK', kind: QuickPickItemKind.Separator });
    items.push(...mapped.map(rowOf));
  }
  if (others.length > 0) {
    items.push({ label: 'Other mitigations', kind: QuickPickItemKind.Separator });
    items.push(...others.map(rowOf));
  }
  return items;
}

/**
 * Shows the picker and resolves with the chosen IDs, in the picker's order, or undefined when
 * dismissed. Enter with nothing ticked takes the highlighted row, as a single-choice list would.
 * `shown` hears of every picker as it opens (tests answer it through the real workbench).
 */
export function pickMitigations(
  candidates: readonly MitigationCandidate[],
  noteName: string,
  shown: (picker: QuickPick<MitigationPickItem>) => void,
): Promise<string[] | undefined> {
  const picker = window.createQuickPick<MitigationPickItem>();
  picker.title = `Insert Mitigation Row: ${noteName}`;
  picker.placeholder = 'Type an ID or name to filter; tick several to insert them together';
  picker.canSelectMany = true;
  picker.matchOnDescription = true;
  picker.items = mitigationPickItems(candidates);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (ids: string[] | undefined) => {
      if (settled) return;
      settled = true;
      resolve(ids);
      picker.dispose();
    };
    picker.onDidAccept(() => {
      const chosen = picker.selectedItems.length > 0 ? picker.selectedItems : picker.activeItems;
      const ids = chosen.flatMap((item) => (item.id ? [item.id] : []));
      if (ids.length > 0) finish(ids);
    });
    picker.onDidHide(() => finish(undefined));
    picker.show();
    shown(picker);
  });
}

/** The picker event that `activate` hands to tests and other extensions. */
export type MitigationPickerShown = Event<QuickPick<MitigationPickItem>>;
