import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

export const SENDGRID_TEST_URL = 'https://sendgrid.test';
export const WEBHOOK_TEST_URL = 'https://hooks.example.com/pwreset';

export interface RecordedRequest {
  readonly at: number;
  readonly headers: Headers;
  readonly body: string;
  /** What we answered. */
  readonly status: number;
}

/** Decides the answer to the n-th request (1-based). */
type Responder = (attempt: number) => Response;

const accept = (status: number) => () => new HttpResponse(null, { status });

/**
 * msw stands in for the services outside our process (SendGrid, a client's webhook receiver);
 * everything on loopback (our server, tRPC calls) passes through untouched.
 */
export function fakeRemoteServices() {
  const sendgridRequests: RecordedRequest[] = [];
  const webhookRequests: RecordedRequest[] = [];
  let sendgridResponder: Responder = accept(202);
  let webhookResponder: Responder = accept(204);

  const record =
    (into: RecordedRequest[], responder: () => Responder) =>
    async ({ request }: { request: Request }) => {
      const body = await request.text();
      const response = responder()(into.length + 1);
      into.push({ at: Date.now(), headers: request.headers, body, status: response.status });
      return response;
    };

  const server = setupServer(
    http.post(
      `${SENDGRID_TEST_URL}/v3/mail/send`,
      record(sendgridRequests, () => sendgridResponder),
    ),
    http.post(
      WEBHOOK_TEST_URL,
      record(webhookRequests, () => webhookResponder),
    ),
  );

  return {
    sendgridRequests,
    webhookRequests,
    /** The mails SendGrid accepted, parsed. */
    acceptedMails: () =>
      sendgridRequests.filter((request) => request.status === 202).map((request) => JSON.parse(request.body) as Record<string, unknown>),
    answerSendGrid(responder: Responder) {
      sendgridResponder = responder;
    },
    answerWebhooks(responder: Responder) {
      webhookResponder = responder;
    },
    reset() {
      sendgridRequests.length = 0;
      webhookRequests.length = 0;
      sendgridResponder = accept(202);
      webhookResponder = accept(204);
    },
    listen: () =>
      server.listen({
        onUnhandledRequest: (request, print) => {
          if (!['127.0.0.1', 'localhost'].includes(new URL(request.url).hostname)) print.error();
        },
      }),
    close: () => server.close(),
  };
}
