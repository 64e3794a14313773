/** The peer's process, as the bench starts it: the environment in, a server out, SIGTERM to stop. */
import { readPeerEnvironment } from './peer-environment.js';
import { startPeerServer } from './peer-server.js';

const environment = readPeerEnvironment(process.env);
const server = await startPeerServer({
  host: environment.HOST,
  port: environment.PORT,
  redisUrl: environment.REDIS_URL,
  sqliteFile: environment.SQLITE_FILE,
  users: environment.PEER_USERS,
  secret: environment.BETTER_AUTH_SECRET,
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close().finally(() => process.exit(0)));
}
