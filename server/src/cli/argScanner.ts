/**
 * How every subcommand reads its command line, so that `check` and `layer` agree on it: `-` and
 * any word not starting with `-` is a path, and so is every word after `--`; `--help` and `-h` ask
 * for help; `--name=value` and `--name value` alike give an option its value, the next word being
 * taken unless it starts with `--`. The subcommand decides what each option means.
 */
export type ArgToken =
  | { kind: 'path'; value: string }
  | { kind: 'help' }
  | { kind: 'option'; name: string; value: string | undefined };

/** `flags` are options that take no value: the word after one is read on its own. */
export function* scanArgs(
  args: readonly string[],
  flags: ReadonlySet<string> = new Set(),
): Generator<ArgToken> {
  let onlyPaths = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      yield { kind: 'path', value: arg };
    } else if (arg === '--') {
      onlyPaths = true;
    } else if (arg === '--help' || arg === '-h') {
      yield { kind: 'help' };
    } else if (flags.has(arg)) {
      yield { kind: 'option', name: arg, value: undefined };
    } else {
      const eq = arg.indexOf('=');
      if (eq >= 0) {
        yield { kind: 'option', name: arg.slice(0, eq), value: arg.slice(eq + 1) };
      } else {
        const next = args[i + 1];
        const takesNext = next !== undefined && !next.startsWith('--');
        yield { kind: 'option', name: arg, value: takesNext ? args[++i] : undefined };
      }
    }
  }
}
