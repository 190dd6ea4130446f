import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/calendar/work-calendar.js';
import { ConfigError, DataError } from '../../src/errors.js';
import { isoDate, parseIsoDay } from '../../src/time.js';

/** Day number of a 'YYYY-MM-DD' literal (tests only use valid dates). */
const day = (s: string): number => parseIsoDay(s) as number;

const dir = mkdtempSync(join(tmpdir(), 'govscore-cal-'));
let fileNo = 0;
function calendarFile(content: unknown): string {
  const p = join(dir, `cal-${++fileNo}.json`);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

/** Catches what fn throws (fails the test if it does not throw). */
async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('built-in China calendar (chinese-days data)', () => {
  // Facts read from node_modules/chinese-days/dist/chinese-days.json (1.5.7): holidays 2026-09-25..27 (中秋) and
  // 2026-10-01..07 (国庆节); adjusted working days (调休上班) Sun 2026-09-20 and Sat 2026-10-10.
  // Weekdays: 2026-10-01 is a Thursday, 2026-09-20 a Sunday, 2026-10-10 a Saturday.
  it('knows the National Day week 2026 day by day', async () => {
    const cal = await WorkCalendar.load({});
    const expected: [string, boolean][] = [
      ['2026-09-19', false], // Saturday
      ['2026-09-20', true], // Sunday, adjusted working day
      ['2026-09-25', false], // Friday, Mid-Autumn holiday
      ['2026-09-28', true], // Monday
      ['2026-09-30', true], // Wednesday
      ['2026-10-01', false], // Thursday, National Day
      ['2026-10-05', false], // Monday inside the holiday
      ['2026-10-07', false], // Wednesday, last holiday day
      ['2026-10-08', true], // Thursday
      ['2026-10-10', true], // Saturday, adjusted working day
      ['2026-10-11', false], // Sunday
      ['2026-10-12', true], // Monday
    ];
    for (const [d, work] of expected) expect([d, cal.isWorkday(day(d))]).toEqual([d, work]);
    expect(cal.knownYears()).toEqual([2004, 2026]);
  });

  it('counts working days after the first day through the second', async () => {
    const cal = await WorkCalendar.load({});
    // (09-30, 10-08]: 10-01..07 holidays, 10-08 Thu → 1
    expect(cal.workdaysBetween(day('2026-09-30'), day('2026-10-08'))).toBe(1);
    // (10-09, 10-12]: Sat 10-10 adjusted working, Sun 10-11 off, Mon 10-12 → 2
    expect(cal.workdaysBetween(day('2026-10-09'), day('2026-10-12'))).toBe(2);
    // (09-18, 09-21]: Sat 09-19 off, Sun 09-20 adjusted working, Mon 09-21 → 2
    expect(cal.workdaysBetween(day('2026-09-18'), day('2026-09-21'))).toBe(2);
    // (09-24, 09-28]: Fri 09-25 Mid-Autumn, weekend 26/27, Mon 09-28 → 1
    expect(cal.workdaysBetween(day('2026-09-24'), day('2026-09-28'))).toBe(1);
    // An ordinary weekend: Fri 2026-07-10 → Mon 2026-07-13: only the Monday → 1
    expect(cal.workdaysBetween(day('2026-07-10'), day('2026-07-13'))).toBe(1);
    // Same day, and a reversed pair: 0
    expect(cal.workdaysBetween(day('2026-09-30'), day('2026-09-30'))).toBe(0);
    expect(cal.workdaysBetween(day('2026-10-08'), day('2026-09-30'))).toBe(0);
  });

  it('finds the n-th working day after a day', async () => {
    const cal = await WorkCalendar.load({});
    expect(isoDate(cal.addWorkdays(day('2026-09-30'), 0))).toBe('2026-09-30');
    expect(isoDate(cal.addWorkdays(day('2026-09-30'), 1))).toBe('2026-10-08');
    // 10-08, 10-09, 10-10 (Sat, adjusted), 10-12, 10-13 → the 5th is 10-13
    expect(isoDate(cal.addWorkdays(day('2026-09-30'), 5))).toBe('2026-10-13');
  });

  it('agrees with a day-by-day count (property)', async () => {
    const cal = await WorkCalendar.load({});
    const lo = day('2004-01-01');
    const hi = day('2026-12-31');
    fc.assert(
      fc.property(fc.integer({ min: lo, max: hi }), fc.integer({ min: 0, max: 60 }), (a, span) => {
        const b = Math.min(a + span, hi);
        let brute = 0;
        for (let d = a + 1; d <= b; d++) if (cal.isWorkday(d)) brute++;
        expect(cal.workdaysBetween(a, b)).toBe(brute);
      }),
    );
  });

  it('tells whether a day is no later than the n-th working day after another (design §4: a limit ends with it)', async () => {
    const cal = await WorkCalendar.load({});
    // Mon 10-12 + 4 working days = Fri 10-16; Sat 10-17 follows it (the doc comment's example).
    expect(cal.byNthWorkday(day('2026-10-12'), 4, day('2026-10-16'))).toBe(true);
    expect(cal.byNthWorkday(day('2026-10-12'), 4, day('2026-10-17'))).toBe(false);
    // Fri 10-09 + 1 = Sat 10-10 (adjusted working day); Sun 10-11 is past it although no working day was added.
    expect(cal.byNthWorkday(day('2026-10-09'), 1, day('2026-10-10'))).toBe(true);
    expect(cal.byNthWorkday(day('2026-10-09'), 1, day('2026-10-11'))).toBe(false);
    // Wed 09-30 + 1 = Thu 10-08: the holiday week is inside the limit.
    expect(cal.byNthWorkday(day('2026-09-30'), 1, day('2026-10-07'))).toBe(true);
    expect(cal.byNthWorkday(day('2026-09-30'), 1, day('2026-10-09'))).toBe(false);
    // n = 0 ends with the day itself, even a day off (received Sat 10-03 during the holiday).
    expect(cal.byNthWorkday(day('2026-10-03'), 0, day('2026-10-03'))).toBe(true);
    expect(cal.byNthWorkday(day('2026-10-03'), 0, day('2026-10-04'))).toBe(false);
  });

  it('byNthWorkday agrees with day ≤ addWorkdays (property)', async () => {
    const cal = await WorkCalendar.load({});
    fc.assert(
      fc.property(fc.integer({ min: day('2004-01-05'), max: day('2026-10-31') }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: -3, max: 40 }), (a, n, k) => {
        expect(cal.byNthWorkday(a, n, a + k)).toBe(a + k <= cal.addWorkdays(a, n));
      }),
    );
  });

  it('addWorkdays is the inverse of workdaysBetween (property)', async () => {
    const cal = await WorkCalendar.load({});
    fc.assert(
      fc.property(fc.integer({ min: day('2004-01-01'), max: day('2026-10-31') }), fc.integer({ min: 1, max: 20 }), (a, n) => {
        const d = cal.addWorkdays(a, n);
        expect(cal.isWorkday(d)).toBe(true);
        expect(cal.workdaysBetween(a, d)).toBe(n);
        expect(cal.workdaysBetween(a, d - 1)).toBe(n - 1);
      }),
    );
  });
});

describe('dates outside the known years', () => {
  it('is a DataError naming the date and the way out', async () => {
    const cal = await WorkCalendar.load({});
    const e = await thrown(() => cal.isWorkday(day('2027-01-04')));
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).message).toContain('2027-01-04');
    expect((e as DataError).message).toContain('2004–2026');
    expect((e as DataError).hint).toContain('--weekends-only');
    expect((e as DataError).hint).toContain('calendar file');
    expect(await thrown(() => cal.workdaysBetween(day('2026-12-30'), day('2027-01-04')))).toBeInstanceOf(DataError);
    expect(await thrown(() => cal.workdaysBetween(day('2003-12-30'), day('2004-01-05')))).toBeInstanceOf(DataError);
    expect(await thrown(() => cal.addWorkdays(day('2026-12-30'), 5))).toBeInstanceOf(DataError);
  });

  it('follows Saturday/Sunday-off with weekendsOnly, and keeps the China calendar inside the known years', async () => {
    const cal = await WorkCalendar.load({ weekendsOnly: true });
    expect(cal.isWorkday(day('2027-01-01'))).toBe(true); // Friday; 2027's holidays are unknown → working
    expect(cal.isWorkday(day('2027-01-02'))).toBe(false); // Saturday
    expect(cal.isWorkday(day('2026-10-01'))).toBe(false); // still National Day inside the known years
    // (2026-12-30 Wed, 2027-01-04 Mon]: 12-31 Thu (a working day in the 2026 data), 01-01 Fri, 01-04 Mon → 3
    expect(cal.isWorkday(day('2026-12-31'))).toBe(true);
    expect(cal.workdaysBetween(day('2026-12-30'), day('2027-01-04'))).toBe(3);
    // Far outside on both sides: (Fri 2030-01-04, Fri 2030-01-11] → 5 weekdays; (Wed 2003-12-24, Wed 2003-12-31] → 5
    expect(cal.workdaysBetween(day('2030-01-04'), day('2030-01-11'))).toBe(5);
    expect(cal.workdaysBetween(day('2003-12-24'), day('2003-12-31'))).toBe(5);
  });

  it('weekendsOnly agrees with a day-by-day count across the range boundaries (property)', async () => {
    const cal = await WorkCalendar.load({ weekendsOnly: true });
    fc.assert(
      fc.property(fc.integer({ min: day('2002-06-01'), max: day('2028-06-01') }), fc.integer({ min: 0, max: 900 }), (a, span) => {
        let brute = 0;
        for (let d = a + 1; d <= a + span; d++) if (cal.isWorkday(d)) brute++;
        expect(cal.workdaysBetween(a, a + span)).toBe(brute);
      }),
      { numRuns: 200 },
    );
  });
});

describe('user calendar files', () => {
  it('merges on top of the China calendar, its days overriding the built-in ones', async () => {
    const file = calendarFile({
      holidays: ['2027-01-01', '2026-10-10'],
      workdays: ['2027-02-07', '2026-10-07'],
    });
    const cal = await WorkCalendar.load({ file });
    expect(cal.knownYears()).toEqual([2004, 2027]);
    expect(cal.isWorkday(day('2027-01-01'))).toBe(false); // listed holiday (a Friday)
    expect(cal.isWorkday(day('2027-01-04'))).toBe(true); // ordinary Monday of a now known year
    expect(cal.isWorkday(day('2027-02-07'))).toBe(true); // listed working Sunday
    expect(cal.isWorkday(day('2026-10-07'))).toBe(true); // built-in holiday overridden to working
    expect(cal.isWorkday(day('2026-10-10'))).toBe(false); // built-in adjusted working day overridden to off
    // (2026-12-31 Thu, 2027-01-04 Mon]: 01-01 listed holiday, weekend, Monday → 1
    expect(cal.workdaysBetween(day('2026-12-31'), day('2027-01-04'))).toBe(1);
    expect(cal.source).toContain(file);
  });

  it('base "weekends" ignores the China calendar (New York 311)', async () => {
    const file = calendarFile({ base: 'weekends', holidays: ['2023-07-04', '2023-12-25'] });
    const cal = await WorkCalendar.load({ file });
    expect(cal.knownYears()).toEqual([2023, 2023]);
    expect(cal.isWorkday(day('2023-07-04'))).toBe(false); // Independence Day, a Tuesday
    expect(cal.isWorkday(day('2023-07-03'))).toBe(true);
    expect(cal.isWorkday(day('2023-10-02'))).toBe(true); // a Monday of China's National Day holiday: working here
    expect(cal.isWorkday(day('2023-07-08'))).toBe(false); // Saturday
    // (Fri 2023-06-30, Fri 2023-07-07]: Mon 07-03, (07-04 off), Wed, Thu, Fri → 4
    expect(cal.workdaysBetween(day('2023-06-30'), day('2023-07-07'))).toBe(4);
    expect(await thrown(() => cal.isWorkday(day('2022-12-30')))).toBeInstanceOf(DataError);
  });

  it('refuses a gap year between known years', async () => {
    const file = calendarFile({ holidays: ['2028-01-03'] });
    const cal = await WorkCalendar.load({ file });
    expect(cal.knownYears()).toEqual([2004, 2028]);
    const e = await thrown(() => cal.workdaysBetween(day('2026-12-30'), day('2028-01-05')));
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).message).toContain('2027-01-01');
    expect(await thrown(() => cal.isWorkday(day('2027-03-01')))).toBeInstanceOf(DataError);
    // Days of the known year after the gap are fine: Mon 2028-01-03 listed off, Tue 2028-01-04 working
    expect(cal.isWorkday(day('2028-01-03'))).toBe(false);
    expect(cal.isWorkday(day('2028-01-04'))).toBe(true);
    expect(cal.workdaysBetween(day('2028-01-02'), day('2028-01-05'))).toBe(2);
    // With weekendsOnly the gap year follows the weekend rule.
    const lenient = await WorkCalendar.load({ file, weekendsOnly: true });
    expect(lenient.isWorkday(day('2027-03-01'))).toBe(true);
    expect(lenient.isWorkday(day('2028-01-03'))).toBe(false);
  });

  it.each([
    ['not JSON', '{"holidays": [', undefined, /not valid JSON/],
    ['a bad date', { holidays: ['2027-01-01', '2027-02-30'] }, 'holidays[1]', /2027-02-30/],
    ['a number for a date', { workdays: [20270207] }, 'workdays[0]', /20270207/],
    ['a string for the list', { holidays: '2027-01-01' }, 'holidays', /list of dates/],
    ['an array at the top', ['2027-01-01'], undefined, /JSON object/],
    ['an unknown key', { holiday: ['2027-01-01'] }, 'holiday', /unknown key "holiday"/],
    ['a bad base', { base: 'usa', holidays: ['2027-01-01'] }, 'base', /"china" or "weekends"/],
    ['a day in both lists', { holidays: ['2027-01-01'], workdays: ['2027-01-01'] }, 'workdays[0]', /both/],
    ['an empty weekends calendar', { base: 'weekends' }, undefined, /at least one/],
  ])('refuses %s with a ConfigError naming the file and entry', async (_what, content, path, message) => {
    const file = calendarFile(content);
    const e = await thrown(() => WorkCalendar.load({ file }));
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).location.file).toBe(file);
    expect((e as ConfigError).location.path).toBe(path);
    expect((e as ConfigError).message).toMatch(message);
  });

  it('refuses a missing file with a ConfigError', async () => {
    const e = await thrown(() => WorkCalendar.load({ file: join(dir, 'nope.json') }));
    expect(e).toBeInstanceOf(ConfigError);
    expect((e as ConfigError).describe()).toContain('nope.json');
  });
});
