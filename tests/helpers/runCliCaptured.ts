/** Running the `referat` command line in-process for tests, keeping what it prints. */
import { runCli } from '../../main/node/cli/cli';

/** The exit code of one `referat` run and everything it printed. */
export interface CapturedCliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `referat args` through runCli in `cwd` with exactly the environment `env` (no
 * process.env: pass REFERAT_LIBRARY and the like), collecting standard output (text or bytes,
 * read as UTF-8) and standard error.
 */
export async function runCliCaptured(
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<CapturedCliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (chunk) => {
      stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    },
    stderr: (text) => {
      stderr += text;
    },
    env: options.env,
    cwd: options.cwd,
  });
  return { code, stdout, stderr };
}
