/**
 * A seeded generator of qualitative ratings (考评议: expert review), one row per unit × indicator × rater, in the
 * form of design §3.3: 评估对象, 指标, 专家, 评分. Raters give grade labels 优/良/中/差, except one who writes
 * marks 0..100 (as some panels do); now and then a rater skips an indicator for a unit (no row).
 *
 * A rater's view of a unit on an indicator is
 *   latent = 78 + 30·(quality − 0.6) + unit-indicator effect (σ 5) + rater severity + noise (σ 5)
 * and a label is 优 ≥ 88, 良 ≥ 78, 中 ≥ 65, else 差, so raters mostly agree (Kendall's W well above 0) without
 * agreeing perfectly.
 *
 * Fixed points (bonus points, penalty points, veto flags) are written by one rater (the assessment office,
 * 考评办) as given.
 *
 * @example generateRatingsCsv({ seed: 3, units: [{ name: '青禾社区', quality: 0.9 }], indicators: ['conduct'], raters: ['专家A'], numericRaters: [], fixed: [] })
 */
import { Prng } from './prng.js';

export interface RatingsOptions {
  seed: number;
  units: readonly { name: string; quality: number }[];
  /** Rated indicator ids (as the indicator system's `ratings.<id>` metrics name them). */
  indicators: readonly string[];
  raters: readonly string[];
  /** Raters who write numbers 0..100 instead of labels. */
  numericRaters: readonly string[];
  /** Rows written as given, after the graded ones: bonus/penalty points, veto flags. */
  fixed: readonly { unit: string; indicator: string; rater: string; value: string }[];
  /** Share of (unit, indicator, rater) cells left without a rating; default 0.01. */
  skipRate?: number;
}

function label(score: number): string {
  return score >= 88 ? '优' : score >= 78 ? '良' : score >= 65 ? '中' : '差';
}

export function generateRatingsCsv(opts: RatingsOptions): string {
  const r = new Prng(opts.seed);
  const severity = new Map(opts.raters.map((name) => [name, 4 * r.normal()]));
  const lines = ['评估对象,指标,专家,评分'];
  for (const unit of opts.units) {
    for (const indicator of opts.indicators) {
      const effect = 5 * r.normal();
      for (const rater of opts.raters) {
        if (r.chance(opts.skipRate ?? 0.01)) continue;
        const latent = 78 + 30 * (unit.quality - 0.6) + effect + severity.get(rater)! + 5 * r.normal();
        const value = opts.numericRaters.includes(rater) ? String(Math.max(0, Math.min(100, Math.round(latent)))) : label(latent);
        lines.push([unit.name, indicator, rater, value].join(','));
      }
    }
  }
  for (const f of opts.fixed) lines.push([f.unit, f.indicator, f.rater, f.value].join(','));
  return lines.join('\r\n') + '\r\n';
}
