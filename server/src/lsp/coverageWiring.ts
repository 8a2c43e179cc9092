import { type Connection, type Diagnostic } from 'vscode-languageserver/node';
import {
  computeCoverage,
  countedFindings,
  type CountedFinding,
} from '../core/features/coverage/computeCoverage';
import {
  keptListedMitigations,
  listedMitigationsOf,
} from '../core/features/coverage/listedMitigations';
import { coverageMatrix } from '../core/features/coverage/matrix';
import { navigatorLayer, vaultLayerName } from '../core/features/coverage/navigatorLayer';
import type { LayerScore } from '../core/features/coverage/types';
import type { IndexedNote, VaultIndex } from '../core/index/types';
import type { AttackKnowledgeBase } from '../core/kb/knowledgeBase';
import type { AttackDomain } from '../core/kb/types';
import type { Note } from '../core/model/types';
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
 * the diagnostics of technique notes between requests, since computing them is most of the cost
 * (~1 ms a note): the matrix is answered at once with the findings it has, the rest marked
 * pending and computed in slices afterwards, then `attackNotes/coverageChanged` is sent.
 */

export interface CoverageContext {
  index: () => VaultIndex;
  kb: () => AttackKnowledgeBase | undefined;
  indexReady: () => Promise<void>;
  /**
   * A note's findings under its folder's rules, as the editor publishes them; `model` is the
   * note's model to check (coverage passes one it does not keep: `modelForOneUse`).
   */
  diagnosticsOf: (note: IndexedNote, kb: AttackKnowledgeBase, model: Note) => Diagnostic[];
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
/** Longest stretch of pending findings computed before other messages get their turn. */
const DRAIN_SLICE_MS = 20;
/**
 * How long after a matrix answer its pending findings start being computed. The answer (2 MB at
 * 9,210 notes) leaves in pipe-sized writes, about one per turn of the event loop, and a slice in
 * every turn held it back: the first answer took ~0.3 s more to arrive.
 */
const ANSWER_HEAD_START_MS = 100;

export function connectCoverage(
  connection: Connection,
  context: CoverageContext,
): CoverageConnection {
  /**
   * What coverage counts of each note's findings, per note URI, valid while the index holds the
   * same entry for it (only severity and code: kept for thousands of notes).
   */
  let findings = new Map<string, { entry: IndexedNote; diagnostics: CountedFinding[] }>();
  let timer: NodeJS.Timeout | undefined;
  /** Nobody is told of changes before someone asked for coverage. */
  let asked = false;

  /** Notes whose findings a matrix answer lacked; computed a slice at a time, off the request. */
  const waiting = new Set<string>();
  let draining: NodeJS.Immediate | undefined;
  let drainStart: NodeJS.Timeout | undefined;

  const kept = (note: IndexedNote): CountedFinding[] | undefined => {
    const found = findings.get(note.uri);
    return found && found.entry === note ? found.diagnostics : undefined;
  };

  const diagnosticsOf = (
    note: IndexedNote,
    kb: AttackKnowledgeBase,
    model?: Note,
  ): CountedFinding[] => {
    const known = kept(note);
    if (known) return known;
    const checked = model ?? note.modelForOneUse();
    const diagnostics = countedFindings(context.diagnosticsOf(note, kb, checked));
    findings.set(note.uri, { entry: note, diagnostics });
    return diagnostics;
  };

  /** Computes waiting notes' findings in slices between messages; says so when all are in. */
  const drainSoon = () => {
    draining ??= setImmediate(() => {
      draining = undefined;
      const kb = context.kb();
      const index = context.index();
      const sliceEnd = performance.now() + DRAIN_SLICE_MS;
      for (const uri of waiting) {
        if (performance.now() > sliceEnd) break;
        waiting.delete(uri);
        const note = index.get(uri);
        if (!note || !kb || (kept(note) && keptListedMitigations(note))) continue;
        // One model, not kept, for both: each was a parse of its own.
        const model = note.modelForOneUse();
        diagnosticsOf(note, kb, model);
        listedMitigationsOf(note, kb, model);
      }
      if (waiting.size > 0) drainSoon();
      else void connection.sendNotification(COVERAGE_CHANGED_NOTIFICATION, {});
    });
  };

  /** Starts the slices once the answer that marked the notes pending has had its head start. */
  const drainAfterAnswer = () => {
    if (draining || drainStart) return;
    drainStart = setTimeout(() => {
      drainStart = undefined;
      drainSoon();
    }, ANSWER_HEAD_START_MS);
  };

  /**
   * The records of a domain. `complete`: every note's findings and table now (the layer must
   * equal the CLI's); otherwise what is not kept yet is marked pending and read after the answer.
   */
  const records = async (domain: AttackDomain | undefined, complete: boolean) => {
    asked = true;
    await context.indexReady();
    const kb = context.kb();
    if (!kb) return undefined;
    const computed = computeCoverage({
      index: context.index(),
      kb,
      domain: domain && DOMAINS.includes(domain) ? domain : 'enterprise',
      diagnosticsOf: (note) => (complete ? diagnosticsOf(note, kb) : kept(note)),
      deferParsing: !complete,
    });
    for (const technique of computed.techniques) {
      for (const note of technique.notes) if (note.pending) waiting.add(note.uri);
    }
    if (waiting.size > 0) drainAfterAnswer();
    return computed;
  };

  connection.onRequest(
    COVERAGE_REQUEST,
    async (params: CoverageParams | null): Promise<CoverageResult | null> => {
      const computed = await records(params?.domain, false);
      return computed ? coverageMatrix(computed) : null;
    },
  );

  connection.onRequest(
    NAVIGATOR_LAYER_REQUEST,
    async (params: NavigatorLayerParams | null): Promise<NavigatorLayerResult | null> => {
      const computed = await records(params?.domain, true);
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
      if (draining) clearImmediate(draining);
      if (drainStart) clearTimeout(drainStart);
      drainStart = undefined;
      timer = undefined;
      draining = undefined;
    },
  };
}

/** `ATT&CK Notes: <folder name>`, as `attack-notes layer` names a vault's layer. */
export function layerName(folderUri: string | undefined): string {
  return folderUri ? vaultLayerName(pathFromUri(folderUri)) : 'ATT&CK Notes';
}
