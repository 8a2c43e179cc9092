import type { ElementContent } from 'hast';
import { ATTACK_ID, ATTACK_SITE, conventionalUrl } from '../../kb/names';
import type { AttackObject, KnowledgeBase } from '../../kb/types';
import { element, text } from './hast';

/**
 * ATT&CK IDs as links to their page on attack.mitre.org. Only IDs the knowledge base knows from
 * ATT&CK or a STIX bundle get one (a vault note's own `M9001` has no page), and only pages on
 * attack.mitre.org: a user bundle's URL pointing elsewhere gives way to ATT&CK's conventional one.
 */

export interface AttackPage {
  object: AttackObject;
  url: string;
}

export function attackPage(kb: KnowledgeBase, id: string): AttackPage | undefined {
  const object = kb.get(id);
  if (!object || object.definitionUri !== undefined) return undefined;
  const url =
    object.url && object.url.toLowerCase().startsWith(ATTACK_SITE)
      ? object.url
      : conventionalUrl(object.id, object.type);
  return url ? { object, url } : undefined;
}

/** `<a class="attack-id" href="https://attack.mitre.org/…">` around `label`. */
export function attackIdLink(page: AttackPage, label: string): ElementContent {
  const classes = ['attack-id'];
  if (page.object.revoked) classes.push('revoked');
  else if (page.object.deprecated) classes.push('deprecated');
  return element(
    'a',
    { className: classes, href: page.url, title: `${page.object.id} ${page.object.name}` },
    label,
  );
}

/** A small `↗` link to the ATT&CK page, beside a wikilink that shows the ID (an ID cell). */
export function attackPageLink(page: AttackPage): ElementContent {
  return element(
    'a',
    {
      className: ['attack-id', 'attack-page'],
      href: page.url,
      title: `${page.object.id} ${page.object.name} on attack.mitre.org`,
      ariaLabel: `${page.object.id} on attack.mitre.org`,
    },
    '↗',
  );
}

/** The text with every known ATT&CK ID linked, or undefined when it holds none. */
export function linkAttackIds(value: string, kb: KnowledgeBase): ElementContent[] | undefined {
  let result: ElementContent[] | undefined;
  let copied = 0;
  for (const match of value.matchAll(ATTACK_ID)) {
    const page = attackPage(kb, match[0]);
    if (!page) continue;
    result ??= [];
    if (match.index > copied) result.push(text(value.slice(copied, match.index)));
    result.push(attackIdLink(page, match[0]));
    copied = match.index + match[0].length;
  }
  if (result && copied < value.length) result.push(text(value.slice(copied)));
  return result;
}
