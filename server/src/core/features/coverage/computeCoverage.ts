import type { Diagnostic } from 'vscode-languageserver-types';
import type { IndexedNote, VaultIndex } from '../../index/types';
import type { AttackKnowledgeBase } from '../../kb/knowledgeBase';
import type { KnowledgeLayer } from '../../kb/layers';
import type { AttackDomain, AttackObject } from '../../kb/types';
import { keptListedMitigations, listedMitigationsOf } from './listedMitigations';
import { summarise } from './summary';
import { domainTactics } from './tacticOrder';
import type {
  CoverageNote,
  CoverageRecords,
  RetiredTechniqueNote,
  TechniqueCoverage,
  TechniqueOrigin,
} from './types';

/** What coverage reads of a finding: whether it is an error or a warning, and drift. */
export type CountedFinding = Pick<Diagnostic, 'severity' | 'code'>;

/**
 * The findings of one note under its vault's rule configuration, or undefined when they are not
 * known yet (the note's record is then marked pending).
 */
export type DiagnosticsSource = (note: IndexedNote) => readonly CountedFinding[] | undefined;

/**
 * The part of a note's findings that coverage counts, small enough to keep for every technique
 * note of a large vault (a full diagnostic carries ranges, a message and fix data).
 */
export function countedFindings(diagnostics: readonly Diagnostic[]): CountedFinding[] {
  const counted: CountedFinding[] = [];
  for (const { severity, code } of diagnostics) {
    if (severity === SEVERITY_ERROR || severity === SEVERITY_WARNING || code === DRIFT_CODE) {
      counted.push(code === undefined ? { severity } : { severity, code });
    }
  }
  return counted;
}

export interface CoverageInput {
  index: VaultIndex;
  /** With the vault's own definitions (`withVaultDefinitions`), so vault-only IDs get records. */
  kb: AttackKnowledgeBase;
  domain: AttackDomain;
  /**
   * The diagnostics of a note, as the editor and `check` compute them. Asked only of notes that
   * claim a technique of the domain; problem counts and drift come from its answer, so a rule
   * turned off counts nothing.
   */
  diagnosticsOf: DiagnosticsSource;
  /**
   * Read only the Mitigations tables read before (no note parsed now): the others come back
   * pending, for a caller that answers at once and reads them later with `listedMitigationsOf`.
   */
  deferParsing?: boolean;
}

const SEVERITY_ERROR = 1;
const SEVERITY_WARNING = 2;
const DRIFT_CODE = 'attack-drift';

/**
 * The coverage of a domain by the vault's notes: one record per live technique and sub-technique,
 * the notes of revoked or deprecated ones, and the summary. A pure function of its input; every
 * surface (matrix, layer, CLI) reads it, so their numbers agree.
 */
export function computeCoverage(input: CoverageInput): CoverageRecords {
  const { index, kb, domain } = input;
  const tactics = domainTactics(kb, domain);
  const shortNameOf = new Map(tactics.map((tactic) => [tactic.id, tactic.shortName]));
  const tacticOrder = new Map(tactics.map((tactic, at) => [tactic.shortName, at]));
  const attackIds = catalogTechniqueIds(kb);

  const techniques = kb.all('technique', domain).map((object): TechniqueCoverage => {
    const mapped = kb.mitigationsOf(object.id);
    const notes = index
      .definitionsOf(object.id)
      .map((indexed) => noteCoverage(indexed, mapped, input))
      .sort((a, b) => compareText(a.vaultPath, b.vaultPath));
    const record: TechniqueCoverage = {
      id: object.id,
      name: object.name,
      tactics: (object.tactics ?? [])
        .map((id) => shortNameOf.get(id))
        .filter((name): name is string => name !== undefined)
        .sort((a, b) => (tacticOrder.get(a) ?? 0) - (tacticOrder.get(b) ?? 0)),
      origin: originOf(object, attackIds),
      notes,
      mappedMitigations: mapped.length,
      listedMitigations: Math.max(0, ...notes.map((note) => note.listedMitigations)),
      errors: sum(notes, (note) => note.errors),
      warnings: sum(notes, (note) => note.warnings),
      drifted: notes.some((note) => note.drifted),
      parentWithoutNote: false,
    };
    if (object.parent) record.parent = object.parent;
    return record;
  });
  techniques.sort((a, b) => compareText(a.id, b.id));

  const byId = new Map(techniques.map((record) => [record.id, record]));
  for (const record of techniques) {
    if (record.parent === undefined || record.notes.length === 0) continue;
    record.parentWithoutNote = (byId.get(record.parent)?.notes.length ?? 0) === 0;
  }

  const retiredNotes = retiredTechniqueNotes(index, kb, domain);
  return {
    domain,
    attackVersion: kb.attackVersion,
    tactics,
    techniques,
    retiredNotes,
    summary: summarise(techniques, retiredNotes.length),
  };
}

function noteCoverage(
  indexed: IndexedNote,
  mapped: readonly string[],
  input: CoverageInput,
): CoverageNote {
  let listedMitigations = 0;
  let tableRead = true;
  if (mapped.length > 0) {
    const listed = input.deferParsing
      ? keptListedMitigations(indexed)
      : listedMitigationsOf(indexed, input.kb);
    if (listed) listedMitigations = mapped.filter((id) => listed.has(id)).length;
    else tableRead = false;
  }
  let errors = 0;
  let warnings = 0;
  let drifted = false;
  const diagnostics = input.diagnosticsOf(indexed);
  for (const diagnostic of diagnostics ?? []) {
    if (diagnostic.severity === SEVERITY_ERROR) errors++;
    else if (diagnostic.severity === SEVERITY_WARNING) warnings++;
    if (diagnostic.code === DRIFT_CODE) drifted = true;
  }
  const note: CoverageNote = {
    uri: indexed.uri,
    vaultPath: indexed.vaultPath,
    listedMitigations,
    errors,
    warnings,
    drifted,
  };
  if (diagnostics === undefined || !tableRead) note.pending = true;
  return note;
}

/** Notes whose ID names a revoked or deprecated technique of the domain. */
function retiredTechniqueNotes(
  index: VaultIndex,
  kb: AttackKnowledgeBase,
  domain: AttackDomain,
): RetiredTechniqueNote[] {
  const found: RetiredTechniqueNote[] = [];
  for (const indexed of index.notes()) {
    const id = indexed.identity?.id;
    if (!id) continue;
    const object = kb.get(id);
    if (object?.type !== 'technique' || !(object.revoked || object.deprecated)) continue;
    if (!object.domains.includes(domain)) continue;
    const note: RetiredTechniqueNote = {
      id: object.id,
      name: object.name,
      state: object.revoked ? 'revoked' : 'deprecated',
      uri: indexed.uri,
      vaultPath: indexed.vaultPath,
    };
    const replacement = object.revoked ? kb.resolve(object.id)?.replacement : undefined;
    if (replacement) note.replacedBy = replacement.id;
    found.push(note);
  }
  return found.sort((a, b) => compareText(a.id, b.id) || compareText(a.vaultPath, b.vaultPath));
}

function originOf(object: AttackObject, attackIds: ReadonlySet<string>): TechniqueOrigin {
  if (object.definitionUri !== undefined) return 'vault';
  return attackIds.has(object.id) ? 'attack' : 'user-bundle';
}

const catalogIdsMemo = new WeakMap<KnowledgeLayer, ReadonlySet<string>>();

/** Technique IDs of the bundled catalog: what the ATT&CK Navigator can show. */
function catalogTechniqueIds(kb: AttackKnowledgeBase): ReadonlySet<string> {
  const catalog = kb.knowledgeLayers.find((layer) => layer.source.kind === 'catalog');
  if (!catalog) return new Set();
  let ids = catalogIdsMemo.get(catalog);
  if (!ids) {
    const found = new Set<string>();
    for (let entry = 0; entry < catalog.size; entry++) {
      if (catalog.typeAt(entry) === 'technique') found.add(catalog.idAt(entry));
    }
    ids = found;
    catalogIdsMemo.set(catalog, ids);
  }
  return ids;
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
