import { z } from 'zod';

/** One Redis Cluster node or Sentinel, as `host:port` (an IPv6 host in brackets: `[::1]:26379`). */
export interface RedisNodeAddress {
  readonly host: string;
  readonly port: number;
}

/** Credentials and transport shared by the cluster and Sentinel modes (REDIS_URL carries its own). */
export interface RedisAuthenticationSettings {
  /** REDIS_USERNAME (an ACL user); unset: the `default` user. */
  readonly username?: string;
  /** REDIS_PASSWORD. */
  readonly password?: string;
  /** REDIS_TLS=true: every connection, to every node (and every Sentinel), is TLS. */
  readonly tls: boolean;
}

/** How the process reaches Redis: exactly one of REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS. */
export type RedisConnectionSettings =
  | { readonly mode: 'single'; readonly url: string }
  | ({ readonly mode: 'cluster'; readonly nodes: readonly RedisNodeAddress[] } & RedisAuthenticationSettings)
  | ({
      readonly mode: 'sentinel';
      readonly sentinels: readonly RedisNodeAddress[];
      /** REDIS_SENTINEL_NAME: the master's name as the Sentinels know it. */
      readonly masterName: string;
    } & RedisAuthenticationSettings);

const NODE_PATTERN = /^(?:\[(?<ipv6>[0-9a-fA-F:.]+)\]|(?<host>[A-Za-z0-9.-]+)):(?<port>\d{1,5})$/;

/** `host:port,host:port,...` → addresses; every entry needs its port, since a cluster's and a Sentinel's differ. */
export const redisNodeListSchema = z.string().transform((text, ctx) => {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const nodes: RedisNodeAddress[] = [];
  for (const entry of entries) {
    const match = NODE_PATTERN.exec(entry);
    const port = Number(match?.groups?.port);
    const host = match?.groups?.ipv6 ?? match?.groups?.host;
    if (!host || !Number.isInteger(port) || port < 1 || port > 65_535) {
      ctx.addIssue({
        code: 'custom',
        message: `must list host:port entries separated by commas, got ${JSON.stringify(entry.slice(0, 60))}`,
      });
      return z.NEVER;
    }
    nodes.push({ host, port });
  }
  if (nodes.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'must list at least one host:port' });
    return z.NEVER;
  }
  return nodes;
});

const MODE_VARIABLES = ['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'] as const;

/**
 * Problems of the mode variables themselves, on the raw environment (REDIS_URL has a default, so the
 * parsed value cannot tell whether it was set): more than one mode, or Sentinels without a master name.
 */
export function redisModeProblems(environment: Readonly<Record<string, string | undefined>>): string[] {
  const set = MODE_VARIABLES.filter((name) => environment[name]);
  return [
    ...(set.length > 1 ? [`set only one of REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS (got ${set.join(' and ')})`] : []),
    ...(environment.REDIS_SENTINELS && !environment.REDIS_SENTINEL_NAME
      ? ['REDIS_SENTINEL_NAME is required with REDIS_SENTINELS (the name of the master the Sentinels watch)']
      : []),
    ...(environment.REDIS_SENTINEL_NAME && !environment.REDIS_SENTINELS ? ['REDIS_SENTINEL_NAME needs REDIS_SENTINELS'] : []),
  ];
}

export interface ParsedRedisVariables {
  readonly REDIS_URL: string;
  readonly REDIS_CLUSTER_NODES?: readonly RedisNodeAddress[] | undefined;
  readonly REDIS_SENTINELS?: readonly RedisNodeAddress[] | undefined;
  readonly REDIS_SENTINEL_NAME?: string | undefined;
  readonly REDIS_USERNAME?: string | undefined;
  readonly REDIS_PASSWORD?: string | undefined;
  readonly REDIS_TLS: boolean;
}

/** The one mode in use, from variables that passed the schema and redisModeProblems. */
export function redisConnectionSettings(env: ParsedRedisVariables): RedisConnectionSettings {
  const authentication: RedisAuthenticationSettings = {
    ...(env.REDIS_USERNAME ? { username: env.REDIS_USERNAME } : {}),
    ...(env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {}),
    tls: env.REDIS_TLS,
  };
  if (env.REDIS_CLUSTER_NODES) return { mode: 'cluster', nodes: env.REDIS_CLUSTER_NODES, ...authentication };
  if (env.REDIS_SENTINELS && env.REDIS_SENTINEL_NAME)
    return { mode: 'sentinel', sentinels: env.REDIS_SENTINELS, masterName: env.REDIS_SENTINEL_NAME, ...authentication };
  return { mode: 'single', url: env.REDIS_URL };
}

/** Where Redis is, for an operator's message: the variable in use and its hosts, never a password. */
export function describeRedisLocation(settings: RedisConnectionSettings): string {
  const list = (nodes: readonly RedisNodeAddress[]) =>
    nodes.map(({ host, port }) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`)).join(',');
  if (settings.mode === 'cluster') return `REDIS_CLUSTER_NODES (${list(settings.nodes)})`;
  if (settings.mode === 'sentinel') return `REDIS_SENTINELS (${list(settings.sentinels)}, master ${settings.masterName})`;
  return `REDIS_URL (${new URL(settings.url).host})`;
}
