import { conventionalUrl } from '../kb/names';
import type { AttackObject, KnowledgeBase } from '../kb/types';

/**
 * Markdown summaries of ATT&CK objects, shared by hover and completion documentation. Facts only
 * (name, kind, domains, tactics, platforms, mappings, status, page link): never MITRE's prose.
 */

/** `sub-technique` for techniques with a parent, else the object's type in words. */
export function kindLabel(object: AttackObject): string {
  if (object.type === 'technique' && object.parent) return 'sub-technique';
  return object.type.replace('-', ' ');
}

/** `mitigation M1033 Limit Software Installation`: the detail line of completion items. */
export function objectDetail(object: AttackObject): string {
  return `${kindLabel(object)} ${object.id} ${object.name}`;
}

/** True when the object should be shown struck through (revoked or deprecated). */
export function isRetired(object: AttackObject): boolean {
  return object.revoked === true || object.deprecated === true;
}

function named(kb: KnowledgeBase, id: string): string {
  const object = kb.get(id);
  return object ? `${object.name} (${object.id})` : id;
}

/** The status line of a revoked or deprecated object, naming the replacement when ATT&CK does. */
export function statusLine(object: AttackObject, kb: KnowledgeBase): string | undefined {
  if (object.revoked) {
    const replacement = kb.resolve(object.id)?.replacement;
    return replacement
      ? `**Revoked**: replaced by ${replacement.name} (${replacement.id})`
      : '**Revoked** by ATT&CK';
  }
  if (object.deprecated) return '**Deprecated** in ATT&CK';
  return undefined;
}

export interface DescribeOptions {
  /** List the mitigations ATT&CK maps to a technique (hover wants them; completion does not). */
  mitigations?: boolean;
}

/** A few Markdown paragraphs about one object. */
export function describeObject(
  object: AttackObject,
  kb: KnowledgeBase,
  options: DescribeOptions = {},
): string {
  const blocks: string[] = [`**${object.name}** · ${kindLabel(object)} \`${object.id}\``];
  const status = statusLine(object, kb);
  if (status) blocks.push(status);
  const facts: string[] = [];
  if (object.parent) facts.push(`Sub-technique of ${named(kb, object.parent)}`);
  if (object.domains.length > 0) facts.push(`Domain: ${object.domains.join(', ')}`);
  if (object.tactics && object.tactics.length > 0)
    facts.push(`Tactics: ${object.tactics.map((id) => named(kb, id)).join(', ')}`);
  if (object.platforms && object.platforms.length > 0)
    facts.push(`Platforms: ${object.platforms.join(', ')}`);
  if (object.aliases && object.aliases.length > 0)
    facts.push(`Also known as: ${object.aliases.join(', ')}`);
  if (options.mitigations && object.type === 'technique') {
    const mitigations = kb.mitigationsOf(object.id);
    if (mitigations.length > 0)
      facts.push(`Mitigations: ${mitigations.map((id) => named(kb, id)).join(', ')}`);
  }
  // Markdown needs two trailing spaces (or a blank line) to keep the facts on separate lines.
  if (facts.length > 0) blocks.push(facts.join('  \n'));
  const url = object.url ?? conventionalUrl(object.id, object.type);
  if (object.definitionUri) blocks.push(`Defined by a note of this vault`);
  else if (url) blocks.push(`[${object.id} on attack.mitre.org](${url})`);
  return blocks.join('\n\n');
}
