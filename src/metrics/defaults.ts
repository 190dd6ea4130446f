import type { MetricSettings } from '../types.js';

/**
 * The default metric settings (design §4, §5). Time limits follow the seed articles where they speak — contact
 * within 1 working day for non-urgent cases, general cases closed within 5 working days, complex within 15 —
 * and common local rules where they do not (urgent: contact 2 hours, close 24 hours; consult: 1 working day).
 * The indicator system file may override any of them.
 *
 * | class   | contact        | close           |
 * |---------|----------------|-----------------|
 * | urgent  | 2 hours        | 24 hours        |
 * | general | 1 working day  | 5 working days  |
 * | complex | 1 working day  | 15 working days |
 * | consult | 1 working day  | 1 working day   |
 *
 * Satisfaction levels score 5→100, 4→80, 3→60, 2→40, 1→20; 非常满意, 满意, 基本满意 (5, 4, 3) count as satisfied.
 *
 * @example DEFAULT_METRIC_SETTINGS.timeLimits.general.close // → { amount: 5, unit: 'workdays' }
 */
export const DEFAULT_METRIC_SETTINGS: MetricSettings = {
  timeLimits: {
    urgent: { contact: { amount: 2, unit: 'hours' }, close: { amount: 24, unit: 'hours' } },
    general: { contact: { amount: 1, unit: 'workdays' }, close: { amount: 5, unit: 'workdays' } },
    complex: { contact: { amount: 1, unit: 'workdays' }, close: { amount: 15, unit: 'workdays' } },
    consult: { contact: { amount: 1, unit: 'workdays' }, close: { amount: 1, unit: 'workdays' } },
  },
  satisfaction: {
    levelScores: { 5: 100, 4: 80, 3: 60, 2: 40, 1: 20 },
    satisfiedLevels: [5, 4, 3],
  },
  survey: { items: [], minN: 30 },
  ratings: {
    scale: { 优: 95, 良: 85, 中: 70, 差: 50 },
    aggregate: 'mean',
    perIndicator: {},
  },
  custom: [],
};

/** A deep copy of the defaults, for callers that adjust settings (the shared constant must never be mutated). */
export function defaultMetricSettings(): MetricSettings {
  return structuredClone(DEFAULT_METRIC_SETTINGS);
}
