import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compileDateFormat, daysFromCivil, parseDateTime, statesTimeOfDay } from '../../src/io/datetime.js';

const U = Date.UTC;

/** Every form of design §3.1 with its wall time, written out by hand. */
const CASES: [string | number | Date | null, number | null][] = [
  ['2026-07-14 01:05:28', U(2026, 6, 14, 1, 5, 28)],
  ['2026-07-14T01:05', U(2026, 6, 14, 1, 5)],
  ['2026/7/14 1:05', U(2026, 6, 14, 1, 5)],
  ['2026.07.14', U(2026, 6, 14)],
  ['2026-07-14', U(2026, 6, 14)],
  ['  2026-07-14 23:59:59  ', U(2026, 6, 14, 23, 59, 59)],
  ['2026年7月14日 9:30', U(2026, 6, 14, 9, 30)],
  ['2026-07-14 08:00:00.250', U(2026, 6, 14, 8, 0, 0, 250)],
  // A deadline written as 24:00 is the end of that day.
  ['2026-07-19 24:00', U(2026, 6, 20)],
  // Excel serials: 45292 is 2024-01-01 in the 1900 date system (Microsoft's DATEVALUE("2024-01-01") = 45292);
  // .5 is noon.
  [45292, U(2024, 0, 1)],
  [45292.5, U(2024, 0, 1, 12)],
  ['45292.75', U(2024, 0, 1, 18)],
  // 1 ms short of a second, as floating-point serials often come back, rounds to the second.
  [new Date(U(2026, 6, 14, 1, 5, 27, 999)), U(2026, 6, 14, 1, 5, 28)],
  [new Date(U(2026, 6, 14, 1, 5, 28)), U(2026, 6, 14, 1, 5, 28)],
  // Impossible dates and times past 24:00 are unparseable.
  ['2026-02-30', null],
  ['2026-02-29', null],
  ['2024-02-29', U(2024, 1, 29)],
  ['1900-02-29', null],
  ['2000-02-29', U(2000, 1, 29)],
  ['2026-07-14 24:01', null],
  ['2026-07-14 25:00', null],
  ['2026-07-14 12:60', null],
  ['2026-13-01', null],
  ['2026-00-10', null],
  ['02/28/2023 11:45:00 PM', null],
  ['2026', null],
  ['', null],
  [null, null],
  [Number.NaN, null],
  [new Date(Number.NaN), null],
  ['2026-07-14T01:05:28Z', null],
];

describe('parseDateTime', () => {
  it.each(CASES.map((c, i) => [i, ...c] as const))('case %i: %j → %j', (_i, input, want) => {
    expect(parseDateTime(input)).toBe(want);
  });

  it('never throws on arbitrary input and returns a finite number or null', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.date({ noInvalidDate: false }), fc.constant(null)), (v) => {
        const t = parseDateTime(v as string);
        return t === null || Number.isFinite(t);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every real wall time written as YYYY-MM-DD HH:mm:ss', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(U(1990, 0, 1)), max: new Date(U(2099, 11, 31)), noInvalidDate: true }), (d) => {
        const t = Math.floor(d.getTime() / 1000) * 1000;
        const s = new Date(t).toISOString().slice(0, 19).replace('T', ' ');
        return parseDateTime(s) === t;
      }),
    );
  });
});

describe('compileDateFormat', () => {
  it('reads US 12-hour times: 12 AM is midnight, 12 PM is noon', () => {
    const f = compileDateFormat('MM/DD/YYYY hh:mm:ss A');
    expect(f('02/28/2023 11:45:00 PM')).toBe(U(2023, 1, 28, 23, 45));
    expect(f('03/01/2023 12:10:41 AM')).toBe(U(2023, 2, 1, 0, 10, 41));
    expect(f('03/01/2023 12:10:41 PM')).toBe(U(2023, 2, 1, 12, 10, 41));
    expect(f('03/01/2023 01:00:00 am')).toBe(U(2023, 2, 1, 1));
    expect(f('02/30/2023 11:45:00 PM')).toBeNull();
    expect(f('02/28/2023 13:45:00 PM')).toBeNull();
    expect(f('2023-02-28 23:45:00')).toBeNull();
  });

  it('reads day-first and one-digit forms', () => {
    expect(compileDateFormat('D.M.YYYY H:mm')('5.3.2026 7:08')).toBe(U(2026, 2, 5, 7, 8));
    expect(compileDateFormat('DD/MM/YYYY')('05/03/2026')).toBe(U(2026, 2, 5));
    expect(compileDateFormat('YYYY年M月D日 HH时mm分')('2026年3月5日 07时08分')).toBe(U(2026, 2, 5, 7, 8));
  });

  it('with a column format, text in the built-in year-first forms still reads', () => {
    const f = compileDateFormat('MM/DD/YYYY hh:mm:ss A');
    expect(parseDateTime('2023-02-28 23:45', f)).toBe(U(2023, 1, 28, 23, 45));
    expect(parseDateTime('02/28/2023 11:45:00 PM', f)).toBe(U(2023, 1, 28, 23, 45));
  });

  it('throws on formats that cannot name a date', () => {
    expect(() => compileDateFormat('MM/DD')).toThrow(/year/);
    expect(() => compileDateFormat('YYYY-MM-DD hh:mm')).toThrow(/AM\/PM/);
    expect(() => compileDateFormat('YYYY-MM-DD HH:mm A')).toThrow(/12-hour|hh/);
    expect(() => compileDateFormat('YYYY-MM-DD YYYY')).toThrow(/twice/);
  });

  it('round-trips random wall times through MM/DD/YYYY hh:mm:ss A', () => {
    const f = compileDateFormat('MM/DD/YYYY hh:mm:ss A');
    const p2 = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(fc.date({ min: new Date(U(2000, 0, 1)), max: new Date(U(2099, 11, 31)), noInvalidDate: true }), (d) => {
        const t = Math.floor(d.getTime() / 1000) * 1000;
        const x = new Date(t);
        const h = x.getUTCHours();
        const s = `${p2(x.getUTCMonth() + 1)}/${p2(x.getUTCDate())}/${x.getUTCFullYear()} ${p2(h % 12 === 0 ? 12 : h % 12)}:${p2(x.getUTCMinutes())}:${p2(x.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
        return f(s) === t;
      }),
    );
  });
});

describe('time-zone independence', () => {
  const saved = process.env.TZ;
  afterAll(() => {
    process.env.TZ = saved;
  });
  const format = compileDateFormat('MM/DD/YYYY hh:mm:ss A');
  const parseAll = () => [...CASES.map(([v]) => parseDateTime(v)), format('03/12/2023 02:30:00 AM'), format('11/05/2023 01:30:00 AM')];
  it.each([['UTC'], ['Asia/Shanghai'], ['America/New_York']])('gives the same wall times under TZ=%s', (tz) => {
    process.env.TZ = tz;
    // Node re-reads TZ when it changes: the local offset of a fixed instant proves the switch took effect.
    const offset = new Date(U(2026, 0, 1)).getTimezoneOffset();
    expect(offset).toBe({ UTC: 0, 'Asia/Shanghai': -480, 'America/New_York': 300 }[tz]);
    // 2023-03-12 02:30 does not exist in New York (DST starts) and 2023-11-05 01:30 happens twice; wall times
    // carry no zone, so both are read as written.
    expect(parseAll()).toEqual([...CASES.map(([, want]) => want), U(2023, 2, 12, 2, 30), U(2023, 10, 5, 1, 30)]);
  });
});

describe('daysFromCivil', () => {
  it('counts the days Date.UTC counts, for every date of years 1000–9999', () => {
    // Date.UTC is the reference the integer formula replaced on the per-cell path.
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        expect(daysFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
      }),
      { numRuns: 5000 },
    );
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2026, 3, 1)).toBe(20_513); // 2026-03-01: 56 years × 365 + 14 leap days + 59
  });
});

describe('statesTimeOfDay (a date-only deadline is the end of its day, design §4)', () => {
  it.each([
    ['2026-07-14', false],
    ['2026/7/14', false],
    ['2026.07.14', false],
    ['2026年7月14日', false],
    ['2026-07-14 00:00', true],
    ['2026-07-14T00:00:00', true],
    ['2026年7月14日 0：00', true],
    [' 2026-07-14 ', false],
  ] as const)('%s → %s', (cell, want) => {
    expect(statesTimeOfDay(cell)).toBe(want);
  });

  it('reads a whole Excel serial or a Date at midnight as a date alone, a fraction as a time', () => {
    expect(statesTimeOfDay(46217)).toBe(false);
    expect(statesTimeOfDay(46217.5)).toBe(true);
    expect(statesTimeOfDay(new Date(U(2026, 6, 14)))).toBe(false);
    expect(statesTimeOfDay(new Date(U(2026, 6, 14, 9)))).toBe(true);
  });

  it('asks a column format whether it reads the hour', () => {
    expect(statesTimeOfDay('07/14/2026', compileDateFormat('MM/DD/YYYY'))).toBe(false);
    expect(statesTimeOfDay('07/14/2026 12 AM', compileDateFormat('MM/DD/YYYY hh A'))).toBe(true);
    // Text the format does not match falls back to the built-in forms.
    expect(statesTimeOfDay('2026-07-14 00:00', compileDateFormat('MM/DD/YYYY'))).toBe(true);
  });
});
