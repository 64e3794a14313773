import type { SupportedLocale } from '@pwreset/contract';

const MILLISECONDS_PER_MINUTE = 60_000;
const MINUTES_PER_HOUR = 60;
const HOURS_PER_DAY = 24;

/**
 * Building an Intl formatter costs far more than formatting with one (it was the worker's costliest
 * step of rendering a mail, about 6 % of its time): one of each kind per locale, made once.
 */
function oncePerLocale<Formatter>(make: (locale: SupportedLocale) => Formatter): (locale: SupportedLocale) => Formatter {
  const made = new Map<SupportedLocale, Formatter>();
  return (locale) => {
    let formatter = made.get(locale);
    if (formatter === undefined) {
      formatter = make(locale);
      made.set(locale, formatter);
    }
    return formatter;
  };
}

const utcDateTimeFormat = oncePerLocale(
  (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
);
const relativeTimeFormat = oncePerLocale((locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'always' }));

/**
 * "March 14, 2025 at 9:30 AM UTC". Always UTC: we do not know the reader's time zone, and a
 * time without a zone would be read as local time and be hours off.
 */
export function formatUtcDateTime(date: Date, locale: SupportedLocale): string {
  const formatted = utcDateTimeFormat(locale).format(date);
  return `${formatted} UTC`;
}

/**
 * "in 24 hours", "over 3 dagen": how far `deadline` is from `now`, rounded to the nearest
 * minute, hour or day. Undefined once the deadline has passed.
 */
export function formatTimeUntil(deadline: Date, now: Date, locale: SupportedLocale): string | undefined {
  const minutes = Math.round((deadline.getTime() - now.getTime()) / MILLISECONDS_PER_MINUTE);
  if (minutes < 1) return undefined;
  const relative = relativeTimeFormat(locale);
  // Below two of a unit, the next smaller one reads better: "in 90 minutes", "in 36 hours".
  if (minutes < 2 * MINUTES_PER_HOUR) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / MINUTES_PER_HOUR);
  if (hours < 2 * HOURS_PER_DAY) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / HOURS_PER_DAY), 'day');
}

/**
 * The absolute UTC time, followed by the relative one when `now` is known:
 * "March 14, 2025 at 9:30 AM UTC (in 24 hours)". The absolute time is what counts; the
 * relative one is rounded and only a reading aid.
 */
export function describeDeadline(deadline: Date, locale: SupportedLocale, now?: Date): string {
  const absolute = formatUtcDateTime(deadline, locale);
  const relative = now === undefined ? undefined : formatTimeUntil(deadline, now, locale);
  return relative === undefined ? absolute : `${absolute} (${relative})`;
}
