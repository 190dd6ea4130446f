/**
 * `govscore compare` speaks through the label tables (issue 13 §2): its terminal table and its workbook take every
 * fixed word from labels(lang).compare, so neither src/commands/compare.ts nor src/report/compare-workbook.ts holds
 * Chinese text or a branch on the language. The exact texts below are those the command printed before the words
 * moved (captured from the code of commit 3f015aa), for a comparison with a grade change and a unit not assessed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatComparison } from '../../src/commands/compare.js';
import { buildCompareWorkbook } from '../../src/report/compare-workbook.js';
import { labels } from '../../src/report/labels.js';
import type { ScenarioComparison } from '../../src/robustness/compare-scenarios.js';
import { PACKAGE_ROOT } from '../../src/version.js';

const comparison: ScenarioComparison = {
  scenarios: [
    { name: 'base', description: null, indicator_system: 'base.yaml', overrides: {} },
    { name: 'S', description: 'b ×3', indicator_system: 'base.yaml', overrides: { b: 3 } },
  ],
  units: [
    { unit: 'U1', name: null, base_total: 85, base_rank: 1, base_grade: '良好', scenarios: { S: { total: 92, rank: 1, rank_change: 0, grade: '优秀', grade_changed: true } } },
    { unit: 'U2', name: null, base_total: null, base_rank: null, base_grade: null, scenarios: { S: { total: null, rank: null, rank_change: null, grade: null, grade_changed: null } } },
  ],
  correlations: [{ a: 'base', b: 'S', spearman: 1, kendall_tau_b: 1, n: 1 }],
  grade_changes: [{ unit: 'U1', scenario: 'S', from: '良好', to: '优秀' }],
};

describe('compare: every fixed word from the label tables', () => {
  it('the command and the workbook hold no Chinese text and no branch on the language', () => {
    for (const f of ['src/commands/compare.ts', 'src/report/compare-workbook.ts']) {
      const text = readFileSync(join(PACKAGE_ROOT, f), 'utf8');
      expect(text.match(/[\u4e00-\u9fff]+/g), f).toBeNull();
      expect(text, f).not.toMatch(/lang === 'zh'|=== 'en'|\bzh \?/);
    }
  });

  it('prints the zh table exactly as before', () => {
    expect(formatComparison(comparison, 'zh').split('\n')).toEqual([
      '基准名次  评估对象  基准总分  等级    S 总分  名次(变化)  等级',
      '────────  ────────  ────────  ──────  ──────  ──────────  ──────',
      '       1  U1           85.00  良好     92.00       1 (0)  优秀 *',
      '       —  U2               —  未评估       —           —  —',
      '',
      '排名相关性（Spearman ρ / Kendall τ-b）:',
      '  基准 ↔ S: ρ = 1.000, τb = 1.000 (n = 1)',
      '',
      '等级变化（* 标记）:',
      '  U1 [S]: 良好 → 优秀',
      '',
    ]);
  });

  it('prints the en table exactly as before', () => {
    expect(formatComparison(comparison, 'en').split('\n')).toEqual([
      'rank  unit  total  grade         S total  rank (Δ)  grade',
      '────  ────  ─────  ────────────  ───────  ────────  ──────',
      '   1  U1    85.00  良好            92.00     1 (0)  优秀 *',
      '   —  U2        —  not assessed        —         —  —',
      '',
      'Rank correlations (Spearman ρ / Kendall τ-b):',
      '  base ↔ S: ρ = 1.000, τb = 1.000 (n = 1)',
      '',
      'Grade changes (marked *):',
      '  U1 [S]: 良好 → 优秀',
      '',
    ]);
  });

  it('names the workbook sheets and headers from labels(lang).compare', () => {
    for (const lang of ['zh', 'en'] as const) {
      const L = labels(lang).compare;
      const wb = buildCompareWorkbook(comparison, lang);
      expect(wb.worksheets.map((w) => w.name)).toEqual([L.table, L.correlations, L.gradeChanges, L.definitions]);
      expect(wb.worksheets[1].getRow(2).values).toEqual([undefined, L.base, 'S', 1, 1, 1]);
      expect(wb.worksheets[3].getRow(2).getCell(1).value).toBe(L.base);
    }
  });
});
