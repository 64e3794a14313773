/**
 * Runs `round` for any number of callers, one round at a time: a caller arriving while a round runs
 * shares the next one (started once the running one ends), never the running one. So every caller
 * gets the outcome of a round that began after its call did (what the round reads or waits for
 * includes everything the caller did before calling), and a burst of callers costs two rounds, not
 * one each. A round's failure is its callers' failure alone; the next round runs regardless.
 */
export function sharedRounds<T>(round: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const started = round().finally(() => {
      running = null;
    });
    running = started;
    return started;
  };
  return () => {
    if (next) return next;
    if (!running) return start();
    const queued = running
      .catch(() => undefined)
      .then(() => {
        next = null;
        return start();
      });
    next = queued;
    return queued;
  };
}
