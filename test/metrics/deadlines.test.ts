import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/calendar/work-calendar.js';
import { ConfigError, DataError } from '../../src/errors.js';
import { caseTiming, closeDeadline, limitExpiry, metDeadline, parseAsOf } from '../../src/metrics/deadlines.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/metrics/defaults.js';
import { isoDateTime, wallTime } from '../../src/time.js';
import type { CaseRecord } from '../../src/types.js';
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

/*
 * Issue 12: a working-day limit ends with its N-th working day (on time iff done before 00:00 of the next day), an
 * hours limit and deadline_at are inclusive, and an open case is overdue iff its deadline is before the cut-off.
 * Calendar facts (chinese-days data, printed with WorkCalendar.isWorkday): March 2026 has no holiday, so
 * 03-07/08 and 03-14/15 are plain weekends; 09-25 (Fri) and 10-01..07 are holidays; Sat 10-10 is an adjusted
 * working day and Sun 10-11 is off.
 */
describe('the deadline rule (design §4, issue 12): a limit ends with its N-th working day', () => {
  const general = DEFAULT_METRIC_SETTINGS.timeLimits.general; // contact 1 working day, close 5
  const consult = DEFAULT_METRIC_SETTINGS.timeLimits.consult; // contact 1, close 1
  const urgent = DEFAULT_METRIC_SETTINGS.timeLimits.urgent; // contact 2 h, close 24 h
  const lateMarch = t('2026-03-31 23:59:59');
  const closing = (receivedAt: string, closedAt: string | null, limits = general, cutOff = lateMarch, extra: Partial<CaseRecord> = {}) =>
    caseTiming(kase({ caseId: 'R', unit: 'A', urgency: 'general', receivedAt: t(receivedAt), closedAt: closedAt === null ? null : t(closedAt), ...extra }), limits, calendar, cutOff);

  // General, received Fri 03-06: working days after it 03-09 (1) … 03-13 (5) → due Friday 03-13.
  it.each([
    ['closed Friday 23:59:59, the last second of the 5th working day', '2026-03-13 23:59:59', 'on_time'],
    ['closed Saturday 09:00 (no further working day taken, but after the day the limit ends with)', '2026-03-14 09:00', 'late'],
    ['closed Saturday without a time (read as 00:00, the first instant after the limit)', '2026-03-14 00:00', 'late'],
    ['closed Sunday', '2026-03-15 18:00', 'late'],
    ['closed Monday', '2026-03-16 08:00', 'late'],
  ])('general case due Friday: %s (%s) → %s', (_what, closedAt, status) => {
    const tm = closing('2026-03-06 10:00', closedAt);
    expect(tm.closeStatus).toBe(status);
  });

  it('still counts the working days taken for mean_close_workdays: Friday and Saturday both give 5', () => {
    expect(closing('2026-03-06 10:00', '2026-03-13 23:59:59').closeWorkdays).toBe(5);
    expect(closing('2026-03-06 10:00', '2026-03-14 09:00').closeWorkdays).toBe(5);
  });

  it('judges an open case overdue iff the day its limit ends with is before the cut-off', () => {
    expect(closing('2026-03-06 10:00', null, general, t('2026-03-13 23:59:59')).closeStatus).toBe('pending');
    expect(closing('2026-03-06 10:00', null, general, t('2026-03-14 00:00')).closeStatus).toBe('overdue');
    // A Saturday cut-off after a Friday deadline: no working day has passed since, yet the case can no longer close on time.
    expect(closing('2026-03-06 10:00', null, general, t('2026-03-14 12:00')).closeStatus).toBe('overdue');
    // Closed after the cut-off counts as open at the cut-off.
    expect(closing('2026-03-06 10:00', '2026-03-16 09:00', general, t('2026-03-14 12:00')).closeStatus).toBe('overdue');
    expect(closing('2026-03-06 10:00', '2026-03-16 09:00', general, t('2026-03-12 12:00')).closeStatus).toBe('pending');
  });

  it('ends a limit with an adjusted working weekend day: consult received Fri 10-09 is due Sat 10-10', () => {
    const cutOff = t('2026-10-31 23:59:59');
    expect(closing('2026-10-09 10:00', '2026-10-10 18:00', consult, cutOff).closeStatus).toBe('on_time');
    expect(closing('2026-10-09 10:00', '2026-10-11 09:00', consult, cutOff).closeStatus).toBe('late'); // Sunday off: late
    expect(closing('2026-10-09 10:00', null, consult, t('2026-10-10 23:59:59')).closeStatus).toBe('pending');
    expect(closing('2026-10-09 10:00', null, consult, t('2026-10-11 08:00')).closeStatus).toBe('overdue');
  });

  it('skips holidays: consult received Wed 09-30 is due Thu 10-08, after the National Day week', () => {
    const cutOff = t('2026-10-31 23:59:59');
    expect(closing('2026-09-30 10:00', '2026-10-07 12:00', consult, cutOff).closeStatus).toBe('on_time');
    expect(closing('2026-09-30 10:00', '2026-10-08 23:59:59', consult, cutOff).closeStatus).toBe('on_time');
    expect(closing('2026-09-30 10:00', '2026-10-09 00:00', consult, cutOff).closeStatus).toBe('late');
    // Received Thu 09-24: Fri 09-25 is a holiday and 09-26/27 a weekend → due Mon 09-28.
    expect(closing('2026-09-24 10:00', '2026-09-27 12:00', consult, cutOff).closeStatus).toBe('on_time');
    expect(closing('2026-09-24 10:00', '2026-09-29 09:00', consult, cutOff).closeStatus).toBe('late');
  });

  it('keeps an hours limit inclusive: closed exactly at received + 24 h is on time, a second later is late', () => {
    expect(closing('2026-03-10 08:00', '2026-03-11 08:00:00', urgent).closeStatus).toBe('on_time');
    expect(closing('2026-03-10 08:00', '2026-03-11 08:00:01', urgent).closeStatus).toBe('late');
    expect(closing('2026-03-10 08:00', null, urgent, t('2026-03-11 08:00:00')).closeStatus).toBe('pending');
    expect(closing('2026-03-10 08:00', null, urgent, t('2026-03-11 08:00:01')).closeStatus).toBe('overdue');
  });

  it('keeps deadline_at inclusive; a date-only deadline_at (read as the end of its day) is on time all that day', () => {
    // The reader turns a date-only deadline_at into 23:59:59.999 of that day (test/io/read-cases.test.ts).
    const endOfFriday = t('2026-03-13 00:00') + 86_400_000 - 1;
    const withDeadline = (closedAt: string | null, deadlineAt: number, cutOff = lateMarch) =>
      closing('2026-03-10 10:00', closedAt, general, cutOff, { deadlineAt }).closeStatus;
    expect(withDeadline('2026-03-13 21:00', endOfFriday)).toBe('on_time');
    expect(withDeadline('2026-03-14 00:00', endOfFriday)).toBe('late'); // next day, date only
    expect(withDeadline('2026-03-13 12:00', t('2026-03-13 12:00'))).toBe('on_time'); // exactly at a timed deadline
    expect(withDeadline('2026-03-13 12:00:01', t('2026-03-13 12:00'))).toBe('late');
    expect(withDeadline(null, endOfFriday, t('2026-03-13 23:59:59'))).toBe('pending');
    expect(withDeadline(null, endOfFriday, t('2026-03-14 00:00'))).toBe('overdue');
  });
});

describe('the deadline rule for first contact (design §4, issue 12)', () => {
  const general = DEFAULT_METRIC_SETTINGS.timeLimits.general; // contact within 1 working day
  const urgent = DEFAULT_METRIC_SETTINGS.timeLimits.urgent; // contact within 2 h
  const contact = (receivedAt: string, firstContactAt: string | null, cutOff = t('2026-03-31 23:59:59'), closedAt: string | null = null, limits = general) =>
    caseTiming(
      kase({ caseId: 'F', unit: 'A', urgency: 'general', receivedAt: t(receivedAt), firstContactAt: firstContactAt === null ? null : t(firstContactAt),
        closedAt: closedAt === null ? null : t(closedAt) }),
      limits,
      calendar,
      cutOff,
    ).contactStatus;

  // Received Thu 03-12: the 1st working day after it is Fri 03-13.
  it.each([
    ['contacted Friday 23:59:59', '2026-03-13 23:59:59', 'on_time'],
    ['contacted Saturday 09:00', '2026-03-14 09:00', 'late'],
    ['contacted Saturday, date only', '2026-03-14 00:00', 'late'],
  ])('general case received Thursday, contact due Friday: %s (%s) → %s', (_what, at, status) => {
    expect(contact('2026-03-12 10:00', at)).toBe(status);
  });

  it('takes closed_at as the contact time when first_contact_at is blank, by the same rule', () => {
    expect(contact('2026-03-12 10:00', null, t('2026-03-31 23:59:59'), '2026-03-13 17:00')).toBe('on_time');
    expect(contact('2026-03-12 10:00', null, t('2026-03-31 23:59:59'), '2026-03-14 10:00')).toBe('late');
  });

  it('judges an uncontacted case overdue iff its contact deadline is before the cut-off', () => {
    expect(contact('2026-03-12 10:00', null, t('2026-03-13 23:59:59'))).toBe('pending');
    expect(contact('2026-03-12 10:00', null, t('2026-03-14 10:00'))).toBe('overdue');
    // Contacted after the cut-off: not yet contacted at the cut-off.
    expect(contact('2026-03-12 10:00', '2026-03-16 09:00', t('2026-03-14 10:00'))).toBe('overdue');
  });

  it('uses the holiday and adjusted-working-day calendar: received Fri 10-09, contact due Sat 10-10 (worked)', () => {
    const cutOff = t('2026-10-31 23:59:59');
    expect(contact('2026-10-09 10:00', '2026-10-10 20:00', cutOff)).toBe('on_time');
    expect(contact('2026-10-09 10:00', '2026-10-11 09:00', cutOff)).toBe('late');
    // Received Wed 09-30: the holidays 10-01..07 do not count → due Thu 10-08.
    expect(contact('2026-09-30 10:00', '2026-10-08 18:00', cutOff)).toBe('on_time');
  });

  it('keeps the 2-hour limit inclusive', () => {
    expect(contact('2026-03-10 08:00', '2026-03-10 10:00:00', t('2026-03-31 23:59:59'), null, urgent)).toBe('on_time');
    expect(contact('2026-03-10 08:00', '2026-03-10 10:00:01', t('2026-03-31 23:59:59'), null, urgent)).toBe('late');
  });
});
