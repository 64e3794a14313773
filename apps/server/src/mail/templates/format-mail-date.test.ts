import { describe, expect, it } from 'vitest';
import { describeDeadline, formatTimeUntil, formatUtcDateTime } from './format-mail-date.js';

// 09:30 UTC is 10:30 in Amsterdam and 04:30 in New York: a local-time bug would show.
const DEADLINE = new Date('2025-03-14T09:30:00Z');
const hoursBefore = (hours: number) => new Date(DEADLINE.getTime() - hours * 3_600_000);

describe('formatUtcDateTime', () => {
  it('writes the date and time in UTC, in the words of each locale', () => {
    // ICU versions differ on the space before "AM"; \s accepts both.
    expect(formatUtcDateTime(DEADLINE, 'en')).toMatch(/^March 14, 2025 at 9:30\sAM UTC$/);
    expect(formatUtcDateTime(DEADLINE, 'nl')).toBe('14 maart 2025 om 09:30 UTC');
    expect(formatUtcDateTime(DEADLINE, 'es')).toBe('14 de marzo de 2025 a las 9:30 UTC');
    expect(formatUtcDateTime(DEADLINE, 'fr')).toBe('14 mars 2025 à 09:30 UTC');
  });
});

describe('formatTimeUntil', () => {
  it('says hours for a deadline a day away', () => {
    expect(formatTimeUntil(DEADLINE, hoursBefore(24), 'en')).toBe('in 24 hours');
    expect(formatTimeUntil(DEADLINE, hoursBefore(24), 'nl')).toBe('over 24 uur');
  });

  it('says days for a deadline several days away', () => {
    expect(formatTimeUntil(DEADLINE, hoursBefore(72), 'es')).toBe('dentro de 3 días');
    expect(formatTimeUntil(DEADLINE, hoursBefore(72), 'fr')).toBe('dans 3 jours');
  });

  it('says minutes for a deadline less than two hours away', () => {
    expect(formatTimeUntil(DEADLINE, hoursBefore(1.5), 'en')).toBe('in 90 minutes');
  });

  it('rounds away the moment between issuing a link and rendering its mail', () => {
    const renderedLater = new Date(hoursBefore(24).getTime() + 1_500);
    expect(formatTimeUntil(DEADLINE, renderedLater, 'en')).toBe('in 24 hours');
  });

  it('says nothing once the deadline has passed', () => {
    expect(formatTimeUntil(DEADLINE, hoursBefore(-1), 'en')).toBeUndefined();
  });
});

describe('describeDeadline', () => {
  it('gives only the absolute time when the current time is unknown', () => {
    expect(describeDeadline(DEADLINE, 'nl')).toBe('14 maart 2025 om 09:30 UTC');
  });

  it('adds the relative time in parentheses when the current time is known', () => {
    expect(describeDeadline(DEADLINE, 'fr', hoursBefore(24))).toBe('14 mars 2025 à 09:30 UTC (dans 24 heures)');
  });
});
