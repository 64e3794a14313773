export { findFreePort } from './free-port.js';
export { startPrivateRedis, type PrivateRedis } from './redis-server.js';
export { waitUntilHealthy } from './wait-until-healthy.js';
