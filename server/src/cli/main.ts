// Entry point of the bundled CLI (dist/cli.js), launched by bin/attack-notes.js.
import { runCli } from './cli';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`attack-notes: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
