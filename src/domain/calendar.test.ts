import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addPolicyDuration,
  countBusinessDays,
  isBusinessDay,
  parseCalendar,
  reminderInstants,
  type SellerCalendar,
} from './calendar.ts';

const US: SellerCalendar = { time_zone: 'America/New_York', region: 'US' };
const GB: SellerCalendar = { time_zone: 'Europe/London', region: 'GB' };
const CN: SellerCalendar = { time_zone: 'Asia/Shanghai', region: 'CN' };
const ID: SellerCalendar = { time_zone: 'Asia/Jakarta', region: 'ID' };

const bd = (start: string, n: number, cal: SellerCalendar) =>
  addBusinessDays(new Date(start), n, cal).toISOString();

describe('business days', () => {
  it('US: keeps the local time across the March DST change', () => {
    // Fri 7 Mar 10:00 EST -> Tue 11 Mar 10:00 EDT (clocks went forward on Sunday 9 March).
    expect(bd('2025-03-07T15:00:00Z', 2, US)).toBe('2025-03-11T14:00:00.000Z');
    // Fri 31 Oct 09:00 EDT -> Mon 3 Nov 09:00 EST (clocks went back on Sunday 2 November).
    expect(bd('2025-10-31T13:00:00Z', 1, US)).toBe('2025-11-03T14:00:00.000Z');
  });

  it('US: skips Thanksgiving and observed holidays', () => {
    // Wed 26 Nov 16:00 -> Fri 28 Nov (1), Mon 1 Dec (2).
    expect(bd('2025-11-26T21:00:00Z', 2, US)).toBe('2025-12-01T21:00:00.000Z');
    // Friday 3 July 2026 is the observed Independence Day.
    expect(isBusinessDay(new Date('2026-07-03T16:00:00Z'), US)).toBe(false);
    expect(bd('2026-07-02T16:00:00Z', 1, US)).toBe('2026-07-06T16:00:00.000Z');
  });

  it('US states add their own holidays', () => {
    // César Chávez Day (31 March) is a California holiday only.
    const CA: SellerCalendar = { time_zone: 'America/Los_Angeles', region: 'US-CA' };
    const LA: SellerCalendar = { time_zone: 'America/Los_Angeles', region: 'US' };
    expect(isBusinessDay(new Date('2025-03-31T19:00:00Z'), LA)).toBe(true);
    expect(isBusinessDay(new Date('2025-03-31T19:00:00Z'), CA)).toBe(false);
  });

  it('GB: across British Summer Time and the Easter bank holidays', () => {
    // Fri 28 Mar 10:00 GMT -> Tue 1 Apr 10:00 BST.
    expect(bd('2025-03-28T10:00:00Z', 2, GB)).toBe('2025-04-01T09:00:00.000Z');
    // Fri 24 Oct 10:00 BST -> Mon 27 Oct 10:00 GMT.
    expect(bd('2025-10-24T09:00:00Z', 1, GB)).toBe('2025-10-27T10:00:00.000Z');
    // Thu 17 Apr 12:00 BST: Good Friday and Easter Monday are skipped -> Wed 23 Apr.
    expect(bd('2025-04-17T11:00:00Z', 2, GB)).toBe('2025-04-23T11:00:00.000Z');
  });

  it('CN: no DST, so the US change moves nothing; National Day and Mid-Autumn are skipped', () => {
    // Fri 7 Mar 10:00 CST -> Tue 11 Mar 10:00 CST: exactly four days of 24 h.
    expect(bd('2025-03-07T02:00:00Z', 2, CN)).toBe('2025-03-11T02:00:00.000Z');
    // Tue 30 Sep 10:00: 1-3 Oct holidays, 4-5 weekend, 6 Oct Mid-Autumn -> Tue 7 Oct.
    expect(bd('2025-09-30T02:00:00Z', 1, CN)).toBe('2025-10-07T02:00:00.000Z');
    // Part-day, group-only days (Women's Day afternoon) are working days for a shop.
    expect(isBusinessDay(new Date('2027-03-08T02:00:00Z'), CN)).toBe(true);
  });

  it('ID: no DST; Nyepi and Idul Fitri are skipped', () => {
    // Fri 28 Mar 09:00 WIB: Sat Nyepi, Sun-Mon Idul Fitri -> Tue 1 Apr 09:00.
    expect(bd('2025-03-28T02:00:00Z', 1, ID)).toBe('2025-04-01T02:00:00.000Z');
    expect(isBusinessDay(new Date('2025-03-31T02:00:00Z'), ID)).toBe(false);
    expect(bd('2025-10-31T02:00:00Z', 1, ID)).toBe('2025-11-03T02:00:00.000Z');
  });

  it('counts a weekend start from the beginning of the next business day', () => {
    // Sat 8 Mar 10:00 -> Mon 00:00 + 2 business days = Wed 12 Mar 00:00 EDT.
    expect(bd('2025-03-08T15:00:00Z', 2, US)).toBe('2025-03-12T04:00:00.000Z');
    expect(bd('2025-03-08T15:00:00Z', 0, US)).toBe('2025-03-10T04:00:00.000Z');
  });

  it('moves a wall-clock time that DST skips forward by the gap', () => {
    const everyDay: SellerCalendar = { ...US, weekend_days: [] };
    // Sat 8 Mar 02:30 EST + 1 day = Sun 9 Mar 02:30, which does not exist -> 03:30 EDT.
    expect(bd('2025-03-08T07:30:00Z', 1, everyDay)).toBe('2025-03-09T07:30:00.000Z');
    const friSat: SellerCalendar = { ...US, weekend_days: [5, 6] };
    expect(isBusinessDay(new Date('2025-03-09T15:00:00Z'), friSat)).toBe(true);
    expect(isBusinessDay(new Date('2025-03-07T15:00:00Z'), friSat)).toBe(false);
  });

  it('refuses an unknown zone or region and a negative count', () => {
    expect(() =>
      addBusinessDays(new Date(), 1, { time_zone: 'Mars/Olympus', region: 'US' }),
    ).toThrow(RangeError);
    expect(() => addBusinessDays(new Date(), 1, { time_zone: 'UTC', region: 'XX' })).toThrow(
      RangeError,
    );
    expect(() => addBusinessDays(new Date(), -1, US)).toThrow(RangeError);
  });
});

describe('deadlines remembered', () => {
  // Daylight-saving changes of 2026 (UTC): the US, the EU, Chile (at local midnight), Lord Howe
  // Island (half an hour); and local midnights of zones at +5:30 and +5:45 on a Friday.
  const anchors = [
    '2026-03-08T07:00:00Z',
    '2026-11-01T06:00:00Z',
    '2026-03-29T01:00:00Z',
    '2026-10-25T01:00:00Z',
    '2026-04-05T03:00:00Z',
    '2026-09-06T04:00:00Z',
    '2026-04-04T15:00:00Z',
    '2026-10-03T15:30:00Z',
    '2026-03-12T18:15:00Z',
    '2026-03-12T18:30:00Z',
    // St John's went back at 00:01 local until 2011: off the quarter hour.
    '2010-11-07T02:31:00Z',
  ].map((at) => Date.parse(at));
  const calendars: SellerCalendar[] = [
    US,
    GB,
    { time_zone: 'America/Santiago', region: 'CL' },
    { time_zone: 'Australia/Lord_Howe', region: 'AU' },
    { time_zone: 'Asia/Kolkata', region: 'IN' },
    { time_zone: 'Asia/Kathmandu', region: 'IN' },
    { time_zone: 'America/St_Johns', region: 'CA' },
  ];
  const HOURS_3 = 3 * 3_600_000;

  it('answers any run of starts as counting the days one by one does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...calendars),
        fc.constantFrom<number[] | undefined>(undefined, [5, 6], [7], [6], [6, 7], []),
        fc.constantFrom(...anchors),
        fc.array(fc.integer({ min: -HOURS_3, max: HOURS_3 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 9 }),
        (base, weekend, anchor, offsets, n) => {
          const cal = weekend ? { ...base, weekend_days: weekend } : base;
          for (const offset of offsets) {
            const start = new Date(anchor + offset);
            expect(addBusinessDays(start, n, cal).toISOString()).toBe(
              countBusinessDays(start, n, cal).at.toISOString(),
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('policy durations', () => {
  it('counts hours as real elapsed time, whatever the clocks do', () => {
    const start = new Date('2025-03-08T15:00:00Z');
    expect(addPolicyDuration(start, { hours: 48 }, US).toISOString()).toBe(
      '2025-03-10T15:00:00.000Z',
    );
  });

  it('counts business days on the calendar', () => {
    const start = new Date('2025-03-07T15:00:00Z');
    expect(addPolicyDuration(start, { business_days: 2 }, US).toISOString()).toBe(
      '2025-03-11T14:00:00.000Z',
    );
  });
});

describe('reminders', () => {
  const due = new Date('2025-03-10T15:00:00Z');

  it('defaults to 24 h and 2 h before the deadline, earliest first', () => {
    expect(reminderInstants(due).map((d) => d.toISOString())).toEqual([
      '2025-03-09T15:00:00.000Z',
      '2025-03-10T13:00:00.000Z',
    ]);
  });

  it('takes other offsets and drops those before the state began', () => {
    const entered = new Date('2025-03-10T00:00:00Z');
    expect(reminderInstants(due, [2, 48, 2, 0], entered).map((d) => d.toISOString())).toEqual([
      '2025-03-10T13:00:00.000Z',
    ]);
  });
});

describe('parseCalendar', () => {
  it('accepts a zone, a region with a state, and weekend days', () => {
    const parsed = parseCalendar({
      time_zone: 'America/Los_Angeles',
      region: 'US-CA',
      weekend_days: [6, 7],
    });
    expect(parsed).toEqual({
      ok: true,
      value: { time_zone: 'America/Los_Angeles', region: 'US-CA', weekend_days: [6, 7] },
    });
    expect(parseCalendar({ time_zone: 'Asia/Jakarta', region: 'ID' }).ok).toBe(true);
  });

  it('lists every bad field', () => {
    const parsed = parseCalendar({
      time_zone: 'Nowhere',
      region: 'US-ZZ',
      weekend_days: [0],
      colour: 'red',
    });
    expect(!parsed.ok && parsed.error.details.fields?.map((f) => f.path)).toEqual([
      'time_zone',
      'region',
      'weekend_days',
      'colour',
    ]);
    expect(parseCalendar('US').ok).toBe(false);
    expect(!parseCalendar({ time_zone: 'UTC', region: 'QQ' }).ok).toBe(true);
  });
});
