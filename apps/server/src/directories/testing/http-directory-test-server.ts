import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { verifyDirectoryRequest, type DirectoryRequestBody, type DirectoryRequestVerification } from '@pwreset/client/webhooks';
import type { PasswordHasher } from '../../users/password-hashes/password-hasher.js';
import type { EmailMatchMode } from '../../config/user-directories/user-directories-schema.js';
import type { HttpDirectoryEndpoint } from '../http/http-directory-protocol.js';
import { testPasswordHasher } from './test-password-hasher.js';

/** A row of the application's table. `email: null` answers a user without an address (a broken application). */
export interface TestDirectoryAccount {
  readonly email: string | null;
  readonly name?: string;
  readonly locale?: string;
  readonly disabled?: boolean;
  /** Any of the formats the service reads; null or '' for none. */
  readonly passwordHash: string | null;
}

/** A call as the application received it, with what verifyDirectoryRequest made of it. */
export interface ReceivedDirectoryCall {
  readonly endpoint: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly verification: DirectoryRequestVerification;
  /** What the application answered; undefined while the answer is pending (or was never sent). */
  readonly answer?: ScriptedAnswer;
}

/** An answer that replaces the protocol's, to play a broken or unusual application. */
export interface ScriptedAnswer {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

/**
 * How the application hashes and checks its passwords: any scheme of its own, since the service
 * never reads the application's hashes (it asks `verify-password`). A PasswordHasher fits.
 */
export type ApplicationPasswordHasher = Pick<PasswordHasher, 'hash' | 'verify'>;

/**
 * What `script` answers with: a fixed answer, or one computed (or awaited, to hang) per call. `protocol`
 * runs the application's own handling of the call (the write included), e.g. to answer it late.
 */
export type ScriptedAnswerSource =
  ScriptedAnswer | ((call: ReceivedDirectoryCall, protocol: () => Promise<ScriptedAnswer>) => ScriptedAnswer | Promise<ScriptedAnswer>);

export interface HttpDirectoryTestServerOptions {
  readonly secret: string;
  /** How the application compares addresses (trimmed by the service). Default `case-insensitive`. */
  readonly emailMatch?: EmailMatchMode;
  /** How the application hashes new passwords. Default testPasswordHasher (cheap argon2id). */
  readonly hasher?: ApplicationPasswordHasher;
}

export interface HttpDirectoryTestServer {
  /** The directory's base URL, under a path of its own as a real application mounts it. */
  readonly url: string;
  /** `http://127.0.0.1:<port>` alone, e.g. for a redirect target. */
  readonly origin: string;
  readonly accounts: Map<string, TestDirectoryAccount>;
  readonly calls: ReceivedDirectoryCall[];
  addAccount(account: TestDirectoryAccount): string;
  /** Answers `endpoint` with `answer` (or what it returns for the call) until reset(). */
  script(endpoint: HttpDirectoryEndpoint, answer: ScriptedAnswerSource): void;
  /** Stops scripting `endpoint` (the application recovers), keeping the table and the calls. */
  unscript(endpoint: HttpDirectoryEndpoint): void;
  /** Waits this long before answering anything, until reset(). */
  delayAnswers(milliseconds: number): void;
  /** Empties the table, the calls and the scripts. */
  reset(): void;
  close(): Promise<void>;
}

const BASE_PATH = '/pwreset-directory';

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, { status, body, headers = {} }: ScriptedAnswer): void {
  response.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
  response.end(body);
}

const json = (status: number, value: unknown): ScriptedAnswer => ({ status, body: JSON.stringify(value) });

/**
 * An application's side of the HTTP user directory protocol (README, "HTTP user directories") over an
 * in-memory table, on a real HTTP server on 127.0.0.1. It checks every call's signature with
 * verifyDirectoryRequest, as an application should, and answers 401 to any it cannot verify.
 */
export async function startHttpDirectoryTestServer(options: HttpDirectoryTestServerOptions): Promise<HttpDirectoryTestServer> {
  const { secret, emailMatch = 'case-insensitive', hasher = testPasswordHasher } = options;
  const accounts = new Map<string, TestDirectoryAccount>();
  const calls: ReceivedDirectoryCall[] = [];
  const scripts = new Map<string, Exclude<ScriptedAnswerSource, ScriptedAnswer>>();
  let delayMs = 0;
  let created = 0;

  const sameAddress = (stored: string, asked: string) =>
    emailMatch === 'exact' ? stored === asked : stored.toLowerCase() === asked.toLowerCase();

  function publicUser(id: string, account: TestDirectoryAccount) {
    const { email, name, locale, disabled } = account;
    return {
      id,
      ...(email === null ? {} : { email }),
      ...(name ? { name } : {}),
      ...(locale ? { locale } : {}),
      disabled: disabled === true,
    };
  }

  /** The protocol itself, for a call whose signature verified. */
  async function answer(endpoint: string, request: DirectoryRequestBody): Promise<ScriptedAnswer> {
    const account = request.id === undefined ? undefined : accounts.get(request.id);
    switch (endpoint) {
      case 'find-by-email': {
        const found = [...accounts].find(([, stored]) => stored.email !== null && sameAddress(stored.email, request.email ?? ''));
        return json(200, { user: found ? publicUser(...found) : null });
      }
      case 'find-by-id':
        return json(200, { user: account && request.id ? publicUser(request.id, account) : null });
      case 'verify-password': {
        if (!account) return json(200, { match: false });
        try {
          return json(200, { match: (await hasher.verify(request.password ?? '', account.passwordHash)) === true });
        } catch {
          // The application cannot read its own stored hash: its error, not a mismatch.
          return json(500, { error: 'internal' });
        }
      }
      case 'set-password': {
        if (!account || request.id === undefined) return { status: 404 };
        accounts.set(request.id, { ...account, passwordHash: await hasher.hash(request.password ?? '') });
        return { status: 204 };
      }
      case 'health':
        return { status: 200 };
      default:
        return { status: 404 };
    }
  }

  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const endpoint = path.startsWith(`${BASE_PATH}/`) ? path.slice(BASE_PATH.length + 1) : path;
      const signatureHeader = request.headers['reset-signature'];
      const verification = await verifyDirectoryRequest({
        body,
        signatureHeader: typeof signatureHeader === 'string' ? signatureHeader : null,
        secret,
      });
      const call: ReceivedDirectoryCall = { endpoint, headers: request.headers, body, verification };
      const index = calls.push(call) - 1;
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const protocol = async (): Promise<ScriptedAnswer> =>
        request.method !== 'POST'
          ? json(405, { error: 'POST only' })
          : !verification.ok
            ? { status: 401 }
            : await answer(endpoint, verification.request);
      const scripted = scripts.get(endpoint);
      const answered = scripted ? await scripted(call, protocol) : await protocol();
      if (calls[index] === call) calls[index] = { ...call, answer: answered };
      // A caller that gave up has closed the connection; the work above is done all the same, as in a real application.
      if (!response.destroyed) send(response, answered);
    })().catch(() => {
      if (!response.headersSent) send(response, json(500, { error: 'internal' }));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}${BASE_PATH}`,
    origin,
    accounts,
    calls,
    addAccount(account) {
      created += 1;
      const id = String(created);
      accounts.set(id, account);
      return id;
    },
    script(endpoint, scripted) {
      scripts.set(endpoint, typeof scripted === 'function' ? scripted : () => scripted);
    },
    unscript(endpoint) {
      scripts.delete(endpoint);
    },
    delayAnswers(milliseconds) {
      delayMs = milliseconds;
    },
    reset() {
      accounts.clear();
      calls.length = 0;
      scripts.clear();
      delayMs = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
