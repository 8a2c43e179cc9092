/** Parses the command line and runs a subcommand; returns the process exit code. */
export async function runCli(args: string[]): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h') {
    console.log('usage: attack-notes lsp --stdio');
    return 0;
  }
  return 2;
}
