import { type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { computeCoverage } from '../core/features/coverage/computeCoverage';
import { coverageMatrix } from '../core/features/coverage/matrix';
import { navigatorLayer, vaultLayerName } from '../core/features/coverage/navigatorLayer';
import type { LayerScore } from '../core/features/coverage/types';
import type { IndexedNote, VaultIndex } from '../core/index/types';
import type { AttackKnowledgeBase } from '../core/kb/knowledgeBase';
import type { AttackDomain } from '../core/kb/types';
import type { IndexChange } from '../core/index/workspaceIndex';
import { pathFromUri } from '../core/index/vaultPaths';
import {
  COVERAGE_CHANGED_NOTIFICATION,
  COVERAGE_REQUEST,
  NAVIGATOR_LAYER_REQUEST,
  type CoverageParams,
  type CoverageResult,
  type NavigatorLayerParams,
  type NavigatorLayerResult,
} from './protocol/coverageRequest';

/**
 * Wires coverage to the connection: answers `attackNotes/coverage` (the matrix) and
 * `attackNotes/navigatorLayer` (the layer `attack-notes layer` writes), and tells the client when
 * coverage may have changed. The numbers come from core/features/coverage; this file only keeps
 * the diagnostics of technique notes between requests, since computing them is most of the cost.
 */

export interface CoverageContext {
  index: () => VaultIndex;
  kb: () => AttackKnowledgeBase | undefined;
  indexReady: () => Promise<void>;
  /** A note's findings under its folder's rules, as the editor publishes them. */
  diagnosticsOf: (note: IndexedNote, kb: AttackKnowledgeBase) => Diagnostic[];
  /** Workspace folder URIs; the first names the layer. */
  folders: () => readonly string[];
}

export interface CoverageConnection {
  /** Notes changed: drops what they and the notes linking to them had. */
  notesChanged(changes: readonly IndexChange[]): void;
  /** The knowledge base or the rule configuration changed: every note's findings may differ. */
  everythingChanged(): void;
  dispose(): void;
}

const DOMAINS: readonly AttackDomain[] = ['enterprise', 'ics', 'mobile'];
const SCORES: readonly LayerScore[] = ['notes', 'mitigations'];
/** Quiet time after the last change before the client hears that coverage changed. */
const CHANGED_DELAY_MS = 500;

export function connectCoverage(
  connection: Connection,
  context: CoverageContext,
): CoverageConnection {
  /** Findings per note URI, valid while the index holds the same entry for it. */
  let findings = new Map<string, { entry: IndexedNote; diagnostics: Diagnostic[] }>();
  let timer: NodeJS.Timeout | undefined;
  /** Nobody is told of changes before someone asked for coverage. */
  let asked = false;

  const diagnosticsOf = (note: IndexedNote, kb: AttackKnowledgeBase): Diagnostic[] => {
    const kept = findings.get(note.uri);
    if (kept && kept.entry === note) return kept.diagnostics;
    const diagnostics = context.diagnosticsOf(note, kb);
    findings.set(note.uri, { entry: note, diagnostics });
    return diagnostics;
  };

  const records = async (domain: AttackDomain | undefined) => {
    asked = true;
    await context.indexReady();
    const kb = context.kb();
    if (!kb) return undefined;
    return computeCoverage({
      index: context.index(),
      kb,
      domain: domain && DOMAINS.includes(domain) ? domain : 'enterprise',
      diagnosticsOf: (note) => diagnosticsOf(note, kb),
    });
  };

  connection.onRequest(
    COVERAGE_REQUEST,
    async (params: CoverageParams | null): Promise<CoverageResult | null> => {
      const computed = await records(params?.domain);
      return computed ? coverageMatrix(computed) : null;
    },
  );

  connection.onRequest(
    NAVIGATOR_LAYER_REQUEST,
    async (params: NavigatorLayerParams | null): Promise<NavigatorLayerResult | null> => {
      const computed = await records(params?.domain);
      if (!computed) return null;
      const score = params?.score && SCORES.includes(params.score) ? params.score : 'notes';
      return navigatorLayer(computed, { score, name: layerName(context.folders()[0]) });
    },
  );

  const changedSoon = () => {
    if (!asked) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void connection.sendNotification(COVERAGE_CHANGED_NOTIFICATION, {});
    }, CHANGED_DELAY_MS);
  };

  return {
    notesChanged(changes) {
      // Linkers are looked up on first use; without kept findings there is nothing to drop.
      if (findings.size === 0) return changedSoon();
      if (changes.some((change) => change.identityChanged)) findings = new Map();
      else for (const change of changes) change.linkers.forEach((uri) => findings.delete(uri));
      changedSoon();
    },
    everythingChanged() {
      findings = new Map();
      changedSoon();
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** `ATT&CK Notes: <folder name>`, as `attack-notes layer` names a vault's layer. */
export function layerName(folderUri: string | undefined): string {
  return folderUri ? vaultLayerName(pathFromUri(folderUri)) : 'ATT&CK Notes';
}
