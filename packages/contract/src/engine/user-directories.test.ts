import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../dependency-unavailable-error.js';
import { appRouter } from '../router/index.js';
import {
  createInMemoryResetPorts,
  inMemoryUserDirectory,
  resetErrorOf,
  resetSecretFromMail,
  runQueuedJobs,
  temporaryPasswordFromMail,
  testResetApiContext,
  testResetClient,
} from '../testing/index.js';
import { completePasswordResetForAccount } from './complete-reset-for-account.js';
import { completeTemporaryPasswordReset } from './complete-temporary-password-reset.js';
import { findActiveReset } from './find-active-reset.js';
import { requestLegacyPasswordReset } from './request-legacy-reset.js';

// Each client reaches the users of its own directory only; the same id in two directories is two people.

const requester = { ip: '198.51.100.9' };
const REVEAL = { hideUnknownAccounts: false } as const;

/**
 * Two directories whose first accounts have the same id (`usr_test1`) and the same address, and a
 * client bound to each: the shop to `shop`, the forum to `forum`.
 */
async function twoDirectories() {
  const directories = { shop: inMemoryUserDirectory(), forum: inMemoryUserDirectory() };
  const ports = createInMemoryResetPorts({ directories });
  const shop = testResetClient({ id: 'cl_shop', name: 'Shop', directory: 'shop', legacyApis: ['antel', 'teenquotes'] });
  const forum = testResetClient({ id: 'cl_forum', name: 'Forum', directory: 'forum', legacyApis: ['antel', 'teenquotes'] });
  ports.clients.register(shop);
  ports.clients.register(forum);
  const inShop = await directories.shop.addUser({ email: 'jane@example.com', password: 'shop passphrase 1', name: 'Shop Jane' });
  const inForum = await directories.forum.addUser({ email: 'jane@example.com', password: 'forum passphrase 1', name: 'Forum Jane' });
  if (!inShop.created || !inForum.created) throw new Error('each directory has its own Jane');
  if (inShop.userId !== inForum.userId) throw new Error('the test needs ids that repeat across directories');
  const userId = inShop.userId;
  const callerFor = (client: typeof shop) => appRouter.createCaller(testResetApiContext(ports, { client }));
  /** The last mail to Jane, after the client's request and its job ran. */
  async function mailedBy(client: typeof shop, delivery: 'link' | 'temporary-password'): Promise<string> {
    await requestLegacyPasswordReset(ports, client, { email: 'jane@example.com', delivery }, requester, REVEAL);
    await runQueuedJobs(ports, ports.jobs);
    const last = ports.mail.sentTo('jane@example.com').at(-1);
    return delivery === 'link' ? resetSecretFromMail(last) : temporaryPasswordFromMail(last);
  }
  return { ports, directories, shop, forum, userId, callerFor, mailedBy };
}

describe('clients bound to directories', () => {
  it('mails from a client’s own directory only: its user’s name, its secret bound to that directory', async () => {
    const { ports, shop, forum, userId, mailedBy } = await twoDirectories();
    const shopSecret = await mailedBy(shop, 'link');
    expect(ports.mail.sent.at(-1)?.mail).toMatchObject({ recipientName: 'Shop Jane', applicationName: 'Shop' });
    const forumSecret = await mailedBy(forum, 'link');
    expect(ports.mail.sent.at(-1)?.mail).toMatchObject({ recipientName: 'Forum Jane', applicationName: 'Forum' });
    expect(await ports.tokens.inspect(shopSecret)).toMatchObject({ status: 'active', record: { userId, directory: 'shop' } });
    // Forum's request issued a secret for forum's user 1: shop's user 1 keeps theirs.
    expect(await ports.tokens.inspect(forumSecret)).toMatchObject({ status: 'active', record: { userId, directory: 'forum' } });
  });

  it('completes in the client’s directory: the other directory’s user of the same id keeps their password and secrets', async () => {
    const { ports, directories, shop, forum, userId, callerFor, mailedBy } = await twoDirectories();
    const shopSecret = await mailedBy(shop, 'link');
    const forumSecret = await mailedBy(forum, 'link');
    expect(await callerFor(forum).passwordReset.complete({ token: forumSecret, password: 'quiet river morning 7' })).toEqual({
      completed: true,
    });
    expect(await directories.forum.verifyPassword(userId, 'quiet river morning 7')).toBe(true);
    expect(await directories.shop.verifyPassword(userId, 'shop passphrase 1')).toBe(true);
    // Forum's completion revoked forum's user 1's secrets, not shop's user 1's.
    expect((await ports.tokens.inspect(shopSecret)).status).toBe('active');
    const changed = ports.jobs.queued.find((job) => job.type === 'password-changed');
    expect(changed).toMatchObject({ userId, directory: 'forum', clientId: 'cl_forum' });
    await runQueuedJobs(ports, ports.jobs);
    expect(ports.mail.sent.at(-1)?.mail).toMatchObject({ kind: 'password-changed', recipientName: 'Forum Jane' });
  });

  it('tells the application the directory in the completed event', async () => {
    const directories = { shop: inMemoryUserDirectory() };
    const ports = createInMemoryResetPorts({ directories });
    const shop = testResetClient({ id: 'cl_shop', directory: 'shop', webhookUrl: 'https://shop.example.com/hooks' });
    ports.clients.register(shop);
    const added = await directories.shop.addUser({ email: 'jane@example.com', password: 'shop passphrase 1' });
    if (!added.created) throw new Error('jane exists');
    await appRouter.createCaller(testResetApiContext(ports, { client: shop })).passwordReset.request({ email: 'jane@example.com' });
    await runQueuedJobs(ports, ports.jobs);
    const token = resetSecretFromMail(ports.mail.sentTo('jane@example.com').at(-1));
    await appRouter.createCaller(testResetApiContext(ports)).passwordReset.complete({ token, password: 'bright lantern evening 9' });
    await runQueuedJobs(ports, ports.jobs);
    expect(ports.webhooks.delivered.map(({ event }) => event)).toEqual([
      expect.objectContaining({ type: 'password_reset.completed', userId: added.userId, directory: 'shop', clientId: 'cl_shop' }),
    ]);
  });

  it('treats a secret of another directory as unknown: a client re-bound since the mail cannot inspect or complete it', async () => {
    const { ports, directories, shop, userId, callerFor, mailedBy } = await twoDirectories();
    const shopSecret = await mailedBy(shop, 'link');
    // The operator binds the shop to the forum's directory after the mail left.
    const rebound = { ...shop, directory: 'forum' };
    ports.clients.register(rebound);
    const page = appRouter.createCaller(testResetApiContext(ports));
    expect(await resetErrorOf(page.passwordReset.inspect({ token: shopSecret }))).toMatchObject({ resetCode: 'TOKEN_INVALID' });
    expect(
      await resetErrorOf(callerFor(rebound).passwordReset.complete({ token: shopSecret, password: 'stolen harbour night 3' })),
    ).toMatchObject({
      resetCode: 'TOKEN_INVALID',
    });
    const teenQuotes = await completePasswordResetForAccount(
      ports,
      { email: 'jane@example.com', token: shopSecret, password: 'stolen harbour night 3' },
      requester,
      { clientId: rebound.id },
      REVEAL,
    );
    expect(teenQuotes).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await directories.forum.verifyPassword(userId, 'forum passphrase 1')).toBe(true);
    expect(await directories.shop.verifyPassword(userId, 'shop passphrase 1')).toBe(true);
    // Bound back, the link works again: it was never consumed.
    ports.clients.register(shop);
    expect(await page.passwordReset.complete({ token: shopSecret, password: 'bright lantern evening 9' })).toEqual({ completed: true });
    expect(await directories.shop.verifyPassword(userId, 'bright lantern evening 9')).toBe(true);
  });

  it("asks for the account while it asks for the client, and drops the account's answer, even a failure, for a re-bound client", async () => {
    const { ports, directories, shop, mailedBy } = await twoDirectories();
    const secret = await mailedBy(shop, 'link');
    const findAccount = directories.shop.findById.bind(directories.shop);
    let accountAsked = () => {};
    const asked = new Promise<void>((resolve) => (accountAsked = resolve));
    directories.shop.findById = (userId) => {
      accountAsked();
      return findAccount(userId);
    };
    const findClient = ports.clients.findById.bind(ports.clients);
    // The client's answer waits for the account's question: looked up one after the other, they would never meet.
    ports.clients.findById = async (clientId) => {
      const alone = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the client was looked up alone')), 2_000));
      await Promise.race([asked, alone]);
      return findClient(clientId);
    };
    expect(await findActiveReset(ports, secret)).toMatchObject({ ok: true, value: { user: { email: 'jane@example.com' } } });

    const down = new DependencyUnavailableError('user directory "shop"');
    directories.shop.findById = () => Promise.reject(down);
    await expect(findActiveReset(ports, secret)).rejects.toBe(down);
    ports.clients.register({ ...shop, directory: 'forum' });
    expect(await findActiveReset(ports, secret)).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
  });

  it('answers a secret of a directory the configuration dropped 503 while its client is bound there, TOKEN_INVALID once re-bound', async () => {
    const { ports, shop, mailedBy } = await twoDirectories();
    const secret = await mailedBy(shop, 'link');
    const named = ports.users.named.bind(ports.users);
    const asked: string[] = [];
    ports.users.named = (directory) => {
      asked.push(directory);
      if (directory === 'shop') throw new DependencyUnavailableError('user directory "shop"');
      return named(directory);
    };
    await expect(findActiveReset(ports, secret)).rejects.toBeInstanceOf(DependencyUnavailableError);
    ports.clients.register({ ...shop, directory: 'forum' });
    expect(await findActiveReset(ports, secret)).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    // Only the secret's own directory was ever named: the forum's was not asked for the shop's user.
    expect(new Set(asked)).toEqual(new Set(['shop']));
  });

  it('keeps temporary passwords apart: a code of one directory’s user 1 is no code of the other’s', async () => {
    const { ports, directories, shop, forum, userId, mailedBy } = await twoDirectories();
    const shopCode = await mailedBy(shop, 'temporary-password');
    const forumCode = await mailedBy(forum, 'temporary-password');
    const complete = (temporaryPassword: string, client: typeof shop, password: string) =>
      completeTemporaryPasswordReset(
        ports,
        { temporaryPassword, email: 'jane@example.com', password },
        requester,
        { clientId: client.id },
        REVEAL,
      );
    // The forum's route, naming its own Jane, with the shop's code: a wrong code, never a reset of either.
    expect(await complete(shopCode, forum, 'stolen harbour night 3')).toEqual({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await complete(forumCode, forum, 'quiet river morning 7')).toEqual({ ok: true, value: { completed: true } });
    expect(await directories.forum.verifyPassword(userId, 'quiet river morning 7')).toBe(true);
    expect(await directories.shop.verifyPassword(userId, 'shop passphrase 1')).toBe(true);
    // The shop re-bound to the forum's directory: its code, given alone, names a user of a directory it no longer has.
    ports.clients.register({ ...shop, directory: 'forum' });
    const alone = { temporaryPassword: shopCode, password: 'stolen harbour night 3' };
    expect(await completeTemporaryPasswordReset(ports, alone, requester, { clientId: shop.id }, REVEAL)).toEqual({
      ok: false,
      error: { code: 'TOKEN_INVALID' },
    });
    ports.clients.register(shop);
    // Revoking the forum's user 1's codes left the shop's user 1's code alive.
    expect(await complete(shopCode, shop, 'bright lantern evening 9')).toEqual({ ok: true, value: { completed: true } });
  });

  it('answers 503 for a client bound to a directory the deployment does not have, and guesses no other', async () => {
    const { ports, shop } = await twoDirectories();
    const orphan = { ...shop, id: 'cl_orphan', directory: 'gone' };
    ports.clients.register(orphan);
    await expect(
      requestLegacyPasswordReset(ports, orphan, { email: 'jane@example.com', delivery: 'link' }, requester, REVEAL),
    ).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(() => ports.users.named('gone')).toThrow(DependencyUnavailableError);
    expect(() => ports.users.named('constructor')).toThrow(DependencyUnavailableError);
  });

  it('asks the directory for the address as the caller spelled it, trimmed; throttles and the audit keep the normalised one', async () => {
    const asked: string[] = [];
    const directory = inMemoryUserDirectory();
    const recording = { ...directory, findByEmail: (email: string) => (asked.push(email), directory.findByEmail(email)) };
    const ports = createInMemoryResetPorts({ directories: { default: recording } });
    const client = testResetClient({ legacyApis: ['teenquotes'] });
    ports.clients.register(client);
    await directory.addUser({ email: 'Jane.Doe@Example.com', password: 'old passphrase 1' });
    await appRouter.createCaller(testResetApiContext(ports, { client })).passwordReset.request({ email: ' Jane.Doe@Example.com ' });
    expect(ports.jobs.queued).toEqual([expect.objectContaining({ email: 'jane.doe@example.com', address: 'Jane.Doe@Example.com' })]);
    expect(await runQueuedJobs(ports, ports.jobs)).toEqual([expect.objectContaining({ outcome: 'mail-sent' })]);
    await requestLegacyPasswordReset(ports, client, { email: ' Jane.Doe@Example.com\t', delivery: 'link' }, requester, REVEAL);
    expect(asked).toEqual(['Jane.Doe@Example.com', 'Jane.Doe@Example.com']);
    expect(await ports.audit.entriesForEmail('jane.doe@example.com')).toHaveLength(2);
    // An address already in its normalised form is not repeated in the job.
    await requestLegacyPasswordReset(ports, client, { email: 'jane.doe@example.com', delivery: 'link' }, requester, REVEAL);
    expect(ports.jobs.queued.at(-1)).not.toHaveProperty('address');
  });
});
