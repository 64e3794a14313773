import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs the standalone worker (`pnpm worker`'s entry point) with `env` until `delivered()` reaches
 * `mails`, then stops it (SIGTERM) and waits for its exit. `onSpawned` gets the worker's pid as
 * soon as it exists (for CPU readings taken by whoever sees the mails arrive). Throws if the worker
 * exits first or the deadline passes.
 */
export async function runWorkerUntilDelivered({
  env,
  mails,
  delivered,
  nodeArguments = [],
  timeoutMs = 120_000,
  onSpawned = () => undefined,
  workerScript = fileURLToPath(new URL('../worker-main.js', import.meta.url)),
}: {
  readonly env: Record<string, string>;
  readonly mails: number;
  readonly delivered: () => number | Promise<number>;
  readonly nodeArguments?: readonly string[];
  readonly timeoutMs?: number;
  readonly onSpawned?: (pid: number | undefined) => void;
  /** The worker's entry point: by default the built one beside this module (a test running from source names dist's). */
  readonly workerScript?: string;
}): Promise<{ readonly pid: number | undefined }> {
  const worker = spawn(process.execPath, [...nodeArguments, workerScript], {
    env,
    stdio: ['ignore', 2, 2],
  });
  onSpawned(worker.pid);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const count = await delivered();
      if (count >= mails) return { pid: worker.pid };
      if (worker.exitCode !== null) throw new Error(`the worker exited with ${worker.exitCode} after ${count} of ${mails} mails`);
      if (Date.now() > deadline) throw new Error(`the worker delivered ${count} of ${mails} mails within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    worker.kill('SIGTERM');
    await exited;
  }
}
