import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseIdSet } from '../../src/io/case-id-set.js';

describe('CaseIdSet', () => {
  it('returns 0 for a new id and the first row for a repeated one', () => {
    const s = new CaseIdSet(16);
    expect(s.add('A1', 2)).toBe(0);
    expect(s.add('A2', 3)).toBe(0);
    expect(s.add('A1', 9)).toBe(2);
    expect(s.add('a1', 10)).toBe(0);
    expect(s.size).toBe(3);
  });

  it('agrees with a Set of strings while growing from a tiny table (200,000 distinct ids, no false positive)', () => {
    const s = new CaseIdSet(16);
    for (let i = 0; i < 200_000; i++) expect(s.add(`2026${String(i).padStart(8, '0')}`, i + 2)).toBe(0);
    expect(s.add('202600000000', 1)).toBe(2);
    expect(s.add('202600199999', 1)).toBe(200_001);
    expect(s.size).toBe(200_000);
  });

  it('finds exactly the repeats a Set finds, for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 300 }), (ids) => {
        const s = new CaseIdSet(16);
        const ref = new Map<string, number>();
        ids.forEach((id, i) => {
          const first = s.add(id, i + 1);
          expect(first).toBe(ref.get(id) ?? 0);
          if (!ref.has(id)) ref.set(id, i + 1);
        });
      }),
    );
  });
});
