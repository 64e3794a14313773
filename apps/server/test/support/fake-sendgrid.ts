import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface ReceivedMailRequest {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
  /** When it arrived, on the test process's monotonic clock (performance.now(), in milliseconds). */
  readonly receivedAt: number;
  /** What the sink answered it. */
  readonly answer: MailAnswer;
}

/** What the sink answers to one mail: a status, with headers such as Retry-After; `hang` holds it open, never answered. */
export type MailAnswer = { readonly status: number; readonly headers?: Readonly<Record<string, string>> } | 'hang';

/** Chooses the answer to a mail from the mail itself (before it is recorded in `received`). */
export type MailAnswerer = (mail: Omit<ReceivedMailRequest, 'answer'>) => MailAnswer;

/** SendGrid's answer to an accepted mail. */
export const ACCEPT_MAIL: MailAnswerer = () => ({ status: 202 });

/** What the sink answers to the key check, `GET /v3/scopes`; `hang` never answers. */
export type KeyCheckAnswer = { readonly status: number; readonly body?: unknown } | 'hang';

/** A key that may send, as SendGrid answers for a full-access or mail-only key. */
export const KEY_MAY_SEND: KeyCheckAnswer = { status: 200, body: { scopes: ['mail.send', 'user.profile.read'] } };

export interface FakeSendGrid {
  readonly url: string;
  /** Every request but the key checks: the mails, in order. */
  readonly received: ReceivedMailRequest[];
  /** The Authorization header of each key check, in order. */
  readonly keyChecks: (string | undefined)[];
  /** Changes what the key check answers from now on. */
  answerKeyCheck(answer: KeyCheckAnswer): void;
  /** Changes what the mails are answered from now on. */
  answerMails(answerer: MailAnswerer): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server standing in for SendGrid's v3 API, for tests of a server running in its own
 * process (msw can only intercept inside the test's process). The key check is answered apart
 * (`KEY_MAY_SEND` unless told), so that `received` holds the mails alone; mails are accepted (202)
 * unless `answerMail` says otherwise.
 */
export async function startFakeSendGrid({
  keyCheck = KEY_MAY_SEND,
  answerMail = ACCEPT_MAIL,
}: { keyCheck?: KeyCheckAnswer; answerMail?: MailAnswerer } = {}): Promise<FakeSendGrid> {
  const received: ReceivedMailRequest[] = [];
  const keyChecks: (string | undefined)[] = [];
  let keyCheckAnswer = keyCheck;
  let mailAnswerer = answerMail;
  const server = createServer((request: IncomingMessage, response) => {
    const receivedAt = performance.now();
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.method === 'GET' && request.url === '/v3/scopes') {
        keyChecks.push(request.headers.authorization);
        if (keyCheckAnswer === 'hang') return;
        response.writeHead(keyCheckAnswer.status, { 'content-type': 'application/json' }).end(JSON.stringify(keyCheckAnswer.body ?? {}));
        return;
      }
      const mail = {
        path: request.url ?? '',
        authorization: request.headers.authorization,
        body: JSON.parse(body || 'null') as unknown,
        receivedAt,
      };
      const answer = mailAnswerer(mail);
      received.push({ ...mail, answer });
      if (answer === 'hang') return;
      response.writeHead(answer.status, answer.headers).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    keyChecks,
    answerKeyCheck(answer) {
      keyCheckAnswer = answer;
    },
    answerMails(answerer) {
      mailAnswerer = answerer;
    },
    close: () =>
      new Promise((resolve) => {
        // A hanging key check holds its connection: end it, or close would wait for it.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
