/**
 * The day range a person picks (`2026-03-01` to `2026-03-31`, both days included, in their own
 * time zone) as the list's `from` (inclusive) and `to` (exclusive) instants.
 */
export function issuedBetween(fromDay: string, toDay: string): { from?: string; to?: string } {
  const range: { from?: string; to?: string } = {};
  if (fromDay) range.from = startOfLocalDay(fromDay).toISOString();
  if (toDay) {
    const end = startOfLocalDay(toDay);
    end.setDate(end.getDate() + 1);
    range.to = end.toISOString();
  }
  return range;
}

function startOfLocalDay(day: string): Date {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(year, month - 1, date);
}
