import type { Redis } from 'ioredis';

/** Calls per command since the server started, from `INFO commandstats` (commands run inside Lua scripts included). */
export async function readCommandStats(redis: Redis): Promise<Map<string, number>> {
  const text = await redis.info('commandstats');
  const calls = new Map<string, number>();
  for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls.set(match[1] ?? '', Number(match[2]));
  return calls;
}

// The bench's own reading of the counters: not part of any operation.
const OBSERVER_COMMANDS = new Set(['info', 'monitor']);

/** Commands run between two readings, by command, without the readings themselves. */
export function commandDelta(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): Map<string, number> {
  const delta = new Map<string, number>();
  for (const [command, calls] of after) {
    const added = calls - (before.get(command) ?? 0);
    if (added > 0 && !OBSERVER_COMMANDS.has(command)) delta.set(command, added);
  }
  return delta;
}

/** The commands Redis ran during `run`, by name, the readings' own INFO left out (nothing else may use that Redis meanwhile). */
export async function commandsDuring(redis: Redis, run: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await readCommandStats(redis);
  await run();
  return Object.fromEntries(commandDelta(before, await readCommandStats(redis)));
}

export interface CommandsPerOperation {
  /** All commands Redis executed per operation (a script's EVALSHA and each command it ran count one each). */
  readonly total: number;
  /** Per command name, per operation, largest first. */
  readonly byCommand: Readonly<Record<string, number>>;
}

export function perOperation(delta: ReadonlyMap<string, number>, operations: number): CommandsPerOperation {
  const sorted = [...delta].sort(([, a], [, b]) => b - a);
  const round = (value: number) => Math.round((value / operations) * 100) / 100;
  return {
    total: round([...delta.values()].reduce((sum, calls) => sum + calls, 0)),
    byCommand: Object.fromEntries(sorted.map(([command, calls]) => [command, round(calls)])),
  };
}

/**
 * Runs `operations` calls one after another (so nothing else overlaps) and divides the commands
 * Redis ran meanwhile by their number. Only meaningful on a Redis nothing else uses: the bench's own.
 */
export async function countCommands(
  redis: Redis,
  operations: number,
  run: (index: number) => Promise<unknown>,
): Promise<CommandsPerOperation> {
  const before = await readCommandStats(redis);
  for (let index = 0; index < operations; index += 1) await run(index);
  const after = await readCommandStats(redis);
  return perOperation(commandDelta(before, after), operations);
}
