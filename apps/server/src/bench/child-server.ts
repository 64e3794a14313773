import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitUntilHealthy } from '@pwreset/testing';

export interface ChildServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Milliseconds from the spawn to the first 200 of `/healthz` (polled every 50 ms). */
  readonly startMs: number;
  /** The child's process id, for reading its CPU time (cpuMsOf in mail-throughput.ts). */
  readonly pid: number | undefined;
  /** SIGTERM, then waits for the exit; SIGKILL if it is still alive after `stopTimeoutMs`. */
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  /** Shown in error messages. */
  readonly name: string;
  /** The built entry point to run with node. */
  readonly script: URL;
  /** Arguments of node before the script, e.g. `--import` of a preload. Default none. */
  readonly nodeArguments?: readonly string[];
  readonly port: number;
  /** The whole environment of the child: nothing is inherited (see main.ts). */
  readonly env: Record<string, string>;
  /** Milliseconds to wait for `GET /healthz` to answer 200. Default 15 000. */
  readonly startTimeoutMs?: number;
  /** Milliseconds between SIGTERM and SIGKILL. Default 15 000, above the server's own 10 s drain deadline. */
  readonly stopTimeoutMs?: number;
}

/** Runs a server in its own process, so autocannon does not share its event loop. */
export async function startChildServer({
  name,
  script,
  nodeArguments = [],
  port,
  env,
  startTimeoutMs = 15_000,
  stopTimeoutMs = 15_000,
}: ChildServerOptions): Promise<ChildServer> {
  const scriptPath = fileURLToPath(script);
  if (!existsSync(scriptPath)) throw new Error(`${name}: ${scriptPath} is missing; run pnpm --filter @pwreset/server build first`);
  // The children's output goes to our stderr, so stdout carries only the report (and stays valid JSON).
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArguments, scriptPath], { env, stdio: ['ignore', 2, 2] });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopChild(child, stopTimeoutMs);
  try {
    await waitUntilHealthy(child, `${url}/healthz`, startTimeoutMs);
  } catch (error) {
    await stop();
    throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}; see its output above`);
  }
  return { url, startMs: performance.now() - spawnedAt, pid: child.pid, stop };
}

async function stopChild(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}
