import { clientsBoundToUnknownDirectories } from './clients/clients-bound-to-unknown-directories.js';
import { composePorts, startWorker } from './compose-server.js';
import { exitWithConfigurationProblems, loadConfigOrExit } from './config/load-config.js';
import { createLogger } from './logger.js';
import { startMetricsServerOrExit, stopMetricsServer } from './metrics/metrics-server.js';
import { countRedisCommandErrors } from './metrics/redis-command-errors.js';
import { createServiceMetrics } from './metrics/service-metrics.js';
import { connectAtStartOrExit } from './redis/connect-at-start.js';
import { redisConnectionFactory } from './redis/redis-connection-factory.js';
import { exitUnlessRedisIsDurable } from './redis/redis-durability-check.js';
import { everyNode } from './redis/every-node.js';

// `pnpm worker`: a mail worker on its own, for operators who scale it apart from the
// server (run the servers with MAIL_WORKER=false). Same environment as the server.
const config = loadConfigOrExit();
const logger = createLogger({ level: config.logLevel });
const metrics = createServiceMetrics();
countRedisCommandErrors(metrics);
const redisConnections = redisConnectionFactory(config.redis);
const redis = redisConnections.requestPath('pwreset-worker-ports');
// Redis away is logged once per outage, with a count at its end (composePorts' outage log), not per reconnect.
redis.on('error', () => undefined);
await connectAtStartOrExit(redis, config.redis, logger);
// An evicting Redis deletes clients, users and queued mail unseen: refused in production (README "Running Redis in production").
await exitUnlessRedisIsDurable(everyNode(redis), { production: config.nodeEnv === 'production', logger });
const composed = composePorts({ config, redis, logger, metrics });
// As the server does: a job of a client bound to an unknown directory could never be delivered right.
const unboundClients = await clientsBoundToUnknownDirectories(composed.clients, composed.directories.names);
if (unboundClients.length > 0) exitWithConfigurationProblems(unboundClients);
const worker = startWorker(config, composed, logger, metrics);
// The delivery and unknown-account counters are counted here, so the worker has a /metrics of its own.
const metricsServer = await startMetricsServerOrExit(
  { port: config.metrics.workerPort, host: config.host, metrics, token: config.metrics.token, requestTimeoutMs: config.requestTimeoutMs },
  'WORKER_METRICS_PORT',
);
const metricsAddress = metricsServer.address();
logger.info(
  {
    mail: config.sendgrid ? 'sendgrid' : `outbox ${config.mailOutboxDir}`,
    metricsPort: typeof metricsAddress === 'object' && metricsAddress ? metricsAddress.port : config.metrics.workerPort,
  },
  'worker started',
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'worker stopping: finishing running jobs');
  // The server's bound (SHUTDOWN_DEADLINE): a stuck job must not keep a terminating pod alive forever.
  setTimeout(() => {
    logger.error(
      { deadlineSeconds: config.shutdown.deadlineMs / 1000 },
      'shutdown deadline (SHUTDOWN_DEADLINE) reached: exiting with work unfinished',
    );
    process.exit(1);
  }, config.shutdown.deadlineMs).unref();
  stopMetricsServer(metricsServer);
  await worker.close();
  await composed.jobs.close();
  await composed.directories.close();
  await redis.quit().catch(() => undefined);
  logger.info('worker stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
