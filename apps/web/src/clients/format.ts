/**
 * An instant (`2026-03-01T14:05:00Z`) as the person reading it would say it: their own language
 * and time zone (the browser's), e.g. "Mar 1, 2026, 9:05 AM".
 */
export function formatInstant(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/**
 * A calendar date (`1990-04-12`, a date of birth) in the reader's own words. It is no instant, so
 * it is formatted in UTC: in a zone west of Greenwich it would otherwise show the day before.
 */
export function formatCalendarDate(date: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
