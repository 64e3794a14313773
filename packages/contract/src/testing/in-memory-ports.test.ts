import {
  describeAuditLogConformance,
  describeClientDirectoryConformance,
  describeDisputeStoreConformance,
  describeJobQueueConformance,
  describeMailerConformance,
  describeRateLimitsConformance,
  describeResetCodeFlowStoreConformance,
  describeResetRequestIntakeConformance,
  describeResetLockedIssueConformance,
  describeResetTokenStoreConformance,
  describeTemporaryPasswordStoreConformance,
  describeUserDirectoryConformance,
  EMBEDDED_USER_DIRECTORY_RULES,
} from './conformance/index.js';
import { controllableClock } from './controllable-clock.js';
import { inMemoryAuditLog } from './in-memory-audit-log.js';
import { inMemoryDisputeStore } from './in-memory-dispute-store.js';
import { inMemoryClientDirectory, TEST_HOSTED_RESET_PAGE_URL, testResetClient } from './in-memory-client-directory.js';
import { inMemoryJobQueue } from './in-memory-job-queue.js';
import { inMemoryRateLimits } from './in-memory-rate-limits.js';
import { inMemoryResetCodeFlowStore } from './in-memory-reset-code-flow-store.js';
import { inMemoryResetTokenStore } from './in-memory-reset-token-store.js';
import { inMemoryTemporaryPasswordStore } from './in-memory-temporary-password-store.js';
import { inMemoryUserDirectory } from './in-memory-user-directory.js';
import { recordingMailer } from './recording-mailer.js';
import { sequentialIntake } from '../engine/reset-request-intake-port.js';

// The same suites run against the Redis, BullMQ, SendGrid and outbox adapters in apps/server.

describeResetTokenStoreConformance('in memory', async (options) =>
  inMemoryResetTokenStore({ ...options, resetLocks: inMemoryDisputeStore(options) }),
);

describeResetLockedIssueConformance('in memory', async ({ clock }) => {
  const disputes = inMemoryDisputeStore({ clock });
  return { disputes, tokens: inMemoryResetTokenStore({ clock, resetLocks: disputes }) };
});

describeTemporaryPasswordStoreConformance('in memory', async (options) => inMemoryTemporaryPasswordStore(options));

describeResetCodeFlowStoreConformance('in memory', async (options) => inMemoryResetCodeFlowStore(options));

describeDisputeStoreConformance('in memory', async (options) => inMemoryDisputeStore(options));

describeUserDirectoryConformance('in memory', EMBEDDED_USER_DIRECTORY_RULES, async () => {
  const users = inMemoryUserDirectory();
  return {
    users,
    async seed({ disabled, ...user }) {
      const added = await users.addUser(user);
      if (!added.created) throw new Error(`${user.email} is taken`);
      if (disabled) await users.setDisabled(added.userId, true);
      return added.userId;
    },
  };
});

describeClientDirectoryConformance('in memory', async () => {
  const clients = inMemoryClientDirectory();
  let registered = 0;
  return {
    clients,
    async register({ name, resetUrls, ttlSeconds, minPasswordLength, legacyApis, webhookUrl }) {
      registered += 1;
      const id = `cl_test${registered}`;
      clients.register(
        testResetClient({
          id,
          name,
          resetUrls: [...resetUrls, TEST_HOSTED_RESET_PAGE_URL],
          resetTokenTtlSeconds: ttlSeconds,
          passwordPolicy: { minLength: minPasswordLength, maxLength: 128 },
          legacyApis,
          ...(webhookUrl === undefined ? {} : { webhookUrl }),
        }),
      );
      return id;
    },
    revoke: async (clientId) => clients.revoke(clientId),
  };
});

describeRateLimitsConformance('in memory', async (settings) => {
  const hour = (points: number) => ({ points, durationSeconds: 3600 });
  const limits = inMemoryRateLimits({
    clock: controllableClock(),
    requestsPerAddress: hour(settings.requestsPerAddress),
    requestsPerClient: hour(settings.requestsPerClient),
    requestsPerIp: hour(settings.requestsPerIp),
    secretAttemptsPerIp: hour(settings.secretAttemptsPerIp),
    maxFailedAttemptsPerSecret: settings.maxFailedAttemptsPerSecret,
  });
  return { limits, makeUnavailable: async () => limits.setUnavailable(true) };
});

// The engine's own sequence over the three in-memory ports: what a one-step intake must equal.
describeResetRequestIntakeConformance('the three in-memory ports in turn', async (settings) => {
  const hour = (points: number) => ({ points, durationSeconds: 3600 });
  const clock = controllableClock();
  const limits = inMemoryRateLimits({
    clock,
    requestsPerAddress: hour(settings.requestsPerAddress),
    requestsPerClient: hour(settings.requestsPerClient),
    requestsPerIp: hour(settings.requestsPerIp),
  });
  const jobs = inMemoryJobQueue();
  const audit = inMemoryAuditLog({ clock });
  return {
    intake: sequentialIntake({ limits, jobs, audit }),
    queued: async () => [...jobs.queued],
    audited: async () => [...audit.entries],
    makeUnavailable: async () => limits.setUnavailable(true),
  };
});

describeAuditLogConformance('in memory', async () => {
  const audit = inMemoryAuditLog({ clock: controllableClock() });
  return {
    audit,
    entries: async () => [...audit.entries],
    entriesForEmail: (email) => audit.entriesForEmail(email),
    makeUnavailable: async () => audit.setUnavailable(true),
  };
});

describeJobQueueConformance('in memory', async () => {
  const queue = inMemoryJobQueue();
  return { queue, queued: async () => [...queue.queued], makeUnavailable: async () => queue.setUnavailable(true) };
});

describeMailerConformance('in memory', async ({ refusing }) => {
  const mailer = recordingMailer();
  mailer.setRefusing(refusing);
  return { mailer, delivered: async () => mailer.sent.map(({ mail }) => ({ to: mail.to, content: JSON.stringify(mail) })) };
});
