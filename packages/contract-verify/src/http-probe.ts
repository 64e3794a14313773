/** A response as the checks read it: status, headers, the body as text, and as JSON when it parses. */
export interface ProbedResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

export interface ProbeRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** Sends one request and reads the whole answer; network failures become a thrown error with the URL. */
export async function probe(fetchImplementation: typeof fetch, url: string, request: ProbeRequest = {}): Promise<ProbedResponse> {
  const response = await fetchImplementation(url, {
    method: request.method ?? 'GET',
    headers: request.headers ?? {},
    ...(request.body === undefined ? {} : { body: request.body }),
    redirect: 'manual',
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** `expected` and `actual` differ: a readable problem line. */
export function mismatch(what: string, expected: unknown, actual: unknown): string {
  return `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}
