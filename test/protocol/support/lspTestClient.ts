// The protocol tests' client is the shared one in test/support/lspClient.ts (the benchmarks drive
// servers with it too); this module keeps the name the tests import.
export {
  fileUri,
  LspClient as LspTestClient,
  repoRoot,
  sharedRoot,
  type StartOptions,
} from '../../support/lspClient';
