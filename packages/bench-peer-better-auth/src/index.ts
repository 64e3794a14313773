// Only what the bench needs to start and drive the peer: importing this loads no better-auth.
export { HEALTH_PATH, MAIL_COUNT_PATH, PEER_SERVER_SCRIPT, REQUEST_PASSWORD_RESET_PATH, peerUserEmail } from './peer-addresses.js';
export type { PeerEnvironment } from './peer-environment.js';
