/** One answer of /readyz. */
export interface ReadyzAnswer {
  readonly status: number;
  readonly body: unknown;
}

export async function readyz(url: string): Promise<ReadyzAnswer> {
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, body: await response.json() };
}

/** Polls /readyz every 50 ms until `accept` says yes; throws with the last answer after `timeoutMs`. */
export async function waitForReadyz(url: string, accept: (answer: ReadyzAnswer) => boolean, timeoutMs = 10_000): Promise<ReadyzAnswer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await readyz(url);
    if (accept(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`/readyz still answers ${answer.status} ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The pino lines of a process's output whose `msg` is `message` (other output is skipped). */
export function logLinesWithMessage(output: string, message: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === message);
}
