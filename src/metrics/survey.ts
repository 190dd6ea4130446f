import { ConfigError, DataError } from '../errors.js';
import { cronbachAlpha } from '../stats/cronbach-alpha.js';
import { marginOfError } from '../stats/margin-of-error.js';
import type { MetricSettings, SatisfactionLevel, SurveyResponse, SurveyResult, SurveyUnitResult } from '../types.js';

type SurveyItem = MetricSettings['survey']['items'][number];

/**
 * Resident-survey metrics per unit and overall (design §5).
 *
 * - Item score s = the answer's level score (settings.satisfaction.levelScores, default 5→100 … 1→20).
 *   Blank and "don't know" answers are null and count nowhere (missing, not zero).
 * - Respondent score = the item-weighted mean of the items that respondent answered,
 *   Σ w_i s_i / Σ w_i over answered items (weights renormalised over what was answered, so a skipped
 *   item neither pulls the score down nor up).
 * - `index` = the respondent-weighted mean of respondent scores, Σ v_r x_r / Σ v_r, over respondents with
 *   at least one valid answer; `n` counts those respondents. Respondent first, then the mean over
 *   respondents: every respondent carries their survey weight v_r, however many items they answered.
 * - `rate` = Σ_r v_r·(satisfied answers of r) / Σ_r v_r·(valid answers of r): the respondent-weighted
 *   share of all valid answers in settings.satisfaction.satisfiedLevels (item weights do not enter).
 * - `moe` = 95 % margin of error of the index over the respondent scores, with the respondent weights
 *   (Kish's effective n; equal weights give 1.96·s/√n) — see stats/margin-of-error.
 * - `lowN` = n < settings.survey.minN.
 * - `alpha` = Cronbach's alpha over the item scores of all items, respondents with a missing item left out
 *   (listwise), unweighted — see stats/cronbach-alpha.
 * - `items[id]` = the respondent-weighted mean item score over respondents who answered it.
 * - `dimensions[d]` = index and alpha computed as above over the items whose `dimension` is d; items
 *   without a dimension belong to none.
 * - `overall` = the same over all respondents of all units.
 *
 * When settings.survey.items is empty, the items are every answer key seen (sorted), equally weighted,
 * without dimensions. Every unit that appears in the responses appears in the result, with null where
 * a denominator is empty. Responses are processed in row order, so shuffling them changes nothing.
 *
 * @throws ConfigError if an item weight is negative or not finite, or an answer's level has no score
 * @throws DataError (row, column weight) if a respondent weight is not a finite number > 0
 */
export function computeSurvey(responses: SurveyResponse[], settings: MetricSettings): SurveyResult {
  const items = surveyItems(responses, settings);
  const { levelScores, satisfiedLevels } = settings.satisfaction;
  const satisfied = new Set<SatisfactionLevel>(satisfiedLevels);

  for (const r of responses) {
    if (!Number.isFinite(r.weight) || r.weight <= 0) {
      throw new DataError(`respondent weight ${r.weight} is not a number greater than 0`, { row: r.row, column: 'weight' });
    }
  }
  const ordered = [...responses].sort(byRowThenKey);
  const scored = ordered.map((r) => scoreRespondent(r, items, levelScores, satisfied));

  const byUnit = new Map<string, ScoredRespondent[]>();
  for (const s of scored) {
    const group = byUnit.get(s.unit);
    if (group) group.push(s);
    else byUnit.set(s.unit, [s]);
  }
  const units: Record<string, SurveyUnitResult> = {};
  for (const unit of [...byUnit.keys()].sort(compareText)) {
    units[unit] = summarise(byUnit.get(unit)!, items, settings.survey.minN);
  }
  return {
    items: items.map((i) => ({ ...i })),
    minN: settings.survey.minN,
    units,
    overall: summarise(scored, items, settings.survey.minN),
  };
}

interface ScoredRespondent {
  unit: string;
  weight: number;
  /** Item score per item, in item order; null when not answered. */
  scores: (number | null)[];
  validAnswers: number;
  satisfiedAnswers: number;
}

function surveyItems(responses: SurveyResponse[], settings: MetricSettings): SurveyItem[] {
  const configured = settings.survey.items;
  configured.forEach((item, i) => {
    if (!Number.isFinite(item.weight) || item.weight < 0) {
      throw new ConfigError(`survey item ${item.id} has weight ${item.weight}; weights must be numbers ≥ 0`, {
        path: `survey.items[${i}].weight`,
      });
    }
  });
  if (configured.length > 0) return configured;
  const seen = new Set<string>();
  for (const r of responses) for (const id of Object.keys(r.answers)) seen.add(id);
  return [...seen].sort(compareText).map((id) => ({ id, dimension: null, weight: 1 }));
}

function scoreRespondent(
  r: SurveyResponse,
  items: SurveyItem[],
  levelScores: Record<SatisfactionLevel, number>,
  satisfied: Set<SatisfactionLevel>,
): ScoredRespondent {
  let validAnswers = 0;
  let satisfiedAnswers = 0;
  const scores = items.map((item) => {
    const level = r.answers[item.id];
    if (level === null || level === undefined) return null;
    const score = levelScores[level];
    if (!Number.isFinite(score)) {
      throw new ConfigError(`satisfaction level ${level} has no score`, { path: `satisfaction.levelScores.${level}` });
    }
    validAnswers++;
    if (satisfied.has(level)) satisfiedAnswers++;
    return score;
  });
  return { unit: r.unit, weight: r.weight, scores, validAnswers, satisfiedAnswers };
}

/** Σ w_i s_i / Σ w_i over the answered items among `itemIndexes`; null when none answered (or all weight 0). */
function respondentScore(s: ScoredRespondent, items: SurveyItem[], itemIndexes: number[]): number | null {
  let weighted = 0;
  let weightSum = 0;
  for (const i of itemIndexes) {
    const score = s.scores[i];
    if (score === null) continue;
    weighted += items[i].weight * score;
    weightSum += items[i].weight;
  }
  return weightSum > 0 ? weighted / weightSum : null;
}

function weightedMean(values: number[], weights: number[]): number | null {
  let weighted = 0;
  let weightSum = 0;
  values.forEach((v, i) => {
    weighted += weights[i] * v;
    weightSum += weights[i];
  });
  return weightSum > 0 ? weighted / weightSum : null;
}

function indexOver(group: ScoredRespondent[], items: SurveyItem[], itemIndexes: number[]) {
  const scores: number[] = [];
  const weights: number[] = [];
  for (const s of group) {
    const score = respondentScore(s, items, itemIndexes);
    if (score === null) continue;
    scores.push(score);
    weights.push(s.weight);
  }
  return { n: scores.length, index: weightedMean(scores, weights), scores, weights };
}

function summarise(group: ScoredRespondent[], items: SurveyItem[], minN: number): SurveyUnitResult {
  const all = items.map((_, i) => i);
  const { n, index, scores, weights } = indexOver(group, items, all);

  let satisfiedMass = 0;
  let validMass = 0;
  for (const s of group) {
    satisfiedMass += s.weight * s.satisfiedAnswers;
    validMass += s.weight * s.validAnswers;
  }

  const itemMeans: Record<string, number | null> = {};
  items.forEach((item, i) => {
    const answered = group.filter((s) => s.scores[i] !== null);
    itemMeans[item.id] = weightedMean(
      answered.map((s) => s.scores[i] as number),
      answered.map((s) => s.weight),
    );
  });

  const dimensions: Record<string, { index: number | null; alpha: number | null }> = {};
  const dimensionIds = [...new Set(items.map((i) => i.dimension).filter((d): d is string => d !== null))];
  for (const d of dimensionIds) {
    const members = all.filter((i) => items[i].dimension === d);
    dimensions[d] = {
      index: indexOver(group, items, members).index,
      alpha: cronbachAlpha(group.map((s) => members.map((i) => s.scores[i]))),
    };
  }

  return {
    n,
    index,
    rate: validMass > 0 ? satisfiedMass / validMass : null,
    moe: marginOfError(scores, weights),
    lowN: n < minN,
    alpha: cronbachAlpha(group.map((s) => s.scores)),
    items: itemMeans,
    dimensions,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byRowThenKey(a: SurveyResponse, b: SurveyResponse): number {
  return a.row - b.row || compareText(a.unit, b.unit) || compareText(a.respondentId ?? '', b.respondentId ?? '');
}
