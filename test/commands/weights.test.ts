// `govscore weights`: called directly (so these run even while the tree does not build) and, once per
// outcome, through the built CLI as a user runs it (exit codes 0 / 2 / 3, JSON parsed).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runWeights } from '../../src/commands/weights.js';
import { DataError, UsageError } from '../../src/errors.js';
import { captured } from '../helpers/capture-stdout.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => join(root, 'test/fixtures/matrices', name);


async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not reject');
}

afterEach(() => vi.restoreAllMocks());

describe('runWeights ahp', () => {
  it('prints weights, λmax, CI, CR and the RI table for a consistent matrix written with fractions', async () => {
    const out = await captured(() => runWeights('ahp', fixture('ahp-consistent.csv'), {}));
    // a_ij = w_i/w_j with w = (2, 8, 1)/11: 0.1818, 0.7273, 0.0909.
    expect(out).toMatch(/办结率\s+0\.1818/);
    expect(out).toMatch(/满意度\s+0\.7273/);
    expect(out).toMatch(/回访率\s+0\.0909/);
    expect(out).toMatch(/λmax = 3\.0000/);
    expect(out).toMatch(/RI = 0\.58 \(Saaty \(1980\)\)/);
  });

  it('writes the JSON contract to stdout with --json -', async () => {
    const out = await captured(() => runWeights('ahp', fixture('ahp-two-experts.yaml'), { json: '-', ri: 'chinese' }));
    const j = JSON.parse(out);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['method', 'weights', 'lambda_max', 'ci', 'cr', 'ri', 'scores']));
    expect(j.method).toBe('ahp');
    expect(j.experts).toBe(2);
    expect(j.ri).toEqual({ table: 'chinese', name: expect.stringContaining('Chinese'), value: 0.52 });
    expect(j.scores).toBeNull();
    // Element-wise geometric mean of the two experts: 效率/质量 = √(2·½) = 1, 效率/满意度 = √(½·¼) = 0.353553,
    // 质量/满意度 = √(⅓·½) = 0.408248 — so 效率 and 质量 are close and 满意度 dominates.
    const w = j.weights as Record<string, number>;
    expect(Object.keys(w)).toEqual(['效率', '质量', '满意度']);
    expect(w['满意度']).toBeGreaterThan(0.5);
    expect(Math.abs(Object.values(w).reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
  });

  it('reads several experts from a CSV with blank lines between matrices like the YAML', async () => {
    const fromCsv = JSON.parse(await captured(() => runWeights('ahp', fixture('ahp-two-experts.csv'), { json: '-' })));
    const fromYaml = JSON.parse(await captured(() => runWeights('ahp', fixture('ahp-two-experts.yaml'), { json: '-' })));
    expect(fromCsv.weights).toEqual(fromYaml.weights);
  });

  it('fails an inconsistent matrix with a data error naming the worst judgement, unless allowed', async () => {
    const e = await rejection(runWeights('ahp', fixture('ahp-esri-inconsistent.csv'), {}));
    expect(e).toBeInstanceOf(DataError);
    const d = e as DataError;
    expect(d.message).toMatch(/CR = 0\.33\d+ ≥ 0\.10/);
    expect(d.message).toMatch(/Dist_to_Road vs Dist_to_Elect: given 5/);
    expect(d.location).toMatchObject({ row: 5, column: 'Dist_to_Elect' });
    const out = await captured(() => runWeights('ahp', fixture('ahp-esri-inconsistent.csv'), { allowInconsistent: true, ahpMethod: 'sum_product', json: '-' }));
    expect(JSON.parse(out).cr).toBeGreaterThan(0.1);
  });

  it('names the cell of a non-reciprocal or non-positive matrix', async () => {
    const e = (await rejection(runWeights('ahp', fixture('ahp-not-reciprocal.csv'), {}))) as DataError;
    expect(e).toBeInstanceOf(DataError);
    expect(e.location).toMatchObject({ row: 4, column: 'B' });
    const y = (await rejection(runWeights('ahp', fixture('ahp-non-positive.yaml'), {}))) as DataError;
    expect(y.location).toMatchObject({ path: 'matrix[0][2]' });
  });

  it('rejects unknown methods and option values as usage errors', async () => {
    expect(await rejection(runWeights('vote', fixture('communities.csv'), {}))).toBeInstanceOf(UsageError);
    expect(await rejection(runWeights('ahp', fixture('ahp-consistent.csv'), { ahpMethod: 'power' }))).toBeInstanceOf(UsageError);
    expect(await rejection(runWeights('ahp', fixture('ahp-consistent.csv'), { ri: 'alonso' }))).toBeInstanceOf(UsageError);
  });
});

describe('runWeights entropy / critic / stdev', () => {
  it('prints one weight per indicator, 4 decimals, summing to 1', async () => {
    for (const method of ['entropy', 'critic', 'stdev']) {
      const out = await captured(() => runWeights(method, fixture('communities.csv'), { cost: 'return_rate' }));
      const weights = [...out.matchAll(/^(on_time_rate|satisfaction|return_rate)\s+(\d\.\d{4})$/gm)].map((m) => Number(m[2]));
      expect(weights, out).toHaveLength(3);
      expect(Math.abs(weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(3e-4);
    }
  });

  it('reflects a cost column for entropy (x′ = max + min − x)', async () => {
    // communities.csv return_rate = (0.02, 0.05, 0.01, 0.08) → reflected (0.07, 0.04, 0.08, 0.01); the weights
    // must equal those of the file with that column replaced.
    const { entropyWeights } = await import('../../src/scoring/weights/entropy.js');
    const expected = entropyWeights([
      [0.95, 88, 0.07],
      [0.8, 92, 0.04],
      [0.9, 75, 0.08],
      [0.7, 80, 0.01],
    ]);
    const j = JSON.parse(await captured(() => runWeights('entropy', fixture('communities.csv'), { cost: 'return_rate', json: '-' })));
    Object.values(j.weights as Record<string, number>).forEach((w, k) => expect(w).toBeCloseTo(expected[k], 12));
    expect(j).toMatchObject({ method: 'entropy', lambda_max: null, ci: null, cr: null, ri: null, scores: null });
  });

  it('maps entropy errors to the file, and lists the columns for an unknown --cost', async () => {
    const neg = (await rejection(runWeights('entropy', fixture('entropy-negative.csv'), {}))) as DataError;
    expect(neg).toBeInstanceOf(DataError);
    expect(neg.location).toMatchObject({ row: 3, column: 'b' });
    expect(neg.hint).toBeTruthy();
    const zero = (await rejection(runWeights('entropy', fixture('entropy-zero-column.csv'), {}))) as DataError;
    expect(zero.location).toMatchObject({ column: 'b' });
    const bad = (await rejection(runWeights('stdev', fixture('bad-cell.csv'), {}))) as DataError;
    expect(bad.location).toMatchObject({ row: 3, column: 'b' });
    const usage = await rejection(runWeights('critic', fixture('communities.csv'), { cost: 'return' }));
    expect(usage).toBeInstanceOf(UsageError);
    expect(usage.message).toMatch(/on_time_rate, satisfaction, return_rate/);
    expect(await rejection(runWeights('entropy', fixture('missing.csv'), {}))).toBeInstanceOf(DataError);
  });

  it('writes a JSON file atomically when --json names a path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govscore-weights-'));
    const target = join(dir, 'out', 'w.json');
    const out = await captured(() => runWeights('stdev', fixture('communities.csv'), { json: target }));
    expect(out).toMatch(/standard-deviation weights/);
    expect(JSON.parse(readFileSync(target, 'utf8')).method).toBe('stdev');
  });
});

describe('govscore weights (built CLI)', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/govscore'), ...args], { encoding: 'utf8' });
  it('exit 0 with JSON on stdout', () => {
    const r = cli('weights', 'ahp', fixture('ahp-consistent.csv'), '--json', '-');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).cr).toBeCloseTo(0, 10);
  });
  it('exit 3 for an inconsistent matrix, naming the judgement on stderr', () => {
    const r = cli('weights', 'ahp', fixture('ahp-esri-inconsistent.csv'));
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/row 5, column Dist_to_Elect/);
  });
  it('exit 2 for an unknown --cost column', () => {
    const r = cli('weights', 'entropy', fixture('communities.csv'), '--cost', 'nope');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/the columns are/);
  });
});

describe('a bad judgement is named in its cell, as the file shows it (issue 12)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'govscore-ahp-'));
  let k = 0;
  const file = (text: string) => {
    const p = join(dir, `m${k++}.csv`);
    writeFileSync(p, text);
    return p;
  };
  const located = async (text: string) => (await rejection(runWeights('ahp', file(text), {}))) as DataError;

  it('NaN in row 1 and column 1 is a bad entry, not a header and a label column (it was read as a labelled 2×2)', async () => {
    const e = await located('1,NaN,5\nNaN,1,2\n1/5,1/2,1\n');
    expect(e).toBeInstanceOf(DataError);
    expect(e.location).toMatchObject({ row: 1, column: 'B' });
    expect(e.message).toMatch(/"NaN" is not a number/);
  });

  it('a typo in row 1 is named in row 1 (it was blamed on row 2 as a matrix that is not square)', async () => {
    expect((await located('1,3x,5\n1/3,1,2\n1/5,1/2,1\n')).location).toMatchObject({ row: 1, column: 'B' });
    // Two criteria: the only other cell of row 1 is the typo, yet the square reading wins.
    expect((await located('1,3x\n1/3,1\n')).location).toMatchObject({ row: 1, column: 'B' });
  });

  it('a typo in the first column is named there, not taken for a label', async () => {
    expect((await located('1,3,5\n1/3x,1,2\n1/5,1/2,1\n')).location).toMatchObject({ row: 2, column: 'A' });
  });

  it('with a header and labels, the cell is named by its criterion', async () => {
    expect((await located(',a,b,c\na,1,3x,5\nb,1/3,1,2\nc,1/5,1/2,1\n')).location).toMatchObject({ row: 2, column: 'b' });
  });

  it('Infinity and 1e999 are not numbers', async () => {
    const inf = await located('1,Infinity\n0,1\n');
    expect(inf.location).toMatchObject({ row: 1, column: 'B' });
    expect(inf.message).toMatch(/"Infinity" is not a number/);
    const big = await located('1,1e999\n0,1\n');
    expect(big.location).toMatchObject({ row: 1, column: 'B' });
    expect(big.message).toMatch(/"1e999" is too large: not a finite number/);
  });

  it('matrices are read by the project CSV tokenizer (issue 13): a stray quote after a judgement is that cell\'s bad entry', async () => {
    // csv-parse, used here before, rejected the whole file ("Invalid Closing Quote"); the tokenizer reads "3"x
    // as the text "3"x (as for case logs), which is then named in its cell like any other typo.
    const e = await located(',a,b\na,1,"3"x\nb,1/3,1\n');
    expect(e.location).toMatchObject({ row: 2, column: 'b' });
    expect(e.message).toMatch(/not a number/);
    const open = await located('1,3\n"1/3,1\n');
    expect(open.location).toMatchObject({ row: 2 });
    expect(open.message).toMatch(/not a readable CSV file: Quote Not Closed/);
  });

  it('an entropy column whose squares overflow is named, with its largest entry', async () => {
    const e = (await rejection(runWeights('entropy', file('unit,a,b\nu1,1e200,1\nu2,2e200,2\n'), {}))) as DataError;
    expect(e.location).toMatchObject({ row: 3, column: 'a' });
    expect(e.message).toMatch(/up to 2e\+200.*squares overflow/);
  });
});
