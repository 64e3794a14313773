// Only what the bench needs to start and drive the peer: importing this loads no better-auth.
export { HEALTH_PATH, PEER_SERVER_SCRIPT, PEER_STATS_PATH, REQUEST_PASSWORD_RESET_PATH, peerUserEmail } from './peer-addresses.js';
export type { PeerEnvironment } from './peer-environment.js';
export { peerStatsSchema, type PeerStats } from './peer-stats.js';
