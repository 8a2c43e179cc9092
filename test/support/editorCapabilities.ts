import type { CodeActionClientCapabilities } from 'vscode-languageserver-protocol';

/**
 * What VS Code declares for code actions: action literals of every kind the server offers, the
 * edit resolved lazily (`codeAction/resolve`), `data` kept for resolve, and preferred actions.
 * The protocol tests, the no-lost-text tests and the fuzz driver all speak to the server as it.
 */
export const VSCODE_CODE_ACTIONS: CodeActionClientCapabilities = {
  codeActionLiteralSupport: {
    codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] },
  },
  resolveSupport: { properties: ['edit'] },
  dataSupport: true,
  isPreferredSupport: true,
};
