// Entry point of the bundled CLI (dist/cli.js), launched by bin/attack-notes.js.
import { runCli } from './cli';

// A reader that stops early (`attack-notes check vault --fix-dry-run | head`) closes the pipe: the
// rest of the output is not wanted, which is no reason to end with an EPIPE stack trace. The
// command still finishes (a --fix still writes its notes) and exits with its own code.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`attack-notes: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
