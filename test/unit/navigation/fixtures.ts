import { URI } from 'vscode-uri';
import type { Position } from 'vscode-languageserver-types';
import { loadFoldersFromDisk } from '../../../server/src/core/index/diskVault';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import type { IndexedNote } from '../../../server/src/core/index/types';
import type { Note } from '../../../server/src/core/model/types';
import { ownedSeed, sharedPath } from '../../support/sharedData';
import { memoryVault, noteUri } from '../support/memoryVault';

/** Vaults and positions shared by the navigation tests. */

export const ATTACK_ROOT =
  'CyberSecurity/Security+/1-Threats-Attacks-Vulnerabilities/Attacking-Frameworks/MITRE ATT&CK/ICS-Attack';

/** The owned stand-in of the seed note (test/fixtures/seed): vault-path links, `\\|`, `／`. */
export const seedText = ownedSeed().text;

function idNote(id: string, body = ''): string {
  return `---\nalias: ${id}\n---\n\n## ${id}\n\n${body}\n`;
}

/** The seed note in the deep folder layout its vault-path links assume, with its link targets. */
export function seedVault(): WorkspaceIndex {
  return memoryVault({
    [`${ATTACK_ROOT}/techniques/Python.md`]: seedText,
    [`${ATTACK_ROOT}/tactics/Execution.md`]: idNote(
      'TA0002',
      'The adversary is trying to run code.',
    ),
    [`${ATTACK_ROOT}/mitigations/Limit Software Installation.md`]: idNote('M1033'),
    [`${ATTACK_ROOT}/mitigations/Execution Prevention.md`]: idNote('M1038'),
    [`${ATTACK_ROOT}/mitigations/Antivirus／Antimalware.md`]: idNote('M1049'),
    [`${ATTACK_ROOT}/mitigations/Audit.md`]: idNote('M1047'),
    'notes/Hunting.md':
      '# Hunting\n\n- Watch python (T1059.006) and [[Python]].\n- Audit (M1047) weekly.\n',
  });
}

export const SEED_URI = noteUri(`${ATTACK_ROOT}/techniques/Python.md`);

export function noteOf(index: WorkspaceIndex, vaultPath: string): Note {
  const found = index.get(noteUri(vaultPath));
  if (!found) throw new Error(`no note at ${vaultPath}`);
  return found.note;
}

/** The position `offset` characters into the first occurrence of `needle` in the note. */
export function positionOf(note: Note, needle: string, offset = 0, occurrence = 0): Position {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = note.text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" (occurrence ${occurrence}) not in ${note.uri}`);
  }
  const before = note.text.slice(0, at + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

const loaded = new Map<string, Promise<WorkspaceIndex>>();

/** A vault of ../shared/vaults, read once per test run. */
export function sharedVault(name: 'enterprise' | 'kb-dialect'): Promise<WorkspaceIndex> {
  let index = loaded.get(name);
  if (!index) {
    index = (async () => {
      const vault = new WorkspaceIndex([URI.file(sharedPath(name)).toString()]);
      await loadFoldersFromDisk(vault);
      return vault;
    })();
    loaded.set(name, index);
  }
  return index;
}

export function noteById(index: WorkspaceIndex, id: string): IndexedNote {
  const [found] = index.definitionsOf(id);
  if (!found) throw new Error(`no note defines ${id}`);
  return found;
}
