/**
 * Runs a benchmark module again in a fresh Node process (`--child ARGS…`) and reads the JSON
 * line it prints last: how the benchmarks measure a cold run's peak memory (the kernel's maxRSS
 * of a process that does only that one job).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Starts `moduleUrl` (an `import.meta.url`) with `--child ...args`; answers its last JSON line. */
export function runBenchChild<T>(moduleUrl: string, args: readonly string[]): Promise<T> {
  const script = fileURLToPath(moduleUrl);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--child', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`bench child ${script} exited with ${code}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as T);
    });
  });
}

/** Whether the module at `moduleUrl` is the script Node was started with (run alone, or as a child). */
export function isMainModule(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}
