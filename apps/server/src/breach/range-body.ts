/** One line of a range answer: the 35 hex digits of the SHA-1 after the prefix, a colon, a count. */
const RANGE_LINE = /^([0-9A-Fa-f]{35}):(\d{1,12})$/;

/**
 * The count of `suffix` in a range answer's body, 0 when it is absent or only padding (Add-Padding
 * entries carry count 0), or null when the body is not a range answer at all (a line of another
 * shape: an HTML error page, a truncated line).
 */
export function countInRangeBody(body: string, suffix: string): number | null {
  const wanted = suffix.toUpperCase();
  let count = 0;
  for (const rawLine of body.split('\n')) {
    const line = rawLine.trim();
    if (line === '') continue;
    const match = RANGE_LINE.exec(line);
    if (!match) return null;
    if (match[1]!.toUpperCase() === wanted) count = Math.max(count, Number(match[2]));
  }
  return count;
}
