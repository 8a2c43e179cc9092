/**
 * A small seed-format vault that is clean against ATT&CK v18.1: the Python technique with its
 * tactic and its four mapped mitigations, and a group. Tests break one thing at a time.
 */

export const PYTHON_PATH = 'techniques/Python.md';

export const PYTHON = `---
alias: T1059.006
---

## T1059.006

Adversaries may abuse Python commands and scripts for execution.(Citation: Zscaler APT31)

### Tactic
- [[Execution]] (TA0002)

### Platforms
- ESXi
- Linux
- macOS
- Windows

### Permissions Required

### Mitigations

| ID | Name | Description |
| --- | --- | --- |
| [[Limit Software Installation\\|M1033]] | Limit Software Installation | Prevent installs. |
| [[Execution Prevention\\|M1038]] | Execution Prevention | Denylist Python. |
| [[Audit\\|M1047]] | Audit | Inventory systems. |
| [[Antivirus／Antimalware\\|M1049]] | Antivirus／Antimalware | Quarantine files. |

---
### References

- mitre-attack: https://attack.mitre.org/techniques/T1059/006
- Zscaler APT31: https://www.example.com/zscaler-apt31
`;

/** A clean tactic or mitigation note in the seed format (`extra` goes before the references). */
function idNote(id: string, extra = ''): string {
  const page = id.startsWith('TA') ? 'tactics' : 'mitigations';
  const table = page === 'mitigations' ? '\n### Techniques Addressed by Mitigation\n' : '';
  return `---\nalias: ${id}\n---\n\n## ${id}\n\nWhat ${id} is about.\n${table}${extra}\n---\n### References\n\n- mitre-attack: https://attack.mitre.org/${page}/${id}\n`;
}

export const GROUP_PATH = 'groups/APT28.md';

export const GROUP = `---
alias: APT28, Fancy Bear, TA422
---

## G0007

APT28 is a threat group.(Citation: FireEye APT28)

### Techniques Used

| ID | Name | Use |
| --- | --- | --- |
| [[Python\\|T1059.006]] | Python | APT28 ran Python scripts. |

---
### References

- mitre-attack: https://attack.mitre.org/groups/G0007
- Fancy Bear
- FireEye APT28: https://www.example.com/fireeye-apt28
`;

export function seedVault(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    [PYTHON_PATH]: PYTHON,
    [GROUP_PATH]: GROUP,
    'tactics/Execution.md': idNote('TA0002'),
    'tactics/Persistence.md': idNote('TA0003'),
    'mitigations/Limit Software Installation.md': idNote('M1033'),
    'mitigations/Execution Prevention.md': idNote('M1038'),
    'mitigations/Audit.md': idNote('M1047', '\n### Overview\n'),
    'mitigations/Antivirus／Antimalware.md': idNote('M1049'),
    'mitigations/Exploit Protection.md': idNote('M1050'),
    ...overrides,
  };
}

/** A kb-dialect technique note (docs/note-formats §2), clean against v18.1. */
export const KB_PYTHON_PATH = 'kb/mitre/attack/techniques/T1059.006-Python.md';

export const KB_PYTHON = `---
aliases: 
    - T1059.006
tags: 
    - attack/tactic/execution
mitre-attack: kb/mitre/attack/techniques/T1059.006-Python
tactic: 
     - Execution
platforms:
     - ESXi
     - Linux
     - macOS
     - Windows
---

## Description

Adversaries may abuse Python commands and scripts for execution.[^1]

## Mitigations
| ID | Name | Description |
| --- | --- | --- |
| [[kb/mitre/attack/mitigations/M1033-Limit_Software_Installation\\|M1033]] | Limit Software Installation | Prevent installs. |
| [[kb/mitre/attack/mitigations/M1038-Execution_Prevention\\|M1038]] | Execution Prevention | Denylist Python.(Citation: Copied From ATT&CK) |
| [[kb/mitre/attack/mitigations/M1047-Audit\\|M1047]] | Audit | Inventory systems. |
| [[kb/mitre/attack/mitigations/M1049-Antivirus_Antimalware\\|M1049]] | Antivirus／Antimalware | Quarantine files. |

> [!info]- References
> [^1]: [Zscaler APT31](https://www.example.com/zscaler-apt31)
`;

export function kbVault(overrides: Record<string, string> = {}): Record<string, string> {
  const mitigation = (id: string) =>
    `---\naliases: \n    - ${id}\nmitre-attack: x\n---\n\n## Description\n`;
  return {
    [KB_PYTHON_PATH]: KB_PYTHON,
    'kb/mitre/attack/mitigations/M1033-Limit_Software_Installation.md': mitigation('M1033'),
    'kb/mitre/attack/mitigations/M1038-Execution_Prevention.md': mitigation('M1038'),
    'kb/mitre/attack/mitigations/M1047-Audit.md': mitigation('M1047'),
    'kb/mitre/attack/mitigations/M1049-Antivirus_Antimalware.md': mitigation('M1049'),
    ...overrides,
  };
}
