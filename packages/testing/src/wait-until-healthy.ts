import type { ChildProcess } from 'node:child_process';

/**
 * Polls `healthUrl` until it answers 200, failing early (with the exit code) when the process
 * that should answer has died, and failing after `timeoutMs` rather than returning unhealthy.
 */
export async function waitUntilHealthy(child: ChildProcess, healthUrl: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited before answering ${healthUrl} (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    const status = await fetch(healthUrl, { signal: AbortSignal.timeout(1_000) }).then(
      (response) => response.status,
      () => null,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${healthUrl} did not answer 200 within ${timeoutMs / 1000} s`);
}
