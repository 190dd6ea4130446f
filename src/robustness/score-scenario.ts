/**
 * Rescores an assessment under a scenario's weight overrides, reusing the metrics of an existing run: weights do
 * not change any metric, so only the scoring stage runs again (src/scoring/score-assessment.ts, whose
 * `weightOverrides` rule the scenarios file documents). Leaf scores that depend on the other units (min–max,
 * z-score, rank) and data-driven weights come out exactly as a full run with these weights would give them.
 * @throws ConfigError if the scoring stage rejects the system (it was already accepted once, so in practice never)
 * @example scoreScenario(base, system, { path: 'indicators/x.yaml', sha256 }, { satisfaction: 0.4 }).units[0].rank // → 1
 */
import type { IndicatorSystem } from '../model/indicator-system.js';
import { scoreAssessment } from '../scoring/score-assessment.js';
import type { AssessmentResult } from '../model/result.js';

export function scoreScenario(
  base: AssessmentResult,
  system: IndicatorSystem,
  systemFile: { path: string; sha256: string },
  weights: Record<string, number>,
): AssessmentResult {
  const assessmentFile = base.config.assessment;
  return scoreAssessment({
    system,
    systemFile,
    assessment: assessmentFile
      ? { ...assessmentFile, title: base.assessment.title, client: base.assessment.client, evaluator: base.assessment.evaluator, texts: base.assessment.texts }
      : null,
    metrics: base.metrics,
    version: base.tool.version,
    generatedAt: base.generated_at,
    weightOverrides: weights,
  });
}
