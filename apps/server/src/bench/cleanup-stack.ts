export interface CleanupStack {
  /** Registers a step; steps run last-registered first, like nested `finally` blocks. */
  defer(step: () => Promise<unknown>): void;
  /**
   * Runs every step once, even when one fails (each failure goes to stderr). Safe to call again,
   * e.g. from a signal handler and a `finally` at the same time: both get the same promise.
   */
  runAll(): Promise<void>;
}

export function createCleanupStack(): CleanupStack {
  const steps: Array<() => Promise<unknown>> = [];
  let running: Promise<void> | undefined;

  async function runSteps(): Promise<void> {
    for (let step = steps.pop(); step; step = steps.pop()) {
      await step().catch((error: unknown) =>
        process.stderr.write(`cleanup step failed: ${error instanceof Error ? error.message : String(error)}\n`),
      );
    }
  }

  return {
    defer(step) {
      steps.push(step);
    },
    runAll() {
      running ??= runSteps();
      return running;
    },
  };
}
