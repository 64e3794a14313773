import { createServer, Socket, type Server } from 'node:net';
import { Writable } from 'node:stream';
import { startPrivateRedis, type PrivateRedis } from '@pwreset/testing';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUserDirectories } from '../config/user-directories/load-user-directories.js';
import { DirectoryUnavailableError } from '../directories/directory-unavailable-error.js';
import { TM_USER_TABLE } from '../directories/testing/sql-table-shapes.js';
import { createTemporaryPostgresDatabase, type TemporarySqlDatabase } from '../directories/testing/temporary-sql-databases.js';
import { createOutageLog } from '../observability/outage-log.js';
import { connectRedis, createRequestPathRedis } from '../redis/create-redis-client.js';
import { redisKeys } from '../redis/redis-keys.js';
import { createUserDirectoryRegistry, type UserDirectoryRegistry } from './user-directory-registry.js';

// Issue 13, point 7, for a user directory: while a PostgreSQL directory cannot be reached every
// call is refused (DirectoryUnavailableError, 503), and the log says so once, keyed by the
// directory's name, then once with the count when it answers again.

const REFUSED_CALLS = 8;

/** A TCP forwarder to PostgreSQL that can drop every connection and refuse new ones, then recover. */
async function startCuttableLink(targetPort: number): Promise<{ port: number; cut(): void; restore(): void; close(): Promise<void> }> {
  let cut = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (cut) return void client.destroy();
    const upstream = new Socket();
    sockets.add(client).add(upstream);
    const forget = () => {
      sockets.delete(client);
      sockets.delete(upstream);
    };
    upstream.connect(targetPort, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    for (const socket of [client, upstream]) socket.on('error', () => socket.destroy()).on('close', forget);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      cut = false;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('a directory outage is one warn line each way', () => {
  let privateRedis: PrivateRedis;
  let redis: Redis;
  let postgres: TemporarySqlDatabase;
  let link: Awaited<ReturnType<typeof startCuttableLink>>;
  let registry: UserDirectoryRegistry;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    privateRedis = await startPrivateRedis();
    redis = createRequestPathRedis({ url: privateRedis.url, connectionName: 'directory-outage-test' });
    redis.on('error', () => undefined);
    await connectRedis(redis);
    postgres = await createTemporaryPostgresDatabase();
    await postgres.execute(TM_USER_TABLE.postgres);
    link = await startCuttableLink(Number(new URL(postgres.url).port || 5432));
    const linked = new URL(postgres.url);
    linked.port = String(link.port);
    const parsed = parseUserDirectories(
      {
        trafficops: {
          kind: 'postgres',
          url: { env: 'TO_DATABASE_URL' },
          table: 'tm_user',
          columns: { id: 'id', email: 'email', password: 'local_passwd', name: 'full_name' },
          emailMatch: 'case-insensitive',
          passwordHash: 'trafficops-scrypt',
          onPasswordChange: { token: null },
        },
      },
      { TO_DATABASE_URL: linked.toString() },
    );
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
          done();
        },
      }),
    );
    registry = createUserDirectoryRegistry({
      directories: parsed.directories,
      redis,
      keys: redisKeys('directory-outage-test'),
      logger,
      outages: createOutageLog(logger),
    });
  });
  afterAll(async () => {
    await registry?.close();
    await link?.close();
    await postgres?.drop();
    redis?.disconnect();
    await privateRedis?.stop();
  });

  it('warns once when it goes away and once with the count when it is back, never an error', async () => {
    const directory = () => registry.named('trafficops');
    expect(await directory().findByEmail('nobody@example.com')).toBeNull();
    expect(lines.filter((line) => line.outage !== undefined)).toEqual([]);

    link.cut();
    for (let call = 0; call < REFUSED_CALLS; call += 1)
      await expect(directory().findByEmail('nobody@example.com')).rejects.toBeInstanceOf(DirectoryUnavailableError);
    link.restore();
    expect(await directory().findByEmail('nobody@example.com')).toBeNull();

    const outage = lines.filter((line) => line.outage !== undefined);
    expect(outage.map((line) => [line.level, line.dependency, line.outage, line.refusedCalls])).toEqual([
      [40, 'user directory "trafficops"', 'started', undefined],
      [40, 'user directory "trafficops"', 'ended', REFUSED_CALLS],
    ]);
    expect(outage[0]?.msg).toBe('user directory "trafficops" unavailable: answering 503');
    expect(outage[1]?.msg).toMatch(
      new RegExp(`^user directory "trafficops" available again after ${REFUSED_CALLS} refused calls over \\d+(\\.\\d)? s$`),
    );
    expect(lines.filter((line) => Number(line.level) > 40)).toEqual([]);
  });
});
