import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@pwreset/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TM_USER_TABLE } from '../src/directories/testing/sql-table-shapes.js';
import { createTemporaryPostgresDatabase, type TemporarySqlDatabase } from '../src/directories/testing/temporary-sql-databases.js';
import { startTestServer, type TestServer } from './support/test-server.js';

type RunningTestServer = Awaited<ReturnType<typeof startTestServer>>;

/** A Traffic Ops directory at `url`, bounded at one second (unless told) so that a dead one is found out fast. */
function trafficOpsDirectory(url: string, statementTimeout = '1s') {
  return {
    kind: 'postgres',
    url,
    table: 'tm_user',
    columns: { id: 'id', email: 'email', password: 'local_passwd' },
    emailMatch: 'case-insensitive',
    passwordHash: 'trafficops-scrypt',
    statementTimeout,
  };
}

async function readiness(server: TestServer): Promise<{ status: number; text: string; body: unknown }> {
  const response = await fetch(`${server.url}/readyz`);
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) };
}

describe('/readyz reports every user directory by name', () => {
  let folder: string;
  let live: TemporarySqlDatabase;
  let droppedUrl: string;
  let closedPortUrl: string;
  const servers: RunningTestServer[] = [];

  async function serverWith(directories: Record<string, unknown>): Promise<RunningTestServer> {
    const file = join(folder, `directories-${servers.length}.json`);
    await writeFile(file, JSON.stringify(directories));
    const server = await startTestServer({ USER_DIRECTORIES_FILE: file });
    servers.push(server);
    return server;
  }

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'pwreset-readyz-'));
    live = await createTemporaryPostgresDatabase();
    await live.execute(TM_USER_TABLE.postgres);
    const dropped = await createTemporaryPostgresDatabase();
    droppedUrl = dropped.url;
    await dropped.drop();
    closedPortUrl = `postgres://postgres:do-not-show-this@127.0.0.1:${await findFreePort()}/trafficops`;
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    await live?.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('is ready (200) when Redis and every directory answer', async () => {
    const server = await serverWith({ default: { kind: 'redis' }, trafficops: trafficOpsDirectory(live.url) });
    expect(await readiness(server)).toMatchObject({
      status: 200,
      body: { status: 'ready', redis: 'ok', directories: { default: 'ok', trafficops: 'ok' } },
    });
  });

  it('is degraded but stays 200 when a directory’s database is dropped or its port is closed, and names no URL', async () => {
    const server = await serverWith({
      default: { kind: 'redis' },
      trafficops: trafficOpsDirectory(live.url),
      dropped: trafficOpsDirectory(droppedUrl),
      closed: trafficOpsDirectory(closedPortUrl),
    });
    const answer = await readiness(server);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: 'degraded',
      redis: 'ok',
      mail: 'outbox',
      directories: { default: 'ok', trafficops: 'ok', dropped: 'unavailable', closed: 'unavailable' },
    });
    for (const leak of ['postgres://', 'do-not-show-this', droppedUrl.split('/').pop()!, '127.0.0.1', 'ECONNREFUSED', '3D000']) {
      expect(answer.text).not.toContain(leak);
    }
  });

  it('does not wait for a directory that hangs past the balancer’s patience: degraded within about two seconds', async () => {
    // Accepts connections and never says a word, as a wedged database host does.
    const held: Socket[] = [];
    const silent: Server = createServer((socket) => held.push(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    try {
      const port = (silent.address() as AddressInfo).port;
      const server = await serverWith({
        default: { kind: 'redis' },
        wedged: trafficOpsDirectory(`postgres://postgres@127.0.0.1:${port}/trafficops`, '20s'),
      });
      const started = Date.now();
      const answer = await readiness(server);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(answer).toMatchObject({ status: 200, body: { status: 'degraded', directories: { default: 'ok', wedged: 'unavailable' } } });
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });

  it('answers 503 when Redis is down, whatever the directories', async () => {
    const server = await serverWith({ default: { kind: 'redis' }, trafficops: trafficOpsDirectory(live.url) });
    expect((await readiness(server)).status).toBe(200);
    // The worker first: it would only retry its connection meanwhile (and hold up the close).
    await server.stopWorker();
    await server.privateRedis.stop();
    expect(await readiness(server)).toMatchObject({ status: 503, body: { status: 'unavailable', redis: 'unreachable' } });
  });
});
