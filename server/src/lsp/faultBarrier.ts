import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';

/**
 * One place where a fault in a handler stops: every handler registered through the connection
 * that `guardHandlers` returns (`connection.onHover`, `connection.onRequest`,
 * `connection.languages.….on`, `connection.workspace.onWillRenameFiles`, notifications alike) is
 * wrapped, so the `*Wiring.ts` modules need no try/catch of their own.
 *
 * - A request handler that throws or rejects answers that request with an error
 *   (`InternalError`, the fault's message) and logs the fault once, with its stack. A
 *   `ResponseError` is a deliberate answer (a refusal, a cancellation) and passes untouched.
 * - A notification handler that throws or rejects is logged once. Left alone, vscode-jsonrpc logs
 *   a synchronous throw without its stack, and an async handler's rejection is unhandled, which
 *   ends a Node 20 process.
 */

export type FaultLog = (message: string) => void;

/** Registrars whose handlers answer notifications: nobody waits for their result. */
const NOTIFICATION_REGISTRAR =
  /^(?:onDid\w*|onInitialized|onExit|onNotification|onProgress|onWillSaveTextDocument)$/;

/** Registrars are `on…` methods (`on` alone in `languages.semanticTokens`). */
const REGISTRAR = /^on(?:[A-Z]\w*)?$/;

/** `connection`, with every handler registered through it guarded as described above. */
export function guardHandlers<T extends object>(connection: T, log: FaultLog): T {
  return guardObject(connection, log, '', new WeakMap());
}

/**
 * `guardHandlers`, and a stray rejected promise anywhere in the server (a `void` promise of a
 * handler) is logged instead of ending the process. An uncaught exception still ends it: the
 * process may be in any state then, and the client starts a fresh server.
 */
export function protectServer(connection: Connection): Connection {
  const log: FaultLog = (message) => connection.console.error(message);
  process.on('unhandledRejection', (reason) => log(`Unhandled rejection: ${describe(reason)}`));
  return guardHandlers(connection, log);
}

function guardObject<T extends object>(
  target: T,
  log: FaultLog,
  path: string,
  seen: WeakMap<object, object>,
): T {
  const known = seen.get(target);
  if (known) return known as T;
  const guarded = new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof property !== 'string') return value;
      const name = path === '' ? property : `${path}.${property}`;
      if (typeof value === 'function' && REGISTRAR.test(property)) {
        const register = value as (...args: unknown[]) => unknown;
        const notification = NOTIFICATION_REGISTRAR.test(property);
        return (...args: unknown[]) =>
          register.apply(object, guardLastHandler(args, name, notification, log));
      }
      if (typeof value === 'object' && value !== null) return guardObject(value, log, name, seen);
      return value;
    },
  });
  seen.set(target, guarded);
  return guarded;
}

/** The registrar's arguments with its handler (the last function among them) guarded. */
function guardLastHandler(
  args: unknown[],
  registrar: string,
  notification: boolean,
  log: FaultLog,
): unknown[] {
  let at = args.length - 1;
  while (at >= 0 && typeof args[at] !== 'function') at--;
  if (at === -1) return args;
  const handler = args[at] as Handler;
  const label = messageName(args[0]) ?? registrar;
  const guarded = notification
    ? guardNotification(handler, label, log)
    : guardRequest(handler, label, log);
  return [...args.slice(0, at), guarded, ...args.slice(at + 1)];
}

type Handler = (...args: unknown[]) => unknown;

/** A request's fault becomes an error answer for that request only (refusals pass as they are). */
function guardRequest(handler: Handler, label: string, log: FaultLog): Handler {
  return withFaultsTo(handler, (error: unknown): never => {
    if (error instanceof ResponseError) throw error;
    log(`Request ${label} failed: ${describe(error)}`);
    throw new ResponseError(
      ErrorCodes.InternalError,
      `ATT&CK Notes could not answer ${label}: ${messageOf(error)}`,
    );
  });
}

/** A notification's fault is logged; nobody waits for an answer. */
function guardNotification(handler: Handler, label: string, log: FaultLog): Handler {
  return withFaultsTo(handler, (error: unknown): undefined => {
    log(`Notification ${label} failed: ${describe(error)}`);
    return undefined;
  });
}

/** `handler` with what it throws, or what its promise rejects with, handed to `onFault`. */
function withFaultsTo(handler: Handler, onFault: (error: unknown) => unknown): Handler {
  return (...args) => {
    let result: unknown;
    try {
      result = handler(...args);
    } catch (error) {
      return onFault(error);
    }
    return isThenable(result) ? Promise.resolve(result).catch(onFault) : result;
  };
}

/** The method a registrar's first argument names (`'attackNotes/preview'`, a request type). */
function messageName(first: unknown): string | undefined {
  if (typeof first === 'string') return first;
  if (typeof first === 'object' && first !== null && 'method' in first) {
    const method = (first as { method: unknown }).method;
    if (typeof method === 'string') return method;
  }
  return undefined;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
