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
    // Ending here rather than when the event loop runs dry: Node then first waits for V8's
    // background work, such as optimising compilations queued by the last notes checked (20–40 ms
    // of idle waiting after a check). Only when all output is written: writes to a pipe may still
    // be under way on some systems.
    if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) {
      process.exit(code);
    }
  },
  (error: unknown) => {
    console.error(`attack-notes: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
