/**
 * The replies of a pipeline (ioredis' `exec()`: one `[error, reply]` per command, or null when the
 * pipeline never ran), or the first command's error thrown: a pipeline does not reject when one of
 * its commands fails, and a write that failed must not pass for done.
 */
export function pipelineReplies(results: Array<[error: Error | null, reply: unknown]> | null): unknown[] {
  if (results === null) throw new Error('the pipeline did not run');
  const failed = results.find(([error]) => error !== null)?.[0];
  if (failed) throw failed;
  return results.map(([, reply]) => reply);
}
