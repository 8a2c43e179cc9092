import { checkCommand } from './check';
import { layerCommand } from './layer';

/** One subcommand of `attack-notes`: its usage line and what it does; returns the exit code. */
interface Subcommand {
  usage: string;
  summary: string;
  /** Full `--help` text, when the command has options worth explaining. */
  help?: string;
  run(args: string[]): Promise<number>;
}

const subcommands: Record<string, Subcommand> = {
  lsp: {
    usage: 'attack-notes lsp --stdio | --node-ipc | --socket=PORT',
    summary: 'Start the language server for an editor (Neovim, Helix, Emacs, VS Code).',
    async run(args) {
      if (
        !args.some((arg) => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket'))
      ) {
        console.error('attack-notes lsp: name a transport: --stdio, --node-ipc or --socket=PORT');
        return 2;
      }
      // Loaded on demand so that `check` does not pay for evaluating the whole server.
      const { startServer } = await import('../lsp/server');
      startServer();
      // The connection keeps the process alive; the exit notification ends it.
      return new Promise<number>(() => undefined);
    },
  },
  check: checkCommand,
  layer: layerCommand,
};

function usage(): string {
  const lines = ['usage: attack-notes <command> [options]', '', 'commands:'];
  for (const command of Object.values(subcommands))
    lines.push(`  ${command.usage}`, `      ${command.summary}`);
  lines.push('', 'attack-notes <command> --help shows the options of a command.');
  return lines.join('\n');
}

/** Parses the command line and runs a subcommand; returns the process exit code. */
export async function runCli(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log('attack-notes 0.1.0');
    return 0;
  }
  const command = subcommands[name];
  if (!command) {
    console.error(`attack-notes: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help ?? `usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  return command.run(rest);
}
