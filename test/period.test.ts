import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { parsePeriod, periodBounds } from '../src/period.js';

describe('parsePeriod', () => {
  it('reads a quarter, a month and an inclusive range; the cut-off defaults to the last second of the last day', () => {
    expect(parsePeriod('2026Q3')).toEqual({ from: '2026-07-01', to: '2026-09-30', as_of: '2026-09-30T23:59:59' });
    expect(parsePeriod('2026Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31', as_of: '2026-03-31T23:59:59' });
    expect(parsePeriod('2026Q4').to).toBe('2026-12-31');
    // 2024 is a leap year (divisible by 4, not a century): February has 29 days; 2026's has 28.
    expect(parsePeriod('2024-02').to).toBe('2024-02-29');
    expect(parsePeriod('2026-02').to).toBe('2026-02-28');
    expect(parsePeriod('2026-09-01..2026-10-31')).toEqual({ from: '2026-09-01', to: '2026-10-31', as_of: '2026-10-31T23:59:59' });
    expect(parsePeriod('2023-02-28..2023-02-28')).toEqual({ from: '2023-02-28', to: '2023-02-28', as_of: '2023-02-28T23:59:59' });
  });

  it('takes --as-of with a space or a T, minutes or seconds; a bare date means the end of that day', () => {
    expect(parsePeriod('2026Q3', '2026-10-15 12:00').as_of).toBe('2026-10-15T12:00:00');
    expect(parsePeriod('2026Q3', '2026-10-15T12:00:30').as_of).toBe('2026-10-15T12:00:30');
    expect(parsePeriod('2026Q3', '2026-09-15').as_of).toBe('2026-09-15T23:59:59');
  });

  it.each([
    ['2026Q5'],
    ['2026-13'],
    ['2026-00'],
    ['2026-02-30..2026-03-01'],
    ['2026-10-31..2026-09-01'],
    ['Q3 2026'],
    ['2026-9'],
    [''],
    ['2026-09-01'],
  ])('rejects the period %j with a UsageError', (p) => {
    expect(() => parsePeriod(p)).toThrow(UsageError);
  });

  it.each([['2026-10-15 25:00'], ['2026-02-30'], ['15/10/2026'], ['2026-10-15 12'], ['2026-06-30 23:59']])(
    'rejects the cut-off %j with a UsageError',
    (a) => {
      expect(() => parsePeriod('2026Q3', a)).toThrow(UsageError);
    },
  );
});

describe('periodBounds', () => {
  it('gives day numbers and the cut-off as wall time', () => {
    // Day numbers from Python: (date(2026,7,1) - date(1970,1,1)).days = 20635, and 20726 for 2026-09-30.
    expect(periodBounds(parsePeriod('2026Q3'))).toEqual({ fromDay: 20635, toDay: 20726, asOf: Date.UTC(2026, 8, 30, 23, 59, 59) });
  });
});
