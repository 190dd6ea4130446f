import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/calendar/work-calendar.js';
import { ConfigError, DataError } from '../../src/errors.js';
import { caseTiming, closeDeadline, limitExpiry, metDeadline, parseAsOf } from '../../src/metrics/deadlines.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/metrics/defaults.js';
import { isoDateTime, wallTime } from '../../src/time.js';
import { CASES, PERIOD, kase, t } from './cases.fixture.js';

const calendar = await WorkCalendar.load({});
const asOf = parseAsOf(PERIOD.as_of);
const timing = (id: string) => {
  const rec = CASES.find((c) => c.caseId === id);
  if (!rec) throw new Error(id);
  return caseTiming(rec, DEFAULT_METRIC_SETTINGS.timeLimits[rec.urgency], calendar, asOf);
};

describe('caseTiming (the per-case rules of design §4; expected values worked out in cases.fixture.ts)', () => {
  it.each([
    // id, closed, close_workdays, close status, contact status, verified
    ['A1', true, 2, 'on_time', 'on_time', true],
    ['A2', true, 6, 'late', 'late', false],
    ['A3', true, 0, 'on_time', 'on_time', true],
    ['A4', true, 0, 'on_time', 'on_time', false],
    ['A5', true, 0, 'late', 'late', false],
    ['A6', false, null, 'pending', 'on_time', false],
    ['A7', true, 2, 'late', 'late', true],
    ['A8', false, null, 'overdue', 'overdue', false],
    ['A9', false, null, 'overdue', 'on_time', false],
    ['A10', false, null, 'pending', 'pending', false],
    ['B1', true, 2, 'on_time', 'late', false],
  ])('%s', (id, closed, wd, closeStatus, contactStatus, verified) => {
    const tm = timing(id);
    expect({ closed: tm.closed, wd: tm.closeWorkdays, closeStatus: tm.closeStatus, contactStatus: tm.contactStatus, verified: tm.verified }).toEqual({
      closed,
      wd,
      closeStatus,
      contactStatus,
      verified,
    });
  });

  it('gives calendar hours to close', () => {
    // A4: 10-03 10:00 → 10-04 10:00 = 24 h; A5: 24 h + 1 s = 24 + 1/3600 h
    expect(timing('A4').closeHours).toBe(24);
    expect(timing('A5').closeHours).toBeCloseTo(24 + 1 / 3600, 12);
    expect(timing('A6').closeHours).toBeNull();
  });

  it('judges an open hour-limited case overdue only once the limit has strictly passed', () => {
    const limits = DEFAULT_METRIC_SETTINGS.timeLimits.urgent;
    const rec = kase({ caseId: 'U', unit: 'A', urgency: 'urgent', receivedAt: t('2026-10-11 18:00') });
    // received + 24 h = 10-12 18:00:00 = the cut-off: not < cut-off → pending; contact limit 2 h long passed → overdue
    expect(caseTiming(rec, limits, calendar, asOf).closeStatus).toBe('pending');
    expect(caseTiming(rec, limits, calendar, asOf).contactStatus).toBe('overdue');
    expect(caseTiming(rec, limits, calendar, asOf + 1000).closeStatus).toBe('overdue');
  });

  it('judges an open working-day case overdue only once it could no longer close in time', () => {
    const limits = DEFAULT_METRIC_SETTINGS.timeLimits.general;
    // Received Wed 09-30: the 5th working day after is 10-13 (10-08, 10-09, 10-10, 10-12, 10-13).
    const rec = kase({ caseId: 'G', unit: 'A', urgency: 'general', receivedAt: t('2026-09-30 10:00') });
    expect(caseTiming(rec, limits, calendar, t('2026-10-13 23:59:59')).closeStatus).toBe('pending'); // wd 5, not > 5
    expect(caseTiming(rec, limits, calendar, t('2026-10-14 00:00')).closeStatus).toBe('overdue'); // wd 6
  });

  it('contacts via closed_at when it is earlier than first_contact_at', () => {
    const limits = DEFAULT_METRIC_SETTINGS.timeLimits.general;
    // Closed Thu 10-08 (1 wd after 09-30) but first_contact_at recorded later on 10-09 (2 wd): contact = 10-08 → in time
    const rec = kase({ caseId: 'X', unit: 'A', urgency: 'general', receivedAt: t('2026-09-30 10:00'), closedAt: t('2026-10-08 11:00'),
      firstContactAt: t('2026-10-09 09:00') });
    expect(caseTiming(rec, limits, calendar, asOf).contactStatus).toBe('on_time');
  });

  it('lets deadline_at override an hour limit as well', () => {
    const limits = DEFAULT_METRIC_SETTINGS.timeLimits.urgent;
    // Closed after 30 h (late under 24 h) but before the explicit deadline → on time
    const rec = kase({ caseId: 'D', unit: 'A', urgency: 'urgent', receivedAt: t('2026-10-08 08:00'), closedAt: t('2026-10-09 14:00'),
      deadlineAt: t('2026-10-09 18:00') });
    expect(caseTiming(rec, limits, calendar, asOf).closeStatus).toBe('on_time');
  });

  it('maps statuses to met / missed / not yet tested', () => {
    expect([metDeadline('on_time'), metDeadline('late'), metDeadline('overdue'), metDeadline('pending')]).toEqual([true, false, false, null]);
  });

  it('throws a DataError for a case outside the calendar', () => {
    const rec = kase({ caseId: 'Y', unit: 'A', urgency: 'general', receivedAt: t('2026-12-28 10:00'), closedAt: t('2027-01-05 10:00') });
    expect(() => caseTiming(rec, DEFAULT_METRIC_SETTINGS.timeLimits.general, calendar, t('2027-01-31 00:00'))).toThrow(DataError);
  });
});

describe('deadline instants', () => {
  it('ends a working-day limit at 24:00 of the N-th working day', () => {
    // 1 working day after Wed 09-30 is Thu 10-08 → expires 10-09 00:00
    expect(isoDateTime(limitExpiry(t('2026-09-30 10:00'), { amount: 1, unit: 'workdays' }, calendar))).toBe('2026-10-09T00:00:00');
    expect(isoDateTime(limitExpiry(t('2026-10-05 08:00'), { amount: 24, unit: 'hours' }, calendar))).toBe('2026-10-06T08:00:00');
    const a7 = CASES.find((c) => c.caseId === 'A7');
    expect(isoDateTime(closeDeadline(a7!, DEFAULT_METRIC_SETTINGS, calendar))).toBe('2026-09-29T18:00:00');
  });
});

describe('parseAsOf', () => {
  it('reads the cut-off forms', () => {
    expect(parseAsOf('2026-09-30T23:59:59')).toBe(wallTime(2026, 9, 30, 23, 59, 59));
    expect(parseAsOf('2026-09-30 23:59')).toBe(wallTime(2026, 9, 30, 23, 59));
    expect(parseAsOf('2026-09-30T23:59:59.5')).toBe(wallTime(2026, 9, 30, 23, 59, 59, 500));
  });
  it.each(['2026-09-31T00:00:00', '2026-09-30', '2026-09-30T24:00:00', 'tomorrow'])('refuses %s', (s) => {
    expect(() => parseAsOf(s)).toThrow(ConfigError);
  });
});
