import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { Redis } from 'ioredis';
import { HEALTH_PATH, PEER_STATS_PATH } from './peer-addresses.js';
import { createPeerAuth } from './peer-auth.js';
import { betterAuthVersion, type PeerStats } from './peer-stats.js';
import { seedPeerUsers } from './seed-peer-users.js';

export interface PeerServerOptions {
  readonly host: string;
  /** 0 for any free port. */
  readonly port: number;
  readonly redisUrl: string;
  readonly sqliteFile: string;
  readonly users: number;
  readonly secret: string;
}

export interface PeerServer {
  readonly url: string;
  /** Reset mails handed to the no-op callback so far. */
  readonly mails: () => number;
  close(): Promise<void>;
}

/**
 * better-auth behind node's own HTTP server (its `toNodeHandler`), with its schema migrated by its
 * own `getMigrations` and `users` accounts seeded before the first request is taken.
 */
export async function startPeerServer({ host, port, redisUrl, sqliteFile, users, secret }: PeerServerOptions): Promise<PeerServer> {
  const database = new Database(sqliteFile);
  // WAL, as better-sqlite3 recommends for a server: readers do not wait on the writer.
  database.pragma('journal_mode = WAL');
  const redis = new Redis(redisUrl);
  let mails = 0;
  let server: Server | undefined;
  try {
    // The base URL names the port, so the server listens first and takes requests once set up.
    server = createServer();
    await new Promise<void>((resolve, reject) => {
      server?.once('error', reject);
      server?.listen(port, host, () => resolve());
    });
    const { port: boundPort } = server.address() as AddressInfo;
    const url = `http://${host}:${boundPort}`;
    const { auth, options } = createPeerAuth({ database, redis, baseURL: url, secret, onResetMail: () => (mails += 1) });
    const { runMigrations } = await getMigrations(options);
    await runMigrations();
    await seedPeerUsers(auth, users);
    const version = await betterAuthVersion();
    const handleAuth = toNodeHandler(auth);
    server.on('request', (request, response) => {
      if (request.url === HEALTH_PATH) return void response.writeHead(200).end('ok');
      if (request.url === PEER_STATS_PATH) {
        const stats: PeerStats = { version, mails };
        return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
      }
      void handleAuth(request, response);
    });
    const listening = server;
    return {
      url,
      mails: () => mails,
      async close() {
        await new Promise<void>((resolve) => listening.close(() => resolve()));
        redis.disconnect();
        database.close();
      },
    };
  } catch (error) {
    server?.close();
    redis.disconnect();
    database.close();
    throw error;
  }
}
