import type { AttackDomain } from '../../kb/types';
import type { CoverageRecords, LayerScore, TechniqueCoverage } from './types';

/**
 * An ATT&CK Navigator layer (format 4.5) of the coverage records: one technique entry per covered
 * technique and tactic. Format: https://github.com/mitre-attack/attack-navigator/blob/master/layers/spec/v4.5/layerformat.md
 */

export const LAYER_FORMAT_VERSION = '4.5';
/** The Navigator release the layer is written for (the format asks for at least 4.9.0). */
export const NAVIGATOR_VERSION = '5.2.0';

export interface NavigatorMetadata {
  name: string;
  value: string;
}

export interface NavigatorTechnique {
  techniqueID: string;
  tactic?: string;
  score: number;
  comment: string;
  enabled: boolean;
  metadata: NavigatorMetadata[];
  showSubtechniques?: boolean;
}

export interface NavigatorLayer {
  name: string;
  versions: { attack: string; navigator: string; layer: string };
  domain: `${AttackDomain}-attack`;
  description: string;
  layout: { layout: 'side'; showID: boolean; expandedSubtechniques: 'annotated' };
  hideDisabled: boolean;
  techniques: NavigatorTechnique[];
  gradient: { colors: string[]; minValue: number; maxValue: number };
  legendItems: { label: string; color: string }[];
  metadata: NavigatorMetadata[];
}

export interface NavigatorLayerResult {
  layer: NavigatorLayer;
  /** Covered records left out because the Navigator cannot know their IDs (custom ones). */
  customLeftOut: number;
}

const LOW_COLOR = '#f2f7fd';
const HIGH_COLOR = '#1f6fb2';

/** The layer name of a vault folder (its last path segment), the same in the CLI and the editor. */
export function vaultLayerName(folderPath: string): string {
  const name = folderPath
    .split(/[\\/]/)
    .filter((part) => part !== '')
    .pop();
  return name ? `ATT&CK Notes: ${name}` : 'ATT&CK Notes';
}

/** `18.1` → `18`: the Navigator's `versions.attack` is the major version (its own example: "18"). */
export function navigatorAttackVersion(attackVersion: string): string {
  return attackVersion.split('.')[0] ?? attackVersion;
}

export function navigatorLayer(
  records: CoverageRecords,
  options: { score: LayerScore; name: string },
): NavigatorLayerResult {
  const covered = records.techniques.filter((record) => record.notes.length > 0);
  const shown = covered.filter((record) => record.origin === 'attack');
  const parentsOfCoveredSubs = new Set(
    shown.filter((record) => record.parent !== undefined).map((record) => record.parent),
  );
  const techniques: NavigatorTechnique[] = [];
  for (const record of shown) {
    const entry = (tactic: string | undefined): NavigatorTechnique => ({
      techniqueID: record.id,
      ...(tactic === undefined ? {} : { tactic }),
      score: scoreOf(record, options.score),
      comment: record.notes.map((note) => note.vaultPath).join(', '),
      enabled: true,
      metadata: metadataOf(record),
      ...(parentsOfCoveredSubs.has(record.id) ? { showSubtechniques: true } : {}),
    });
    // Without a tactic of the domain the Navigator shows the entry under every tactic it has.
    if (record.tactics.length === 0) techniques.push(entry(undefined));
    for (const tactic of record.tactics) techniques.push(entry(tactic));
  }
  const maxNotes = Math.max(1, ...shown.map((record) => record.notes.length));
  const layer: NavigatorLayer = {
    name: options.name,
    versions: {
      attack: navigatorAttackVersion(records.attackVersion),
      navigator: NAVIGATOR_VERSION,
      layer: LAYER_FORMAT_VERSION,
    },
    domain: `${records.domain}-attack`,
    description: `ATT&CK Notes coverage (${options.score === 'notes' ? 'score: notes per technique' : 'score: share of mapped mitigations listed'}): ${records.summary.text}`,
    layout: { layout: 'side', showID: true, expandedSubtechniques: 'annotated' },
    hideDisabled: false,
    techniques,
    gradient: {
      colors: [LOW_COLOR, HIGH_COLOR],
      minValue: 0,
      maxValue: options.score === 'notes' ? maxNotes : 1,
    },
    legendItems:
      options.score === 'notes'
        ? [
            { label: '1 note', color: maxNotes === 1 ? HIGH_COLOR : LOW_COLOR },
            ...(maxNotes > 1 ? [{ label: `${maxNotes} notes`, color: HIGH_COLOR }] : []),
          ]
        : [
            { label: 'no mapped mitigation listed', color: LOW_COLOR },
            { label: 'every mapped mitigation listed', color: HIGH_COLOR },
          ],
    metadata: [
      {
        name: 'techniques with notes',
        value: `${records.summary.covered} of ${records.summary.techniques}`,
      },
      {
        name: 'mapped mitigations listed',
        value: `${records.summary.listedMitigations} of ${records.summary.mappedMitigations}`,
      },
      { name: 'ATT&CK version', value: records.attackVersion },
    ],
  };
  return { layer, customLeftOut: covered.length - shown.length };
}

/** 1 per note, or listed ÷ mapped (1 when ATT&CK maps no mitigation: nothing is missing). */
function scoreOf(record: TechniqueCoverage, score: LayerScore): number {
  if (score === 'notes') return record.notes.length;
  if (record.mappedMitigations === 0) return 1;
  return Math.round((record.listedMitigations / record.mappedMitigations) * 100) / 100;
}

function metadataOf(record: TechniqueCoverage): NavigatorMetadata[] {
  const metadata: NavigatorMetadata[] = [
    { name: 'notes', value: String(record.notes.length) },
    {
      name: 'mitigations listed',
      value: `${record.listedMitigations} of ${record.mappedMitigations}`,
    },
    { name: 'errors', value: String(record.errors) },
    { name: 'warnings', value: String(record.warnings) },
    { name: 'drift', value: record.drifted ? 'yes' : 'no' },
  ];
  if (record.parentWithoutNote && record.parent) {
    metadata.push({ name: 'parent technique', value: `${record.parent} has no note` });
  }
  return metadata;
}
