// What an untrusted workspace turns off in the rule configuration: `.attack-notes.json` and
// `attackNotes.rules` set severities only; their section lists are ignored and said so once.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  defaultRuleConfig,
  parseRuleConfig,
} from '../../../server/src/core/features/diagnostics/config';
import {
  describeRuleCutBack,
  droppedSectionLists,
  severitiesOnly,
} from '../../../server/src/core/features/workspaceTrust/untrustedWorkspace';
import { RuleConfigs } from '../../../server/src/lsp/ruleConfigs';

const TEAM_FILE = {
  rules: {
    'id-unknown': 'error',
    'section-missing': { severity: 'warning', sections: { technique: ['Detection', 'Lab Notes'] } },
  },
};

describe('untrusted workspace: rule configuration', () => {
  it('keeps every severity and drops the section lists', () => {
    const { config } = parseRuleConfig(TEAM_FILE.rules);
    assert.deepEqual(droppedSectionLists(config), ['technique']);
    const cut = severitiesOnly(config);
    assert.deepEqual(cut, { levels: config.levels, requiredSections: {} });
    assert.equal(cut.levels['id-unknown'], 'error');
    assert.equal(cut.levels['section-missing'], 'warning');
    assert.deepEqual(droppedSectionLists(defaultRuleConfig()), []);
  });

  it('describes what was cut back, and nothing when nothing was', () => {
    assert.equal(describeRuleCutBack({ configFilesCutBack: [], settingCutBack: false }), undefined);
    assert.equal(
      describeRuleCutBack({ configFilesCutBack: ['/v/.attack-notes.json'], settingCutBack: true }),
      '/v/.attack-notes.json, attackNotes.rules: the section lists of section-missing are ignored ' +
        '(severities apply) because the workspace is not trusted; the built-in lists are used.',
    );
  });

  describe('RuleConfigs', () => {
    let folder: string;
    let folderUri: string;
    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'attack-notes-trust-'));
      folderUri = pathToFileURL(folder).href;
      writeFileSync(join(folder, '.attack-notes.json'), JSON.stringify(TEAM_FILE));
    });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    it('applies the team file whole when trusted', () => {
      const configs = new RuleConfigs();
      assert.deepEqual(configs.load([folderUri], {}, true), []);
      const config = configs.forFolder(folderUri);
      assert.equal(config.levels['id-unknown'], 'error');
      assert.deepEqual(config.requiredSections, { technique: ['Detection', 'Lab Notes'] });
      assert.deepEqual(configs.untrustedLimits, { configFilesCutBack: [], settingCutBack: false });
    });

    it('applies only its severities when untrusted, and names the file and the setting cut back', () => {
      const configs = new RuleConfigs();
      const setting = {
        'section-missing': { sections: { mitigation: ['Use'] } },
        'link-broken': 'off',
      };
      assert.deepEqual(configs.load([folderUri], setting, false), []);
      const config = configs.forFolder(folderUri);
      assert.equal(config.levels['id-unknown'], 'error');
      assert.equal(config.levels['section-missing'], 'warning');
      assert.equal(config.levels['link-broken'], 'off');
      assert.deepEqual(config.requiredSections, {});
      assert.deepEqual(configs.forFolder(undefined).requiredSections, {});
      assert.deepEqual(configs.untrustedLimits, {
        configFilesCutBack: [join(folder, '.attack-notes.json')],
        settingCutBack: true,
      });
      // Trusted later: the same files apply whole again.
      configs.load([folderUri], setting, true);
      assert.deepEqual(configs.forFolder(folderUri).requiredSections, {
        technique: ['Detection', 'Lab Notes'],
        mitigation: ['Use'],
      });
      assert.deepEqual(configs.untrustedLimits, { configFilesCutBack: [], settingCutBack: false });
    });
  });
});
