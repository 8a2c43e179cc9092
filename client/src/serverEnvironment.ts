// What the language server's process environment leaves out of the editor's. Shared by the
// VS Code client and the test and benchmark client, so both start the server the same way.

/**
 * Variables set to `undefined` over the editor's environment (Node's child_process leaves such
 * variables out). `NODE_EXTRA_CA_CERTS` makes Node read and parse a certificate file before it runs
 * any code: ~45 ms of every start on the 2-core dev machine, where it is set for the package
 * registry. The server opens no network connection, so it has no use for certificates.
 */
export const SERVER_ENVIRONMENT_OVERRIDES: Readonly<Record<string, undefined>> = {
  NODE_EXTRA_CA_CERTS: undefined,
};

/** The environment for a server process started from `parent` (the caller's, by default). */
export function serverEnvironment(parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...parent, ...SERVER_ENVIRONMENT_OVERRIDES };
}
