import { computeCoverage } from '../../../server/src/core/features/coverage/computeCoverage';
import type { CoverageRecords } from '../../../server/src/core/features/coverage/types';
import { computeDiagnostics } from '../../../server/src/core/features/diagnostics/computeDiagnostics';
import { parseRuleConfig } from '../../../server/src/core/features/diagnostics/config';
import { vaultDefinitions } from '../../../server/src/core/features/diagnostics/vaultDefinitions';
import type { AttackKnowledgeBase } from '../../../server/src/core/kb/knowledgeBase';
import type { AttackDomain } from '../../../server/src/core/kb/types';
import { catalogKnowledgeBase } from '../kb/attackData';
import { memoryVault } from '../support/memoryVault';

let catalogKb: AttackKnowledgeBase | undefined;

/** The bundled catalog's knowledge base, built once (its mappings are indexed on first use). */
export function sharedCatalogKb(): AttackKnowledgeBase {
  return (catalogKb ??= catalogKnowledgeBase());
}

/**
 * A technique note in the seed layout: front matter ID, `## ID` heading, tactics, and a
 * Mitigations table of the given IDs with their ATT&CK names (plain cells, so no link can break).
 */
export function techniqueNote(
  id: string,
  options: { tactics?: string[]; mitigations?: string[]; extra?: string } = {},
): string {
  const tactics = (options.tactics ?? []).map((tactic) => `- ${tactic}`).join('\n');
  const kb = sharedCatalogKb();
  const rows = (options.mitigations ?? [])
    .map((m) => `| ${m} | ${kb.get(m)?.name ?? ''} | Applies here. |`)
    .join('\n');
  return `---
alias: ${id}
---

## ${id}

### Tactic
${tactics}

### Mitigations

| ID | Name | Description |
| --- | --- | --- |
${rows}
${options.extra ?? ''}`;
}

/** Coverage of an in-memory vault, with the diagnostics the editor would publish. */
export function coverageOf(
  files: Record<string, string>,
  domain: AttackDomain = 'enterprise',
  baseKb: AttackKnowledgeBase = sharedCatalogKb(),
): CoverageRecords {
  const index = memoryVault(files);
  const kb = baseKb.withVaultDefinitions(vaultDefinitions(index));
  const config = parseRuleConfig(undefined).config;
  return computeCoverage({
    index,
    kb,
    domain,
    diagnosticsOf: (note) => computeDiagnostics(note.note, index, kb, config),
  });
}

export function recordOf(records: CoverageRecords, id: string) {
  const record = records.techniques.find((technique) => technique.id === id);
  if (!record) throw new Error(`no record of ${id}`);
  return record;
}
