import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findFreePort, waitUntilHealthy } from '@pwreset/testing';

export const BUILT_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
export const BUILT_CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
export const BUILT_WORKER = fileURLToPath(new URL('../../dist/worker-main.js', import.meta.url));

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process wrote so far, stdout and stderr together. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Runs the built server (`pnpm start`'s entry point) with only the given environment, and no
 * shutdown drain unless the environment sets SHUTDOWN_DRAIN (tests have no balancer to wait for).
 */
export async function startServerProcess(environment: Record<string, string>): Promise<ServerProcess> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [BUILT_MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', SHUTDOWN_DRAIN: '0', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilHealthy(child, `${url}/healthz`);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}:\n${output}`);
  }
  return {
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs a built entry point to completion and returns its exit code and output. */
export async function runToCompletion(
  script: string,
  args: readonly string[],
  environment: Record<string, string>,
  options: {
    readonly cwd?: string;
    /** Written to its stdin, then closed; without it stdin is closed at once. */ readonly input?: string;
  } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH ?? '', ...environment },
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (options.input !== undefined) child.stdin?.end(options.input);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
  return { code, stdout, stderr };
}

/** Runs the built CLI with `args` and returns its stdout; exits other than 0 throw, with its stderr. */
export async function runCli(environment: Record<string, string>, args: readonly string[]): Promise<string> {
  const result = await runToCompletion(BUILT_CLI, args, environment);
  if (result.code !== 0) throw new Error(`cli ${args.slice(0, 2).join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}
