import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import {
  SERVER_ENVIRONMENT_OVERRIDES,
  serverEnvironment,
} from '../../../client/src/serverEnvironment';

/** What a child Node process started with `env` sees of NODE_EXTRA_CA_CERTS and PATH. */
function childSees(env: NodeJS.ProcessEnv): { caCerts: string | null; path: string | null } {
  const script =
    'process.stdout.write(JSON.stringify({ caCerts: process.env.NODE_EXTRA_CA_CERTS ?? null,' +
    ' path: process.env.PATH ?? null }))';
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env }).toString()) as {
    caCerts: string | null;
    path: string | null;
  };
}

describe('the language server process environment', () => {
  // A file that does not exist: Node would only warn, and the child must not even see it.
  const parent = { ...process.env, NODE_EXTRA_CA_CERTS: '/nonexistent/attack-notes-ca.pem' };

  it('leaves NODE_EXTRA_CA_CERTS out and keeps everything else', () => {
    const seen = childSees(serverEnvironment(parent));
    assert.equal(seen.caCerts, null);
    assert.equal(seen.path, process.env.PATH ?? null);
  });

  it('works as vscode-languageclient applies it: laid over the parent environment', () => {
    // The client copies the extension host's variables, then assigns the given `env` over them.
    const merged: NodeJS.ProcessEnv = Object.assign({}, parent, SERVER_ENVIRONMENT_OVERRIDES);
    assert.equal(childSees(merged).caCerts, null);
    assert.equal(childSees(parent).caCerts, parent.NODE_EXTRA_CA_CERTS, 'the control sees it');
  });
});
