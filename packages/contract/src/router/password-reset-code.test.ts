import { describe, expect, it } from 'vitest';
import { appRouter } from './index.js';
import {
  createInMemoryResetPorts,
  resetCodeFromMail,
  resetErrorOf,
  runQueuedJobs,
  testResetApiContext,
  testResetClient,
} from '../testing/index.js';

// Code flows (`method: "code"`) through the tRPC procedures, over in-memory ports.

const NEW_PASSWORD = 'a brand new passphrase';

async function world() {
  const ports = createInMemoryResetPorts();
  const shop = testResetClient({ id: 'cl_shop', name: 'Acme Shop', webhookUrl: 'https://shop.example.com/hooks' });
  const forum = testResetClient({ id: 'cl_forum', name: 'Forum' });
  ports.clients.register(shop);
  ports.clients.register(forum);
  const added = await ports.users.named('default').addUser({ email: 'jane@example.com', password: 'current passphrase', name: 'Jane' });
  if (!added.created) throw new Error('jane exists');
  const app = appRouter.createCaller(testResetApiContext(ports, { client: shop }));
  const otherApp = appRouter.createCaller(testResetApiContext(ports, { client: forum }));
  const page = appRouter.createCaller(testResetApiContext(ports));
  /** Asks for a code for `email`, runs the mail job, and returns the flow id and the code mailed (if any). */
  async function codeFlowFor(email = 'jane@example.com') {
    const answer = await app.passwordReset.request({ email, method: 'code' });
    await runQueuedJobs(ports, ports.jobs);
    const mail = ports.mail
      .sentTo(email)
      .filter((sent) => sent.kind === 'reset-code')
      .at(-1);
    return { answer, flowId: 'flowId' in answer ? answer.flowId : '', code: mail ? resetCodeFromMail(mail) : null };
  }
  return { ports, app, otherApp, page, userId: added.userId, codeFlowFor };
}

const wrongCodeFor = (code: string) => `${(Number(code[0]) + 1) % 10}${code.slice(1)}`;

describe('passwordReset with method code', () => {
  it('mails 8 contiguous digits instead of a link, and the code with its flow id sets the password', async () => {
    const { ports, app, codeFlowFor, userId } = await world();
    const { answer, flowId, code } = await codeFlowFor();
    expect(answer).toEqual({ accepted: true, flowId: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(code).toMatch(/^\d{8}$/);
    expect(ports.mail.sentTo('jane@example.com').map((mail) => mail.kind)).toEqual(['reset-code']);
    expect(await app.passwordReset.complete({ flowId, code: code ?? '', password: NEW_PASSWORD })).toEqual({ completed: true });
    expect(await ports.users.named('default').verifyPassword(userId, NEW_PASSWORD)).toBe(true);
    await runQueuedJobs(ports, ports.jobs);
    expect(ports.mail.sentTo('jane@example.com').map((mail) => mail.kind)).toEqual(['reset-code', 'password-changed']);
    expect(ports.webhooks.delivered.map((delivered) => delivered.event.type)).toEqual(['password_reset.completed']);
    // The code dies when used.
    expect(await resetErrorOf(app.passwordReset.complete({ flowId, code: code ?? '', password: 'another new passphrase' }))).toMatchObject({
      resetCode: 'FLOW_EXPIRED',
    });
  });

  it('answers the same shape and length for an unknown address, and fails it exactly as a real one', async () => {
    const { ports, app, codeFlowFor } = await world();
    const known = await codeFlowFor('jane@example.com');
    const unknown = await codeFlowFor('nobody@example.com');
    expect(Object.keys(unknown.answer)).toEqual(Object.keys(known.answer));
    expect(JSON.stringify(unknown.answer).length).toBe(JSON.stringify(known.answer).length);
    expect(unknown.code).toBeNull();
    const attempts = async (flowId: string, code: string) => {
      const codes = [];
      for (let attempt = 0; attempt < 6; attempt += 1) {
        const error = await resetErrorOf(app.passwordReset.complete({ flowId, code, password: NEW_PASSWORD }));
        codes.push(error.resetCode);
      }
      return codes;
    };
    const expected = ['CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'CODE_INVALID', 'FLOW_LOCKED'];
    expect(await attempts(unknown.flowId, '12345678')).toEqual(expected);
    expect(await attempts(known.flowId, wrongCodeFor(known.code ?? ''))).toEqual(expected);
    expect(ports.mail.sentTo('nobody@example.com')).toEqual([]);
  });

  it('refuses the right code after five wrong ones (FLOW_LOCKED), and the password stays', async () => {
    const { ports, app, codeFlowFor, userId } = await world();
    const { flowId, code } = await codeFlowFor();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await app.passwordReset.complete({ flowId, code: wrongCodeFor(code ?? ''), password: NEW_PASSWORD }).catch(() => undefined);
    }
    const error = await resetErrorOf(app.passwordReset.complete({ flowId, code: code ?? '', password: NEW_PASSWORD }));
    expect(error).toMatchObject({ resetCode: 'FLOW_LOCKED' });
    expect(await ports.users.named('default').verifyPassword(userId, 'current passphrase')).toBe(true);
  });

  it('ends a flow at RESET_CODE_TTL (FLOW_EXPIRED)', async () => {
    const { ports, app, codeFlowFor } = await world();
    const { flowId, code } = await codeFlowFor();
    ports.clock.advanceSeconds(ports.codeFlows.lifetimeSeconds);
    const error = await resetErrorOf(app.passwordReset.complete({ flowId, code: code ?? '', password: NEW_PASSWORD }));
    expect(error).toMatchObject({ resetCode: 'FLOW_EXPIRED' });
  });

  it('is bound to the client that requested it: another client is refused, and an anonymous caller must authenticate', async () => {
    const { app, otherApp, page, codeFlowFor } = await world();
    const { flowId, code } = await codeFlowFor();
    const byOther = await resetErrorOf(otherApp.passwordReset.complete({ flowId, code: code ?? '', password: NEW_PASSWORD }));
    expect(byOther).toMatchObject({ resetCode: 'FLOW_EXPIRED' });
    const anonymous = await resetErrorOf(page.passwordReset.complete({ flowId, code: code ?? '', password: NEW_PASSWORD }));
    expect(anonymous).toMatchObject({ resetCode: 'UNAUTHORIZED' });
    // Neither counted against the flow: it still works for its own client.
    expect(await app.passwordReset.complete({ flowId, code: code ?? '', password: NEW_PASSWORD })).toEqual({ completed: true });
  });

  it('checks the same password policy, and a refusal keeps the flow', async () => {
    const { app, codeFlowFor } = await world();
    const { flowId, code } = await codeFlowFor();
    const refused = await resetErrorOf(app.passwordReset.complete({ flowId, code: code ?? '', password: 'short' }));
    expect(refused).toMatchObject({ resetCode: 'PASSWORD_REJECTED', reasons: ['TOO_SHORT'] });
    const reused = await resetErrorOf(app.passwordReset.complete({ flowId, code: code ?? '', password: 'current passphrase' }));
    expect(reused).toMatchObject({ resetCode: 'PASSWORD_REJECTED', reasons: ['REUSED'] });
    expect(await app.passwordReset.complete({ flowId, code: code ?? '', password: NEW_PASSWORD })).toEqual({ completed: true });
  });

  it('lets a newer request supersede an older flow, and a completed link end a live flow', async () => {
    const { ports, app, codeFlowFor } = await world();
    const older = await codeFlowFor();
    const newer = await codeFlowFor();
    const error = await resetErrorOf(app.passwordReset.complete({ flowId: older.flowId, code: older.code ?? '', password: NEW_PASSWORD }));
    expect(error).toMatchObject({ resetCode: 'FLOW_EXPIRED' });
    // A link completed meanwhile ends the newer flow too.
    await app.passwordReset.request({ email: 'jane@example.com' });
    await runQueuedJobs(ports, ports.jobs);
    const mail = ports.mail
      .sentTo('jane@example.com')
      .filter((sent) => sent.kind === 'password-reset')
      .at(-1);
    const token = mail?.kind === 'password-reset' ? new URL(mail.resetLink).hash.slice('#token='.length) : '';
    await appRouter.createCaller(testResetApiContext(ports)).passwordReset.complete({ token, password: NEW_PASSWORD });
    const ended = await resetErrorOf(
      app.passwordReset.complete({ flowId: newer.flowId, code: newer.code ?? '', password: 'another new passphrase' }),
    );
    expect(ended).toMatchObject({ resetCode: 'FLOW_EXPIRED' });
  });

  it('queues no code or flow id, only the flow’s digest', async () => {
    const { ports, app } = await world();
    const answer = await app.passwordReset.request({ email: 'jane@example.com', method: 'code' });
    const flowId = 'flowId' in answer ? answer.flowId : '';
    expect(ports.jobs.queued).toHaveLength(1);
    expect(JSON.stringify(ports.jobs.queued)).not.toContain(flowId);
    expect(ports.jobs.queued[0]).toMatchObject({ type: 'reset-code-requested', flowRef: expect.any(String) });
  });
});
