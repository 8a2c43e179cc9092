// The fault barrier on a real vscode-languageserver connection, driven over in-memory streams by
// a real protocol client: a handler that throws answers its own request with an error, logged
// once with its stack; deliberate errors pass untouched; notifications that fail are logged and
// never become an unhandled rejection (which would end a Node 20 server).
import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import {
  createConnection,
  ErrorCodes,
  ResponseError,
  type Connection,
} from 'vscode-languageserver/node';
import { guardHandlers } from '../../../server/src/lsp/faultBarrier';

const position = { line: 0, character: 0 };
const textDocument = { uri: 'file:///vault/Note.md' };

describe('fault barrier: one failing handler, one error answer', () => {
  let server: Connection;
  let client: ProtocolConnection;
  let logs: string[];
  let logWaiters: (() => void)[];
  let strayRejections: unknown[];
  const onStray = (reason: unknown) => strayRejections.push(reason);

  /** Resolves once `count` lines have been logged (deadline: the test's timeout). */
  const loggedLines = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => (logs.length >= count ? resolve() : logWaiters.push(check));
      check();
    });

  beforeEach(() => {
    logs = [];
    logWaiters = [];
    strayRejections = [];
    process.on('unhandledRejection', onStray);
    // The streams are never ended: vscode-languageserver exits the process when its input ends.
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    server = createConnection(toServer, toClient);
    client = createProtocolConnection(
      new StreamMessageReader(toClient),
      new StreamMessageWriter(toServer),
    );
    const guarded = guardHandlers(server, (line) => {
      logs.push(line);
      for (const waiter of logWaiters.splice(0)) waiter();
    });
    guarded.onHover(() => {
      throw new TypeError('hover broke');
    });
    guarded.onRequest('test/later', async () => {
      await Promise.resolve();
      throw new Error('broke later');
    });
    guarded.onRequest('test/refuse', () => {
      throw new ResponseError(ErrorCodes.InvalidParams, 'not like that');
    });
    guarded.onDefinition(() => [
      { uri: textDocument.uri, range: { start: position, end: position } },
    ]);
    guarded.workspace.onWillRenameFiles(() => {
      throw new Error('rename broke');
    });
    guarded.onDidChangeWatchedFiles(async () => {
      await Promise.resolve();
      throw new Error('watcher broke');
    });
    guarded.onNotification('test/sync', () => {
      throw new Error('notification broke');
    });
    server.listen();
    client.listen();
  });

  afterEach(() => {
    process.off('unhandledRejection', onStray);
    client.dispose();
    server.dispose();
  });

  const failureOf = async (request: Promise<unknown>): Promise<ResponseError<unknown>> => {
    try {
      await request;
    } catch (error) {
      assert.ok(error instanceof ResponseError, String(error));
      return error;
    }
    assert.fail('the request was answered without an error');
  };

  it('answers a throwing request with an error, logs it once, and goes on answering', async () => {
    const error = await failureOf(
      client.sendRequest('textDocument/hover', { textDocument, position }),
    );
    assert.equal(error.code, ErrorCodes.InternalError);
    assert.match(error.message, /hover broke/);
    assert.equal(logs.length, 1);
    assert.match(logs[0], /^Request onHover failed: TypeError: hover broke\n\s+at /);
    const answer = await client.sendRequest('textDocument/definition', { textDocument, position });
    assert.equal((answer as unknown[]).length, 1);
    assert.equal(logs.length, 1);
  });

  it('answers a rejected async request, and a nested registrar’s, the same way', async () => {
    const later = await failureOf(client.sendRequest('test/later', {}));
    assert.equal(later.code, ErrorCodes.InternalError);
    assert.match(later.message, /test\/later: broke later/);
    const rename = await failureOf(client.sendRequest('workspace/willRenameFiles', { files: [] }));
    assert.match(rename.message, /rename broke/);
    assert.deepEqual(
      logs.map((line) => line.split(':')[0]),
      ['Request test/later failed', 'Request workspace.onWillRenameFiles failed'],
    );
  });

  it('passes a deliberate ResponseError through untouched and unlogged', async () => {
    const error = await failureOf(client.sendRequest('test/refuse', {}));
    assert.equal(error.code, ErrorCodes.InvalidParams);
    assert.equal(error.message, 'not like that');
    assert.deepEqual(logs, []);
  });

  it('logs failing notifications once, with no unhandled rejection', async () => {
    await client.sendNotification('workspace/didChangeWatchedFiles', { changes: [] });
    await client.sendNotification('test/sync', {});
    await loggedLines(2);
    // A request answered after both notifications: anything they left behind has surfaced.
    await client.sendRequest('textDocument/definition', { textDocument, position });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(logs.map((line) => line.split(':')[0]).sort(), [
      'Notification onDidChangeWatchedFiles failed',
      'Notification test/sync failed',
    ]);
    assert.deepEqual(strayRejections, []);
  });
});
