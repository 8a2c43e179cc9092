import type { LayerScore } from '../core/features/coverage/types';
import type { AttackDomain } from '../core/kb/types';
import { scanArgs } from './argScanner';

/** The command line of `attack-notes layer`. */

export interface LayerOptions {
  vault?: string;
  domain: AttackDomain;
  score: LayerScore;
  /** File to write the layer to; stdout when absent. */
  out?: string;
  /** `--stix-bundle PATH`: extra STIX bundles over the bundled catalog, in order. */
  stixBundles: string[];
  help: boolean;
}

export type ParsedLayerArgs = { ok: true; options: LayerOptions } | { ok: false; message: string };

export const LAYER_USAGE =
  'attack-notes layer <vault> [--domain enterprise|ics|mobile] [--score notes|mitigations] [--out FILE] [--stix-bundle PATH]';

export const LAYER_HELP = `usage: ${LAYER_USAGE}

Writes the vault's coverage of an ATT&CK domain as an ATT&CK Navigator layer (format 4.5): one
entry per technique and tactic that has a note, its comment naming the note, its metadata the
counts (notes, mapped mitigations listed, errors, warnings, drift). Load it in the Navigator with
Open Existing Layer → Upload from local. The summary goes to stderr.

  --domain enterprise|ics|mobile  the matrix to cover (default enterprise)
  --score notes|mitigations       score 1 per note (default), or the share of the mitigations
                                  ATT&CK maps to the technique that its note's table lists
  --out FILE                      write the layer to FILE instead of stdout
  --stix-bundle PATH              load a STIX bundle over the bundled ATT&CK catalog (repeatable);
                                  its custom IDs are counted but left out of the layer

Exit codes: 0 layer written; 1 layer written, but notes it counts have errors or warnings (the
findings that fail \`attack-notes check\`); 2 bad usage, an unreadable vault or note, or an
unwritable --out file.`;

const DOMAINS: readonly string[] = ['enterprise', 'ics', 'mobile'];
const SCORES: readonly string[] = ['notes', 'mitigations'];

export function parseLayerArgs(args: readonly string[]): ParsedLayerArgs {
  const options: LayerOptions = {
    domain: 'enterprise',
    score: 'notes',
    stixBundles: [],
    help: false,
  };
  const positional: string[] = [];
  for (const token of scanArgs(args)) {
    if (token.kind === 'path') {
      positional.push(token.value);
      continue;
    }
    if (token.kind === 'help') {
      options.help = true;
      continue;
    }
    const { name, value } = token;
    switch (name) {
      case '--domain':
        if (value === undefined || !DOMAINS.includes(value)) {
          return { ok: false, message: `--domain takes enterprise, ics or mobile${butNot(value)}` };
        }
        options.domain = value as AttackDomain;
        break;
      case '--score':
        if (value === undefined || !SCORES.includes(value)) {
          return { ok: false, message: `--score takes notes or mitigations${butNot(value)}` };
        }
        options.score = value as LayerScore;
        break;
      case '--out':
      case '-o':
        if (value === undefined || value === '') {
          return { ok: false, message: '--out takes a file path' };
        }
        options.out = value;
        break;
      case '--stix-bundle':
        if (value === undefined) return { ok: false, message: '--stix-bundle takes a file path' };
        options.stixBundles.push(value);
        break;
      default:
        return { ok: false, message: `unknown option '${name}'` };
    }
  }
  if (options.help) return { ok: true, options };
  if (positional.length !== 1) {
    return {
      ok: false,
      message:
        positional.length === 0 ? 'name the vault folder' : 'name one vault folder, not several',
    };
  }
  options.vault = positional[0];
  return { ok: true, options };
}

function butNot(value: string | undefined): string {
  return value ? `, not '${value}'` : '';
}
