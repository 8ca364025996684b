/**
 * Calendar checks for the dates a case holds. A date is `YYYY-MM-DD` and must exist on the
 * proleptic Gregorian calendar (ISO 8601 §4.3.2.1): no month 13, no 31 February. Years are
 * kept to 1900–2100: a patient record date outside that span is a typing error, and Date
 * arithmetic stays exact within it.
 */

export const MIN_CALENDAR_YEAR = 1900;
export const MAX_CALENDAR_YEAR = 2100;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// ISO 8601 extended date-time as written by Date.prototype.toISOString (and with an offset)
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

function daysInMonth(year: number, month: number): number {
  // Gregorian leap rule: divisible by 4, except centuries not divisible by 400
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when `s` is a real calendar day between MIN_CALENDAR_YEAR and MAX_CALENDAR_YEAR. */
export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) return false;
  if (month < 1 || month > 12) return false;
  return day >= 1 && day <= daysInMonth(year, month);
}

/** True when `s` is an ISO 8601 date-time with a real calendar day and an explicit zone. */
export function isCalendarDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  return m !== null && isCalendarDate(m[1] as string);
}

/** Why a date string is refused, for messages. */
export function dateProblem(s: string): string {
  if (!DATE.test(s)) return 'expected a date as YYYY-MM-DD';
  const year = Number(s.slice(0, 4));
  if (year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR)
    return `year ${year} is outside ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`;
  return `${s} is not a real calendar date`;
}
