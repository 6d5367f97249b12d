import Holidays from 'date-holidays';
import { DateTime, IANAZone } from 'luxon';
import { type FieldError, invalid, ok, type Result } from './errors.ts';

/** Where the seller works: deadlines counted in business days follow this calendar. */
export interface SellerCalendar {
  /** IANA time zone, e.g. 'America/New_York'. */
  time_zone: string;
  /** Country code, optionally with a state or province: 'US', 'GB', 'US-CA', 'CN', 'ID'. */
  region: string;
  /** ISO weekdays that are not business days (1 = Monday ... 7 = Sunday); default 6 and 7. */
  weekend_days?: number[];
}

// A policy duration is either exact hours (48 h is 48 real hours, whatever the clocks do) or
// business days counted on the seller's calendar. "Days" in the policy (buyer_ship: 7 days) are
// stored as multiples of 24 h so every party sees the same countdown.
export type PolicyDuration = { hours: number } | { business_days: number };

export const DEFAULT_REMINDER_HOURS: readonly number[] = [24, 2];

const HOUR_MS = 3_600_000;
const DEFAULT_WEEKEND: readonly number[] = [6, 7];

let countries: Record<string, string> | undefined;
const holidayCache = new Map<string, ReadonlySet<string>>();

function splitRegion(region: string): { country: string; state: string | undefined } {
  const [country = '', state] = region.split('-');
  return { country: country.toUpperCase(), state: state?.toUpperCase() };
}

function isKnownRegion(region: string): boolean {
  const { country, state } = splitRegion(region);
  countries ??= new Holidays().getCountries();
  if (!(country in countries)) return false;
  if (state === undefined) return true;
  return state in (new Holidays().getStates(country) ?? {});
}

/**
 * Local dates (YYYY-MM-DD) of the region's full-day public holidays in a year. Part-day and
 * group-only days (CN's half-day Women's Day, from noon) start after midnight and are not
 * counted; bank, school, optional and observance days are not public holidays.
 */
function holidayDates(region: string, year: number): ReadonlySet<string> {
  const key = `${region}|${year}`;
  const cached = holidayCache.get(key);
  if (cached) return cached;
  const { country, state } = splitRegion(region);
  const calendar = state ? new Holidays(country, state) : new Holidays(country);
  const dates = new Set<string>();
  for (const holiday of calendar.getHolidays(year)) {
    if (holiday.type !== 'public' || holiday.date.slice(11, 19) !== '00:00:00') continue;
    const first = DateTime.fromISO(holiday.date.slice(0, 10), { zone: 'UTC' });
    const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / 864e5));
    for (let i = 0; i < days; i += 1) dates.add(first.plus({ days: i }).toISODate() ?? '');
  }
  holidayCache.set(key, dates);
  return dates;
}

// Zone names and regions found valid (luxon asks Intl each time, a percent of a command's CPU;
// date-holidays builds its list of states each time).
const validZones = new Set<string>();
const validRegions = new Set<string>();

function assertCalendar(cal: SellerCalendar): void {
  if (validZones.has(cal.time_zone)) {
    // known
  } else if (IANAZone.isValidZone(cal.time_zone)) {
    validZones.add(cal.time_zone);
  } else {
    throw new RangeError(`Unknown time zone: ${cal.time_zone}`);
  }
  if (validRegions.has(cal.region)) return;
  if (!isKnownRegion(cal.region)) throw new RangeError(`Unknown holiday region: ${cal.region}`);
  validRegions.add(cal.region);
}

/** Whether the local calendar day of `day` (in the seller's zone) is a business day. */
export function isBusinessDay(day: Date | DateTime, cal: SellerCalendar): boolean {
  const local = DateTime.isDateTime(day)
    ? day.setZone(cal.time_zone)
    : DateTime.fromJSDate(day, { zone: cal.time_zone });
  if ((cal.weekend_days ?? DEFAULT_WEEKEND).includes(local.weekday)) return false;
  return !holidayDates(cal.region, local.year).has(local.toISODate() ?? '');
}

/**
 * Every UTC offset and every offset change in use falls on a quarter hour, so two starts in the
 * same quarter hour (of UTC) are on the same local day at the same offset, and their deadlines
 * are the same distance from them (or the same instant, when the count starts from the next
 * business day's midnight). A deadline is counted once per calendar, length and quarter hour:
 * walking the days with luxon costs more than the rest of the command's domain work.
 */
const QUARTER_HOUR_MS = 900_000;
/**
 * Before 2023 some zones changed their clocks off the quarter hour (St John's, Goose Bay and
 * Moncton at 00:01 until 2011, Casey in 2020-22, local mean times before): deadlines counted
 * from then (replayed decisions, what-if runs over old cases) are walked every time.
 */
const MEMO_FROM = Date.UTC(2023, 0, 1);
const MEMO_LIMIT = 10_000;
const deadlineMemo = new Map<string, { fromStart: boolean; ms: number }>();

/**
 * The same wall-clock time on the n-th business day after `start`, in the seller's zone (so a
 * deadline keeps its local time across a daylight-saving change; a time that the change skips
 * moves forward by the gap). A start on a weekend or holiday counts from the beginning of the
 * next business day, so the seller always gets n whole business days.
 */
export function addBusinessDays(start: Date, n: number, cal: SellerCalendar): Date {
  assertCalendar(cal);
  if (!Number.isInteger(n) || n < 0) throw new RangeError('business days must be an integer >= 0');
  const t = start.getTime();
  if (!(t >= MEMO_FROM)) return countBusinessDays(start, n, cal).at;
  const weekend = (cal.weekend_days ?? DEFAULT_WEEKEND).join(',');
  const key = `${cal.time_zone}|${cal.region}|${weekend}|${n}|${Math.floor(t / QUARTER_HOUR_MS)}`;
  const known = deadlineMemo.get(key);
  if (known) return new Date(known.fromStart ? t + known.ms : known.ms);
  const { at, fromStart } = countBusinessDays(start, n, cal);
  if (deadlineMemo.size >= MEMO_LIMIT) deadlineMemo.clear();
  deadlineMemo.set(key, { fromStart, ms: fromStart ? at.getTime() - t : at.getTime() });
  return at;
}

/** addBusinessDays walked day by day; `fromStart`: whether `start` was a business day. */
export function countBusinessDays(
  start: Date,
  n: number,
  cal: SellerCalendar,
): { at: Date; fromStart: boolean } {
  let cursor = DateTime.fromJSDate(start, { zone: cal.time_zone });
  const fromStart = isBusinessDay(cursor, cal);
  if (!fromStart) {
    cursor = cursor.startOf('day');
    while (!isBusinessDay(cursor, cal)) cursor = cursor.plus({ days: 1 });
  }
  for (let counted = 0; counted < n; ) {
    cursor = cursor.plus({ days: 1 });
    if (isBusinessDay(cursor, cal)) counted += 1;
  }
  return { at: cursor.toJSDate(), fromStart };
}

export function addPolicyDuration(start: Date, d: PolicyDuration, cal: SellerCalendar): Date {
  if ('hours' in d) return new Date(start.getTime() + d.hours * HOUR_MS);
  return addBusinessDays(start, d.business_days, cal);
}

/**
 * When to remind the waiting party: `before_hours` before the deadline, earliest first. Instants
 * before `not_before` (usually when the case entered the state) are dropped.
 */
export function reminderInstants(
  due_at: Date,
  before_hours: readonly number[] = DEFAULT_REMINDER_HOURS,
  not_before?: Date,
): Date[] {
  const instants = [...new Set(before_hours)]
    .filter((h) => h > 0)
    .map((h) => new Date(due_at.getTime() - h * HOUR_MS))
    .filter((at) => not_before === undefined || at.getTime() >= not_before.getTime());
  return instants.sort((a, b) => a.getTime() - b.getTime());
}

export function parseCalendar(json: unknown): Result<SellerCalendar> {
  const errors: FieldError[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return invalid([{ path: '', message: 'must be an object' }]);
  }
  const input = json as Record<string, unknown>;
  const { time_zone, region, weekend_days } = input;
  if (typeof time_zone !== 'string' || !IANAZone.isValidZone(time_zone)) {
    errors.push({ path: 'time_zone', message: 'must be an IANA time zone' });
  }
  if (typeof region !== 'string' || !isKnownRegion(region)) {
    errors.push({ path: 'region', message: 'must be a known country code, optionally -STATE' });
  }
  const weekendOk =
    weekend_days === undefined ||
    (Array.isArray(weekend_days) &&
      weekend_days.length < 7 &&
      weekend_days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7));
  if (!weekendOk) {
    errors.push({ path: 'weekend_days', message: 'must list fewer than 7 ISO weekdays (1-7)' });
  }
  for (const key of Object.keys(input)) {
    if (!['time_zone', 'region', 'weekend_days'].includes(key)) {
      errors.push({ path: key, message: 'unknown field' });
    }
  }
  if (errors.length > 0) return invalid(errors);
  const cal: SellerCalendar = { time_zone: time_zone as string, region: region as string };
  if (weekend_days !== undefined) cal.weekend_days = [...(weekend_days as number[])];
  return ok(cal);
}
