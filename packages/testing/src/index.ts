export { findFreePort } from './free-port.js';
export { startPrivateRedis, type PrivateRedis, type PrivateRedisOptions } from './redis-server.js';
export { waitUntilHealthy } from './wait-until-healthy.js';
export { startPrivateRedisSentinel, type Failover, type PrivateRedisSentinel, type SentinelAddress } from './redis-sentinel.js';
export {
  startPrivateRedisCluster,
  type PrivateRedisCluster,
  type PrivateRedisClusterNode,
  type PrivateRedisClusterOptions,
} from './redis-cluster.js';
export { startRoundTripProxy, type RoundTripProxy } from './round-trip-proxy.js';
