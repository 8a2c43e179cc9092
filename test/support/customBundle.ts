/**
 * A user STIX bundle defining one technique ATT&CK lacks (T1059.999, Network Device CLI), for
 * the tests of `--stix-bundle` in-process and through the built CLI.
 */
export const CUSTOM_BUNDLE = JSON.stringify({
  type: 'bundle',
  id: 'bundle--custom',
  objects: [
    {
      type: 'attack-pattern',
      id: 'attack-pattern--custom',
      spec_version: '2.1',
      name: 'Network Device CLI',
      x_mitre_is_subtechnique: true,
      kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'execution' }],
      external_references: [{ source_name: 'mitre-attack', external_id: 'T1059.999' }],
    },
  ],
});
