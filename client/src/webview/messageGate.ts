// The one door from a webview into the extension. Our webviews show HTML made from notes, so every
// message they send is treated as untrusted: only the message types a panel lists, each through
// its own validator that checks every argument and copies only the known fields. Anything else is
// dropped, and logged once per kind of drop, so a flood of bad messages cannot flood the log.

/** A message from a webview to the extension, told apart by `type`. */
export interface TypedMessage {
  type: string;
}

/** One validator per message type: the message with checked fields, or undefined. */
export type MessageValidators<M extends TypedMessage> = {
  [K in M['type']]: (fields: Record<string, unknown>) => Extract<M, { type: K }> | undefined;
};

/** Where drops are told (an OutputChannel). */
export interface DropLog {
  appendLine(line: string): void;
}

/** Beyond this many distinct kinds of drop, further ones are not logged at all. */
const MAX_LOGGED_KINDS = 20;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message when `value` has exactly one of the shapes `validators` accept, else undefined. */
export function validateMessage<M extends TypedMessage>(
  validators: MessageValidators<M>,
  value: unknown,
): M | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  if (!Object.prototype.hasOwnProperty.call(validators, value.type)) return undefined;
  const validate = validators[value.type as M['type']];
  return validate(value);
}

/** A short, printable name of what a dropped value was (never the whole value). */
function kindOf(validators: object, value: unknown): string {
  if (!isRecord(value)) return `not an object (${Array.isArray(value) ? 'array' : typeof value})`;
  if (typeof value.type !== 'string') return 'no type';
  const type = JSON.stringify(value.type.slice(0, 40));
  return Object.prototype.hasOwnProperty.call(validators, value.type)
    ? `malformed ${type}`
    : `unknown type ${type}`;
}

export class MessageGate<M extends TypedMessage> {
  private readonly logged = new Set<string>();

  constructor(
    private readonly validators: MessageValidators<M>,
    private readonly log: DropLog,
    /** Names the webview in the log (`Preview`, `Coverage matrix`). */
    private readonly who: string,
  ) {}

  /** The checked message, or undefined (dropped, and logged if this kind of drop is new). */
  admit(value: unknown): M | undefined {
    const message = validateMessage(this.validators, value);
    if (message) return message;
    const kind = kindOf(this.validators, value);
    if (!this.logged.has(kind) && this.logged.size < MAX_LOGGED_KINDS) {
      this.logged.add(kind);
      this.log.appendLine(
        `${this.who}: dropped a message from the webview: ${kind} (logged once; later ones are dropped silently).`,
      );
    }
    return undefined;
  }
}
