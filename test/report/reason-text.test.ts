/**
 * Every data-quality reason the engine writes has a line in the reason table (src/report/reason-text.ts), so a zh
 * report never shows an English reason: (1) every reason written in src/ — the R_/W_ constants and the literal
 * reasons of tally.problem and ledger.note calls, found by reading the sources — and (2) every reason of the sample
 * quarter's ledger. Also the weighting notes of src/scoring/node-weights.ts and the values the readers decorate.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownReason, localiseField, localiseIssueValue, localiseReason, localiseWeightNote } from '../../src/report/reason-text.js';
import { labels } from '../../src/report/labels.js';
import type { AssessmentResult } from '../../src/model/result.js';

const root = resolve(__dirname, '../..');
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Reason strings written in the sources: constants named R_… / W_…, and literals passed as a problem's reason. */
function reasonsInSources(): string[] {
  const out = new Set<string>();
  for (const f of [...files(join(src, 'io')), ...files(join(src, 'metrics')), ...files(join(src, 'pipeline'))]) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/const [RW]_[A-Z_]+ = '([^']+)'/g)) out.add(m[1]);
    for (const m of text.matchAll(/\.problem\([^;]*?'([^']+)',\s*'(?:error|warning|info)'\)/g)) out.add(m[1]);
  }
  return [...out];
}

describe('data-quality reasons in the report language', () => {
  it('every reason written in src/ has a Chinese line', () => {
    const reasons = reasonsInSources();
    // The readers' reasons: enough of them that the scan is really reading the sources.
    expect(reasons.length).toBeGreaterThan(15);
    expect(reasons.filter((r) => !knownReason(r))).toEqual([]);
    for (const r of reasons) expect(localiseReason(r, 'zh')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('the duplicate-rating note of the metric stage (a template) has a Chinese line', () => {
    // compute-metrics.ts: `rater rated ${dup.unit} / ${dup.indicator} more than once; the later row is used`
    expect(localiseReason('rater rated 东湖社区 / conduct more than once; the later row is used', 'zh')).toBe('评分人对“东湖社区”的“conduct”重复评分，采用后一行');
  });

  it('every reason of the sample assessments’ ledgers has a Chinese line', () => {
    const out = mkdtempSync(join(tmpdir(), 'govscore-reasons-'));
    const seen = new Set<string>();
    for (const sample of ['assessment.yaml', 'assessment-nanhu.yaml']) {
      const json = join(out, `${sample}.json`);
      const r = spawnSync(process.execPath, [join(root, 'bin/govscore'), 'assess', join(root, 'samples', sample), '-o', join(out, `${sample}.xlsx`), '--json', json, '-q'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const result = JSON.parse(readFileSync(json, 'utf8')) as AssessmentResult;
      for (const reason of Object.keys(result.data_quality.by_reason)) seen.add(reason);
    }
    // samples/generate.mjs injects faults of several kinds (test/samples.test.ts checks which).
    expect(seen.size).toBeGreaterThanOrEqual(5);
    expect([...seen].filter((r) => !knownReason(r))).toEqual([]);
  }, 60_000);

  it('shows an unknown reason as 其他数据问题 with the English kept, and English reports unchanged', () => {
    expect(localiseReason('something new', 'zh')).toBe('其他数据问题（something new）');
    expect(localiseReason('unit not in the registry', 'en')).toBe('unit not in the registry');
  });

  it('localises decorated values and field labels', () => {
    expect(localiseIssueValue('GD2026071300003 (first seen at row 628)', 'zh')).toBe('GD2026071300003（首次出现于第628行）');
    expect(localiseIssueValue('7 cells, header has 9', 'zh')).toBe('7个单元格，表头9列');
    expect(localiseField('受理时间 (received_at)', 'zh')).toBe('受理时间');
    expect(localiseField('rater', 'zh')).toBe('评分人');
    expect(localiseField('受理时间 (received_at)', 'en')).toBe('受理时间 (received_at)');
  });

  it('localises the weighting notes (node-weights.ts)', () => {
    const L = labels('zh');
    expect(localiseWeightNote('α = 0.5: 0.5 × direct + 0.5 × entropy', 'zh', L)).toBe('α = 0.5：0.5 × 直接赋权 + 0.5 × 熵权法');
    expect(localiseWeightNote("3 experts' matrices combined by element-wise geometric mean", 'zh', L)).toBe('3位专家的判断矩阵按元素取几何平均后合成');
    expect(localiseWeightNote('entropy: computed over 7 units; 2 unit(s) with a missing child score left out', 'zh', L)).toBe('熵权法：按7个评估对象的数据计算；2个下级指标得分不全的评估对象未参与计算');
  });
});

describe('run warnings in the report language', () => {
  it('every warning code the sources write has a Chinese sentence, and an unknown code a generic one without English', async () => {
    const { LOCALISED_WARNING_CODES, localiseWarning } = await import('../../src/report/warning-text.js');
    const codes = new Set<string>();
    for (const f of files(src)) for (const m of readFileSync(f, 'utf8').matchAll(/\bcode: '([a-z_]+)',/g)) codes.add(m[1]);
    codes.delete('EISDIR');
    expect(codes.size).toBeGreaterThanOrEqual(5);
    expect([...codes].filter((c) => !LOCALISED_WARNING_CODES.includes(c))).toEqual([]);
    const ctx = { lang: 'zh', result: { indicators: [] } } as unknown as Parameters<typeof localiseWarning>[0];
    const text = localiseWarning(ctx, { kind: 'warning', code: 'brand_new', where: 'data/cases.csv', params: { count: 3 }, message: 'three things happened' });
    expect(text).not.toMatch(/three|brand|new/);
    expect(text).toContain('cases.csv');
    expect(text).toContain('3');
  });
});
