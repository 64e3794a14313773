import { once } from 'node:events';
import { clientsBoundToUnknownDirectories } from './clients/clients-bound-to-unknown-directories.js';
import { composeServer, startWorker } from './compose-server.js';
import { exitWithConfigurationProblems, loadConfigOrExit } from './config/load-config.js';
import { describeListenError } from './http/describe-listen-error.js';
import { drainAndCloseListener } from './http/drain-listener.js';
import { createServerWithRequestTimeouts } from './http/server-with-request-timeouts.js';
import { createLogger } from './logger.js';
import { watchSendGridKey } from './mail/mail-readiness.js';
import { checkSendGridKey } from './mail/sendgrid-key-check.js';
import { startMetricsServerOrExit, stopMetricsServer } from './metrics/metrics-server.js';
import { countRedisCommandErrors } from './metrics/redis-command-errors.js';
import { createServiceMetrics } from './metrics/service-metrics.js';
import { connectAtStartOrExit } from './redis/connect-at-start.js';
import { redisConnectionFactory } from './redis/redis-connection-factory.js';
import { exitUnlessRedisIsDurable } from './redis/redis-durability-check.js';
import { everyNode } from './redis/every-node.js';
import { setPasswordHashConcurrency } from './users/password-hashes/index.js';

const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel });
if (config.usesDevelopmentPepper)
  logger.warn('neither TOKEN_PEPPER nor TOKEN_PEPPERS is set: using the development pepper; set one outside development');
// Completions hash passwords: at most this many at once, so the event loop keeps a core (password-hash-slots.ts).
setPasswordHashConcurrency(config.passwordHashConcurrency);

const metrics = createServiceMetrics();
countRedisCommandErrors(metrics);
const redisConnections = redisConnectionFactory(config.redis);
const redis = redisConnections.requestPath('pwreset-server');
// Redis away is logged once per outage, with a count at its end (composePorts' outage log), not per reconnect.
redis.on('error', () => undefined);
await connectAtStartOrExit(redis, config.redis, logger);
// An evicting Redis deletes clients, users and queued mail unseen: refused in production (README "Running Redis in production").
await exitUnlessRedisIsDurable(everyNode(redis), { production: config.nodeEnv === 'production', logger });

// A revoked key would park every mail while each reset is still answered `accepted`: /readyz must know.
const sendgrid = config.sendgrid;
const sendGridKey = sendgrid
  ? watchSendGridKey({
      check: () => checkSendGridKey(sendgrid),
      intervalMs: config.mailKeyCheckIntervalMs,
      logger,
    })
  : null;
let stopping = false;
const composed = composeServer({
  config,
  redis,
  logger,
  metrics,
  ...(sendGridKey ? { mailReadiness: () => sendGridKey.current() } : {}),
  stopping: () => stopping,
  onDevelopmentResetLink: (to, link) => process.stdout.write(`\n[dev outbox] reset link for ${to}:\n  ${link}\n\n`),
});
// Clients live in Redis, so their bindings are checked once connected, before serving anything.
const unboundClients = await clientsBoundToUnknownDirectories(composed.clients, composed.directories.names);
if (unboundClients.length > 0) exitWithConfigurationProblems(unboundClients);
// By default this process also sends the mail; MAIL_WORKER=false when workers run apart (`pnpm worker`).
const worker = config.mailWorkerInProcess ? startWorker(config, composed, logger, metrics) : null;
const { app, jobs } = composed;

// REQUEST_TIMEOUT: a client that sends its request slowly (slowloris) gets 408 instead of a connection for minutes.
const server = createServerWithRequestTimeouts(app, { requestTimeoutMs: config.requestTimeoutMs }).listen(config.port, config.host);
try {
  await once(server, 'listening');
} catch (error) {
  // A port in use is an operator's everyday mistake: one line that says what to do, not a stack.
  process.stderr.write(`error: ${describeListenError(error, config.host, config.port)}\n`);
  process.exit(1);
}
// METRICS_PORT set: /metrics on a listener of its own (else createApp serves it on PORT).
const metricsServer =
  config.metrics.port === null
    ? null
    : await startMetricsServerOrExit(
        { port: config.metrics.port, host: config.host, metrics, token: config.metrics.token, requestTimeoutMs: config.requestTimeoutMs },
        'METRICS_PORT',
      );
const address = server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
logger.info(
  {
    host: config.host,
    port,
    mail: config.sendgrid ? 'sendgrid' : `outbox ${config.mailOutboxDir}`,
    worker: worker ? 'in-process' : 'separate',
  },
  'listening',
);

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  // From here /readyz answers 503 `stopping`, while the listener still serves for the drain.
  stopping = true;
  const { drainMs, deadlineMs } = config.shutdown;
  logger.info(
    { signal, drainSeconds: drainMs / 1000, deadlineSeconds: deadlineMs / 1000 },
    'shutting down: /readyz answers 503; the listener closes after the drain, then requests and running jobs finish',
  );
  // A stuck connection or job must not keep a terminating pod alive forever.
  setTimeout(() => {
    logger.error({ deadlineSeconds: deadlineMs / 1000 }, 'shutdown deadline (SHUTDOWN_DEADLINE) reached: exiting with work unfinished');
    process.exit(1);
  }, deadlineMs).unref();
  sendGridKey?.stop();
  await drainAndCloseListener(server, drainMs).catch(() => undefined);
  if (metricsServer) stopMetricsServer(metricsServer);
  // Jobs already queued stay in Redis for the next worker; the running ones finish first (within
  // the deadline), unless Redis is gone, when there is nothing to wait for.
  const redisUp = redis.status === 'ready';
  const jobsClosed = Promise.all([worker?.close(), jobs.close()]);
  await (redisUp ? jobsClosed : Promise.race([jobsClosed, new Promise((resolve) => setTimeout(resolve, 500))]));
  await composed.directories.close();
  if (redisUp) await redis.quit().catch(() => undefined);
  else redis.disconnect();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
