import { parseLevel } from '../../core/features/diagnostics/config';
import { isRuleCode, type RuleCode, type RuleLevel } from '../../core/features/diagnostics/rules';
import { scanArgs } from '../argScanner';

/** The command line of `attack-notes check`. */

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckOptions {
  paths: string[];
  format: OutputFormat;
  /** Warnings tolerated before the exit code turns 1; errors never are. */
  maxWarnings: number;
  /** `--rule CODE=SEVERITY`, applied over `.attack-notes.json`. */
  levels: Partial<Record<RuleCode, RuleLevel>>;
  /** `--stix-bundle PATH`: extra STIX bundles over the bundled catalog, in order. */
  stixBundles?: string[];
  /** `--fix` writes the fixes that need no choice; `--fix-dry-run` prints them as a diff. */
  fix?: 'write' | 'dry-run';
  help: boolean;
}

export type ParsedArgs = { ok: true; options: CheckOptions } | { ok: false; message: string };

export const CHECK_USAGE =
  'attack-notes check <path>... [--format text|json|sarif] [--max-warnings N] [--rule CODE=SEVERITY] [--stix-bundle PATH] [--fix | --fix-dry-run]';

export const CHECK_HELP = `usage: ${CHECK_USAGE}

Checks the ATT&CK notes under each path (a vault folder, a folder inside one, or a note) with the
rules of docs/rules.md. Settings come from .attack-notes.json at the vault root; --rule overrides.

  --format text|json|sarif  output format (default text)
  --max-warnings N          exit 1 only when there are more than N warnings (default 0)
  --rule CODE=SEVERITY      set a rule to error, warning, info, hint or off (repeatable)
  --stix-bundle PATH        load a STIX bundle (Workbench export, custom objects) over the
                            bundled ATT&CK catalog (repeatable; later ones override)
  --fix                     apply the fixes that need no choice (as fix-all in the editor),
                            writing each changed note atomically, then report what is left
  --fix-dry-run             print those fixes as a unified diff instead of writing them

Exit codes: 0 no errors and warnings within --max-warnings, 1 problems found (with --fix: left
after fixing), 2 bad usage, an unreadable path or a note that could not be written. Info and
hint findings are printed but never fail the check.`;

const FORMATS: readonly string[] = ['text', 'json', 'sarif'];

/** Options of `check` that take no value. */
const FIX_FLAGS: ReadonlySet<string> = new Set(['--fix', '--fix-dry-run']);

export function parseCheckArgs(args: readonly string[]): ParsedArgs {
  const options: CheckOptions = {
    paths: [],
    format: 'text',
    maxWarnings: 0,
    levels: {},
    help: false,
  };
  for (const token of scanArgs(args, FIX_FLAGS)) {
    if (token.kind === 'path') {
      options.paths.push(token.value);
      continue;
    }
    if (token.kind === 'help') {
      options.help = true;
      continue;
    }
    const { name, value } = token;
    // `--fix=…` is not the flag: it falls through to the unknown option below.
    if (FIX_FLAGS.has(name) && value === undefined) {
      const mode = name === '--fix' ? 'write' : 'dry-run';
      if (options.fix !== undefined && options.fix !== mode)
        return { ok: false, message: '--fix and --fix-dry-run exclude each other' };
      options.fix = mode;
      continue;
    }
    switch (name) {
      case '--format':
      case '-f':
        if (value === undefined || !FORMATS.includes(value)) {
          return {
            ok: false,
            message: `--format takes text, json or sarif${value ? `, not '${value}'` : ''}`,
          };
        }
        options.format = value as OutputFormat;
        break;
      case '--max-warnings': {
        if (value === undefined || !/^\d+$/.test(value)) {
          return {
            ok: false,
            message: `--max-warnings takes a whole number of 0 or more${value ? `, not '${value}'` : ''}`,
          };
        }
        options.maxWarnings = Number(value);
        break;
      }
      case '--rule': {
        const parsed = value === undefined ? undefined : /^([^=]+)=(.+)$/.exec(value);
        if (!parsed)
          return {
            ok: false,
            message: '--rule takes CODE=SEVERITY, such as --rule id-unknown=error',
          };
        const code = parsed[1].trim();
        const level = parseLevel(parsed[2]);
        if (!isRuleCode(code))
          return { ok: false, message: `--rule: unknown rule '${code}' (see docs/rules.md)` };
        if (!level) {
          return {
            ok: false,
            message: `--rule ${code}: unknown severity '${parsed[2]}' (use error, warning, info, hint or off)`,
          };
        }
        options.levels[code] = level;
        break;
      }
      case '--stix-bundle':
        if (value === undefined) return { ok: false, message: '--stix-bundle takes a file path' };
        options.stixBundles = [...(options.stixBundles ?? []), value];
        break;
      default:
        return { ok: false, message: `unknown option '${name}'` };
    }
  }
  if (options.fix === 'dry-run' && options.format !== 'text') {
    return { ok: false, message: '--fix-dry-run prints a diff and takes no --format' };
  }
  if (!options.help && options.paths.length === 0) {
    return { ok: false, message: 'name at least one vault folder or note to check' };
  }
  return { ok: true, options };
}
