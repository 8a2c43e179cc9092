import type { VaultDefinition } from '../../kb/knowledgeBase';
import { normaliseId, parentTechniqueId } from '../../kb/names';
import type { AttackObjectType, KnowledgeBase } from '../../kb/types';

/**
 * Whether a vault looks written from an ATT&CK release newer than the loaded one: its notes define
 * IDs that ATT&CK would assign next (T1682 when the loaded release stops at T1681, TA0112 after
 * TA0111, a sub-technique T1027.018 after T1027.017) and the loaded data lacks. Such notes are not
 * mistakes, so the rules stay quiet about them; instead the user is told once why the vault and
 * the knowledge base disagree, and how to load the matching release.
 *
 * Teams number their own objects far from ATT&CK's (S9002, M9001): an ID more than
 * NEXT_IDS_SPAN above the highest its kind has is taken as such a custom object, not as news.
 */

/** How far above the highest known number a newer release's IDs may go (releases add tens). */
export const NEXT_IDS_SPAN = 100;

export interface NewerVaultNotice {
  /** The loaded ATT&CK version (`18.1`). */
  attackVersion: string;
  /** Notes defining such IDs. */
  notes: number;
  /** Those IDs, sorted. */
  ids: string[];
  /** One line for a summary, a log or a status bar tooltip. */
  message: string;
}

const TOP_LEVEL_ID = /^(TA|DS|T|M|G|S|C)(\d{4})$/;
const SUB_TECHNIQUE_ID = /^(T\d{4})\.(\d{3})$/;
const TYPE_BY_PREFIX: Record<string, AttackObjectType> = {
  TA: 'tactic',
  DS: 'data-source',
  T: 'technique',
  M: 'mitigation',
  G: 'group',
  S: 'software',
  C: 'campaign',
};

/** The highest ID numbers a knowledge base knows: per prefix, and per parent technique. */
interface HighestNumbers {
  byPrefix: Map<string, number>;
  subByParent: Map<string, number>;
}

const highestCache = new WeakMap<KnowledgeBase, HighestNumbers>();

function highestNumbers(kb: KnowledgeBase): HighestNumbers {
  const cached = highestCache.get(kb);
  if (cached) return cached;
  const found: HighestNumbers = { byPrefix: new Map(), subByParent: new Map() };
  for (const type of new Set(Object.values(TYPE_BY_PREFIX))) {
    for (const object of kb.all(type)) {
      if (object.definitionUri !== undefined) continue; // the vault's own, not the release's
      const id = normaliseId(object.id);
      const sub = SUB_TECHNIQUE_ID.exec(id);
      const top = sub ? undefined : TOP_LEVEL_ID.exec(id);
      const [map, key, number] = sub
        ? [found.subByParent, sub[1], Number(sub[2])]
        : top
          ? [found.byPrefix, top[1], Number(top[2])]
          : [undefined, '', 0];
      if (map && number > (map.get(key) ?? 0)) map.set(key, number);
    }
  }
  highestCache.set(kb, found);
  return found;
}

function isKnown(kb: KnowledgeBase, id: string): boolean {
  const object = kb.get(id);
  return object !== undefined && object.definitionUri === undefined;
}

/** An ID the next releases of ATT&CK would assign, given what `kb` knows (see the file comment). */
export function looksLikeNewerAttackId(id: string, kb: KnowledgeBase): boolean {
  const normalised = normaliseId(id);
  if (isKnown(kb, normalised)) return false;
  const highest = highestNumbers(kb);
  const parent = parentTechniqueId(normalised);
  if (parent) {
    if (!isKnown(kb, parent)) return looksLikeNewerAttackId(parent, kb);
    const sub = Number(normalised.slice(parent.length + 1));
    return sub > (highest.subByParent.get(parent) ?? 0);
  }
  const top = TOP_LEVEL_ID.exec(normalised);
  if (!top) return false;
  const known = highest.byPrefix.get(top[1]);
  if (known === undefined) return false;
  const number = Number(top[2]);
  return number > known && number <= known + NEXT_IDS_SPAN;
}

const EXAMPLES_SHOWN = 3;

/**
 * The notice for a vault whose notes define IDs a newer ATT&CK would have, or undefined. `kb` is
 * the knowledge base of the loaded releases (catalog and STIX bundles), vault definitions aside.
 */
export function newerVaultNotice(
  definitions: readonly VaultDefinition[],
  kb: KnowledgeBase,
): NewerVaultNotice | undefined {
  const notes = new Set<string>();
  const ids = new Set<string>();
  for (const definition of definitions) {
    if (!looksLikeNewerAttackId(definition.id, kb)) continue;
    notes.add(definition.uri);
    ids.add(normaliseId(definition.id));
  }
  if (notes.size === 0) return undefined;
  const sorted = [...ids].sort();
  const version = kb.attackVersion;
  const examples =
    sorted.slice(0, EXAMPLES_SHOWN).join(', ') + (sorted.length > EXAMPLES_SHOWN ? ', …' : '');
  const define = notes.size === 1 ? '1 note defines' : `${notes.size} notes define`;
  const message =
    `${define} IDs that ATT&CK ${version} lacks (${examples}); this vault looks newer than ` +
    `${version}. Load the matching STIX bundle with \`attackNotes.stixBundles\` / \`--stix-bundle\`.`;
  return { attackVersion: version, notes: notes.size, ids: sorted, message };
}
