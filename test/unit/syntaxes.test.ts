import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './support/memoryVault';

interface Grammar {
  injectionSelector: string;
  repository: Record<string, { match: string }>;
}

const grammar = JSON.parse(
  readFileSync(path.join(repoRoot, 'syntaxes', 'attack-notes.injection.tmLanguage.json'), 'utf8'),
) as Grammar;
const languageConfiguration = JSON.parse(
  readFileSync(path.join(repoRoot, 'language-configuration.json'), 'utf8'),
) as {
  wordPattern: { pattern: string; flags: string };
};

/** The grammar's patterns use only syntax that JavaScript and Oniguruma read alike. */
function matches(rule: string, text: string): string[] {
  return [...text.matchAll(new RegExp(grammar.repository[rule].match, 'g'))].map(
    (match) => match[0],
  );
}

describe('syntax highlighting and word boundaries', () => {
  it('injects into Markdown outside code', () => {
    assert.match(grammar.injectionSelector, /text\.html\.markdown/);
    assert.match(grammar.injectionSelector, /-markup\.fenced_code/);
  });

  it('colours wikilinks with their heading and escaped alias, embeds included', () => {
    assert.deepEqual(matches('wikilink', '| [[Audit\\|M1047]] | see ![[Python#Mitigations]] |'), [
      '[[Audit\\|M1047]]',
      '![[Python#Mitigations]]',
    ]);
    const parts = new RegExp(grammar.repository.wikilink.match).exec('[[a/b/Audit#Top|M1047]]')!;
    assert.deepEqual(parts.slice(1), ['[[', 'a/b/Audit', '#Top', '|', 'M1047', ']]']);
  });

  it('colours ATT&CK IDs as whole words, and citations', () => {
    assert.deepEqual(
      matches('attack-id', 'T1059.006, TA0002, M1033 and DS0017 but not XT1234 or T12345'),
      ['T1059.006', 'TA0002', 'M1033', 'DS0017'],
    );
    assert.deepEqual(matches('citation', 'text.(Citation: Zscaler APT31 Covid-19 October 2020)'), [
      '(Citation: Zscaler APT31 Covid-19 October 2020)',
    ]);
  });

  it('keeps a sub-technique ID one word for double-click and completion', () => {
    const { pattern, flags } = languageConfiguration.wordPattern;
    const words = 'Use T1059.006 with Antivirus／Antimalware'.match(
      new RegExp(pattern, `${flags}g`),
    );
    assert.deepEqual(words, ['Use', 'T1059.006', 'with', 'Antivirus', 'Antimalware']);
  });
});
