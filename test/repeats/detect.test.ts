/**
 * Repeat and merge detection (design §4.1 "Precise readings"), on hand-built cases; every expectation follows from
 * the rule it names, the times written here and nothing else. The property test checks that the order of the rows
 * changes no link and no count.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../src/calendar/work-calendar.js';
import { detect, KEY_SEP, RULE_MERGE, RULE_PARENT, type DetectionCase } from '../../src/repeats/detect.js';
import { normaliseAddress } from '../../src/repeats/address.js';
import { CallerHasher, normaliseCaller } from '../../src/repeats/caller.js';
import { parseWindow, withinWindow } from '../../src/repeats/window.js';
import { DAY_MS, HOUR_MS, wallTime } from '../../src/time.js';
import { propertyParams } from '../helpers/property-params.js';

const D30 = { window: { amount: 30, unit: 'days' as const }, mergeWindow: { amount: 72, unit: 'hours' as const } };
const T0 = wallTime(2026, 7, 1, 9);
const FAR = wallTime(2027, 1, 1);

function c(caseId: string, receivedAt: number, o: Partial<DetectionCase> = {}): DetectionCase {
  return { caseId, receivedAt, closedAt: null, repeatKey: null, mergeKey: null, parentCaseId: null, ...o };
}
const key = (...parts: string[]) => parts.join(KEY_SEP);

describe('repeat links', () => {
  it('counts a gap of exactly the window and not one millisecond more', () => {
    const k = key('h1', '噪音扰民');
    const d = detect([c('A', T0, { repeatKey: k }), c('B', T0 + 30 * DAY_MS, { repeatKey: k }), c('X', T0, { repeatKey: 'x' }), c('Y', T0 + 30 * DAY_MS + 1, { repeatKey: 'x' })], D30, null, FAR);
    expect([...d.repeatOf]).toEqual([-1, 0, -1, -1]);
  });

  it('never links cases received at the same instant (0 < gap)', () => {
    const d = detect([c('A', T0, { repeatKey: 'k' }), c('B', T0, { repeatKey: 'k' })], D30, null, FAR);
    expect([...d.repeatOf]).toEqual([-1, -1]);
  });

  it('links a chain A←B←C as C→B and B→A only', () => {
    const d = detect([c('C', T0 + 20 * DAY_MS, { repeatKey: 'k' }), c('A', T0, { repeatKey: 'k' }), c('B', T0 + 10 * DAY_MS, { repeatKey: 'k' })], D30, null, FAR);
    expect([...d.repeatOf]).toEqual([2, -1, 1]);
  });

  it('takes an empty key out of detection', () => {
    const d = detect([c('A', T0, { repeatKey: null }), c('B', T0 + HOUR_MS, { repeatKey: null })], D30, null, FAR);
    expect([...d.repeatOf]).toEqual([-1, -1]);
  });

  it('marks a reopen only when A was closed before B came, within the window after closing, by the cut-off', () => {
    const closed = T0 + DAY_MS;
    const cases = [
      c('A', T0, { repeatKey: 'a', closedAt: closed }),
      c('B', T0 + 2 * DAY_MS, { repeatKey: 'a' }), // closed 1 day before: a reopen
      c('P', T0, { repeatKey: 'p', closedAt: T0 + 5 * DAY_MS }),
      c('Q', T0 + 2 * DAY_MS, { repeatKey: 'p' }), // came while P was open: a repeat, not a reopen
    ];
    const d = detect(cases, D30, null, FAR);
    expect([...d.reopenLink]).toEqual([0, 1, 0, 0]);
    expect([...d.reopened]).toEqual([1, 0, 0, 0]);
    // Closed after the cut-off: not closed, so no reopen.
    expect([...detect(cases, D30, null, closed - 1).reopened]).toEqual([0, 0, 0, 0]);
  });

  it('reads "N workdays" as ending with the N-th working day after the earlier date (2026 National Day holiday)', async () => {
    const cal = await WorkCalendar.load({});
    const w = parseWindow('1 workday');
    if (typeof w === 'string') throw new Error(w);
    // 2026-09-30: the 1st working day after it is 10-08 (10-01..07 are holidays, 国办发明电〔2025〕7号; the
    // calendar's own example), so the window runs to 10-08 24:00.
    expect(withinWindow(wallTime(2026, 9, 30, 10), wallTime(2026, 10, 8, 23, 59), w, cal)).toBe(true);
    expect(withinWindow(wallTime(2026, 9, 30, 10), wallTime(2026, 10, 9, 0, 0), w, cal)).toBe(false);
  });
});

describe('merge groups', () => {
  it('groups greedily from the group’s first case: exactly the merge window joins, the first past it starts a new group', () => {
    const k = key('幸福路12号', '路灯');
    const d = detect(
      [c('L1', T0, { mergeKey: k }), c('L2', T0 + 24 * HOUR_MS, { mergeKey: k }), c('L3', T0 + 72 * HOUR_MS, { mergeKey: k }), c('L4', T0 + 72 * HOUR_MS + 1, { mergeKey: k }), c('L5', T0 + 100 * HOUR_MS, { mergeKey: k })],
      D30,
      null,
      FAR,
    );
    expect([...d.parentOf]).toEqual([-1, 0, 0, -1, 3]);
    expect([...d.mergeRule]).toEqual([0, RULE_MERGE, RULE_MERGE, 0, RULE_MERGE]);
  });

  it('lets parent_case_id override detection, resolves chains to their root, keeps cycles unmerged', () => {
    const k = 'addr';
    const d = detect(
      [
        c('R', T0, { mergeKey: k }),
        c('S', T0 + HOUR_MS, { mergeKey: k, parentCaseId: 'T' }), // the data says T, though detection would say R
        c('T', T0 + 2 * HOUR_MS, { parentCaseId: 'U' }),
        c('U', T0 + 3 * HOUR_MS),
        c('X', T0, { parentCaseId: 'Y' }),
        c('Y', T0, { parentCaseId: 'X' }),
        c('Z', T0, { parentCaseId: 'NOPE' }),
      ],
      D30,
      null,
      FAR,
    );
    expect([...d.parentOf]).toEqual([-1, 3, 3, -1, -1, -1, -1]);
    expect([...d.mergeRule]).toEqual([0, RULE_PARENT, RULE_PARENT, 0, 0, 0, RULE_PARENT]);
    expect(d.cycles).toEqual([4, 5]);
    expect(d.unknownParent.get(6)).toBe('NOPE');
  });
});

describe('normalisation', () => {
  it('compares callers by their digits, without +86', () => {
    expect(normaliseCaller('+86 138-0013-8000')).toBe('13800138000');
    expect(normaliseCaller('１３８ ００１３ ８０００')).toBe('13800138000');
    expect(normaliseCaller('8613800138000')).toBe('13800138000');
    expect(normaliseCaller('张先生')).toBeNull();
    const h = new CallerHasher('k');
    expect(h.hashCell('138-0013-8000')).toBe(h.hashCell('+8613800138000'));
    expect(h.hashCell('13800138000')).not.toBe(new CallerHasher('other').hashCell('13800138000'));
    // HMAC-SHA256 with key 'k' of '13800138000', first 16 hex digits: `echo -n 13800138000 | openssl dgst -sha256 -hmac k`.
    expect(h.hashCell('13800138000')).toBe('af8579fcbb489aca');
  });

  it('folds full-width characters and removes spaces and punctuation from addresses, without case folding', () => {
    expect(normaliseAddress('幸福路 １２号（东门）')).toBe('幸福路12号东门');
    expect(normaliseAddress('Ａ栋')).toBe('A栋');
    expect(normaliseAddress('a栋')).not.toBe(normaliseAddress('A栋'));
    expect(normaliseAddress(' 。 ')).toBeNull();
  });

  it('parses windows and refuses what it cannot read', () => {
    expect(parseWindow('30 days')).toEqual({ amount: 30, unit: 'days' });
    expect(parseWindow('72 hours')).toEqual({ amount: 72, unit: 'hours' });
    expect(parseWindow('10 工作日')).toEqual({ amount: 10, unit: 'workdays' });
    expect(typeof parseWindow('a month')).toBe('string');
    expect(typeof parseWindow('0 days')).toBe('string');
  });
});

describe('the order of the rows', () => {
  it('changes no link and no count (property)', () => {
    const arbCase = fc.record({
      t: fc.integer({ min: 0, max: 40 * 24 }), // hours after T0
      closedAfter: fc.option(fc.integer({ min: 0, max: 60 * 24 }), { nil: null }),
      caller: fc.constantFrom('a', 'b', 'c', ''),
      addr: fc.constantFrom('x', 'y', ''),
      parent: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null, freq: 5 }),
    });
    fc.assert(
      fc.property(fc.array(arbCase, { minLength: 1, maxLength: 30 }), fc.integer(), (raw, seed) => {
        const cases = raw.map((r, i) =>
          c(`C${String(i).padStart(2, '0')}`, T0 + r.t * HOUR_MS, {
            closedAt: r.closedAfter === null ? null : T0 + (r.t + r.closedAfter) * HOUR_MS,
            repeatKey: r.caller === '' ? null : key(r.caller, 'cat'),
            mergeKey: r.addr === '' ? null : key(r.addr, 'cat'),
            parentCaseId: r.parent === null ? null : `C${String(r.parent).padStart(2, '0')}`,
          }),
        );
        // A deterministic shuffle from the seed.
        const order = cases.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 31) - ((b * 7919 + seed) % 31) || a - b);
        const shuffled = order.map((i) => cases[i]);
        const summary = (cs: DetectionCase[]) => {
          const d = detect(cs, D30, null, FAR);
          const id = (j: number) => (j >= 0 ? cs[j].caseId : '-');
          return cs
            .map((x, j) => `${x.caseId}:${id(d.repeatOf[j])}:${d.reopenLink[j]}:${d.reopened[j]}:${id(d.parentOf[j])}:${d.mergeRule[j]}:${d.unknownParent.get(j) ?? ''}`)
            .sort()
            .join('|');
        };
        expect(summary(shuffled)).toBe(summary(cases));
      }),
      propertyParams(200),
    );
  });
});
