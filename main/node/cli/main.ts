/**
 * The process entry of `referat` (bundled to out/main/cli.mjs and started by bin/referat.mjs):
 * wires the real process to `runCli` and sets the exit code. Everything testable is in cli.ts.
 */
import { runCli } from './cli';

// `referat list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

runCli(process.argv.slice(2), {
  stdout: (chunk) => {
    process.stdout.write(chunk);
  },
  stderr: (text) => {
    process.stderr.write(text);
  },
  env: process.env,
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // runCli never throws; this is a last guard so a bug still ends with one line and code 1.
    process.stderr.write(
      `referat: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
