const SECONDS_PER_UNIT = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** Parses `90`, `90s`, `15m`, `24h` or `3d` into whole seconds; undefined when it is none of those. */
export function parseDurationSeconds(text: string): number | undefined {
  const match = /^(\d{1,9})\s*([smhd]?)$/.exec(text.trim());
  if (!match) return undefined;
  const [, amount, unit] = match;
  const perUnit = SECONDS_PER_UNIT[(unit || 's') as keyof typeof SECONDS_PER_UNIT];
  return Number(amount) * perUnit;
}

/** 86400 → `24h`, 259200 → `3d`: the largest unit that divides evenly. */
export function formatDurationSeconds(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
