import { describe, expect, it } from 'vitest';
import { INVALID, makeRatingParser, parseBoolean, parseCount, parseSatisfaction, parseSurveyAnswer, parseText, parseUrgency } from '../../src/io/values.js';

describe('cell values (design §3.1 value lists)', () => {
  it('urgency: 紧急/一般/复杂/咨询 and the canonical ids', () => {
    expect(['紧急', '一般', '复杂', '咨询', 'URGENT', ' general ', 'complex', 'consult'].map(parseUrgency)).toEqual([
      'urgent',
      'general',
      'complex',
      'consult',
      'urgent',
      'general',
      'complex',
      'consult',
    ]);
    expect(parseUrgency('特急')).toBe(INVALID);
    expect(parseUrgency('')).toBeNull();
  });

  it('booleans: 是/否, 已解决/未解决, true/false, 1/0, Y/N', () => {
    expect(['是', '已解决', 'true', 'TRUE', '1', 1, 'Y', 'y'].map(parseBoolean)).toEqual(Array(8).fill(true));
    expect(['否', '未解决', 'false', '0', 0, 'N'].map(parseBoolean)).toEqual(Array(6).fill(false));
    expect(parseBoolean('部分解决')).toBe(INVALID);
    expect(parseBoolean(null)).toBeNull();
  });

  it('satisfaction: the five labels or 5..1', () => {
    expect(['非常满意', '满意', '基本满意', '不满意', '非常不满意'].map(parseSatisfaction)).toEqual([5, 4, 3, 2, 1]);
    expect(['5', 4, '3', 2, '1'].map(parseSatisfaction)).toEqual([5, 4, 3, 2, 1]);
    expect(parseSatisfaction('6')).toBe(INVALID);
    expect(parseSatisfaction(4.5)).toBe(INVALID);
  });

  it('counts: whole numbers ≥ 0; negative or fractional are invalid; empty is null', () => {
    expect(['0', '3', 2, ' 12 '].map(parseCount)).toEqual([0, 3, 2, 12]);
    expect(['-1', '1.5', 'two', -2].map(parseCount)).toEqual(Array(4).fill(INVALID));
    expect(parseCount('')).toBeNull();
  });

  it('survey answers: blank and "don\'t know" codes are missing, not zero', () => {
    const dk = new Set(['9', '不清楚']);
    expect(['5', '满意', '', '9', 9, '不清楚', '7'].map((v) => parseSurveyAnswer(v, dk))).toEqual([5, 4, null, null, null, null, INVALID]);
  });

  it('ratings: a grade label through the scale, or a number 0..100', () => {
    const p = makeRatingParser({ 优: 95, 良: 85, 中: 70, 差: 50 });
    expect(p('良')).toEqual({ value: 85, label: '良' });
    expect(p('88.5')).toEqual({ value: 88.5, label: null });
    expect(p(100)).toEqual({ value: 100, label: null });
    expect(p('101')).toBe(INVALID);
    expect(p('甲')).toBe(INVALID);
    expect(p(' ')).toBeNull();
  });

  it('labels that are also names of Object properties are not recognised', () => {
    for (const v of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect([parseUrgency(v), parseBoolean(v), parseSatisfaction(v), parseSurveyAnswer(v, new Set())]).toEqual(Array(4).fill(INVALID));
    }
  });

  it('text: trimmed; numeric cells keep their decimal form', () => {
    expect(parseText('  东湖社区 ')).toBe('东湖社区');
    expect(parseText(56923577)).toBe('56923577');
    expect(parseText('   ')).toBeNull();
  });
});
