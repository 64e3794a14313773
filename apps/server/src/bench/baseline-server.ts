/**
 * The yardsticks for `pnpm bench`, doing the least a reset request could do — parse a JSON body,
 * one Redis SET, answer: `POST /baseline` in bare express 5 (for the legacy routes), and
 * `POST /trpc/baseline`, a minimal tRPC procedure validating `{email}` with zod (for the tRPC
 * API: the same express + tRPC stack, without our work). Run by bench/main.ts as its own process.
 */
import { once } from 'node:events';
import { initTRPC } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import { z } from 'zod';
import { loadBaselineServerConfig } from '../config/baseline-server-config.js';
import { connectRedis, createRequestPathRedis } from '../redis/create-redis-client.js';

const config = loadBaselineServerConfig();
if (!config) {
  process.stderr.write('baseline-server needs PORT and REDIS_URL\n');
  process.exit(2);
}
const { port, redisUrl } = config;

// The same client settings as the real server, so the comparison measures the app, not the client.
const redis = createRequestPathRedis({ url: redisUrl, connectionName: 'pwreset-bench-baseline' });
await connectRedis(redis);

let counter = 0;
const app = express();
app.disable('x-powered-by');
// 16 kB like the real route's MAX_BODY_BYTES; the parse is part of what we compare.
app.use(express.json({ limit: '16kb' }));
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.post('/baseline', async (req, res) => {
  const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
  if (typeof email !== 'string') {
    res.status(400).json({ accepted: false });
    return;
  }
  counter += 1;
  await redis.set(`bench:${counter}`, email);
  res.json({ accepted: true });
});

const t = initTRPC.create();
const baselineRouter = t.router({
  baseline: t.procedure
    .input(z.object({ email: z.string().email() }))
    .output(z.object({ accepted: z.boolean() }))
    .mutation(async ({ input }) => {
      counter += 1;
      await redis.set(`bench:${counter}`, input.email);
      return { accepted: true };
    }),
});
app.use('/trpc', createExpressMiddleware({ router: baselineRouter }));

const server = app.listen(port, '127.0.0.1');
await once(server, 'listening');

process.on('SIGTERM', () => {
  server.close();
  server.closeIdleConnections();
  void redis.quit().finally(() => process.exit(0));
});
