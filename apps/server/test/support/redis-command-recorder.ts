import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * One command as MONITOR reports it, with what differs by address or by call taken out: the
 * contents of every hash tag (`{…}`: user ids, secrets' hashes), the identity a throttle counts
 * (after `:rl:{…}:<name>:`, an address digest among them), random ids (runs of 16 hex digits or
 * more, as in BullMQ's job keys) and every argument but the first.
 * A script is named by its SHA-1, whether sent whole (EVAL) or by hash (EVALSHA). What stays:
 * who sent it (a client or a script), the command, the key's shape, and how many arguments it
 * had (but for XADD).
 */
function normalizedCommand(args: readonly string[], source: string): string {
  const [name = '', first = ''] = args.map(String);
  const command = name.toLowerCase();
  const keyShape = first
    .replace(/\{[^}]*\}/g, '{…}')
    .replace(/(:rl:\{…\}:[a-z-]+:).+$/, '$1…')
    .replace(/[0-9a-f]{16,}/g, '#');
  const subject = command === 'eval' ? createHash('sha1').update(first).digest('hex') : keyShape;
  // A stream entry's fields are data: a refusal's audit record names the account when there is one.
  const count = command === 'xadd' ? 'fields' : `${args.length - 1} args`;
  return `${source === 'lua' ? 'lua ' : ''}${command} ${subject} (${count})`;
}

export interface RedisCommandRecorder {
  /** The normalised commands Redis ran while `action` ran (and until MONITOR has caught up). */
  commandsOf(action: () => Promise<unknown>): Promise<string[]>;
  close(): void;
}

/** Watches every command a Redis runs, from any connection, with MONITOR. */
export async function recordRedisCommands(redisUrl: string): Promise<RedisCommandRecorder> {
  const observer = new Redis(redisUrl);
  const monitor = await observer.monitor();
  observer.disconnect();
  let seen: string[] = [];
  monitor.on('monitor', (_time: string, args: string[], source: string) => seen.push(normalizedCommand(args, source)));
  // MONITOR reports asynchronously: a PING of our own, once seen, marks the end of what came before.
  const quiet = async () => {
    const marker = new Redis(redisUrl);
    const tag = `marker-${Math.random().toString(36).slice(2)}`;
    await marker.echo(tag);
    marker.disconnect();
    const deadline = Date.now() + 5_000;
    while (!seen.some((command) => command.startsWith(`echo ${tag}`))) {
      if (Date.now() > deadline) throw new Error('MONITOR did not report the marker');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return {
    async commandsOf(action) {
      await quiet();
      seen = [];
      await action();
      await quiet();
      // The marker's own connection says HELLO, INFO and ECHO; nothing else of ours is in between.
      return seen.filter((command) => !/^(?:echo marker-|client |info |hello )/.test(command));
    },
    close: () => monitor.disconnect(),
  };
}
