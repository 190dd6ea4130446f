/**
 * Methods in words for the indicator and method sheets: how a leaf is scored, how a node's children are weighted,
 * what happens when a value is missing. Only wording; every number shown comes from the result.
 */
import type { IndicatorInfo, TimeLimit } from '../types.js';
import type { Labels } from './labels.js';

/** Methods whose weights come from the data and cannot be a formula in the workbook. */
export const DATA_DRIVEN = new Set(['entropy', 'critic', 'stdev', 'combined']);

export function scoringInWords(info: IndicatorInfo, L: Labels): string {
  const s = info.scoring;
  if (!s) return '';
  const method = String(s.method ?? s.type ?? '');
  const w = L.scoringWords;
  switch (method) {
    case 'threshold':
      return w.threshold(String(s.floor ?? ''), String(s.target ?? ''), info.direction === 'cost');
    case 'minmax':
    case 'ratio_to_best':
    case 'zscore':
    case 'rank':
    case 'identity':
      return w[method];
    case 'grade': {
      const table = s.table && typeof s.table === 'object' ? Object.entries(s.table as Record<string, unknown>).map(([k, v]) => `${k} ${String(v)}`) : [];
      return table.length ? `${w.grade}: ${table.join(', ')}` : w.grade;
    }
    default:
      return w.other(method);
  }
}

export function weightMethodInWords(method: string, L: Labels): string {
  const name = L.weightMethods[method] ?? method;
  return DATA_DRIVEN.has(method) ? `${name} (${L.indicators.dataDriven})` : name;
}

export function timeLimitInWords(t: TimeLimit, L: Labels): string {
  return t.unit === 'hours' ? L.method.hours(t.amount) : L.method.workdays(t.amount);
}
