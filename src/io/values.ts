/**
 * Cell values → canonical values (design §3): urgency classes, booleans, five-level satisfaction, counts,
 * survey answers, rating values, plain text and numbers.
 *
 * Every parser takes a cell (string, number, Date or null) and returns the canonical value, `null` when the cell
 * is empty, or `INVALID` when it holds something that cannot be read — the caller decides whether that rejects
 * the row (a required field) or only drops the value with a warning (an optional one). Labels are compared after
 * trimming and case-folding. None of these throws.
 *
 * @example parseUrgency('紧急') // → 'urgent'
 * @example parseBoolean('已解决') // → true
 * @example parseSatisfaction('基本满意') // → 3
 * @example parseCount('-1') // → INVALID
 */
import type { SatisfactionLevel, Urgency } from '../types.js';
import type { CellValue } from './datetime.js';

/** Marks a cell that holds something unreadable (distinct from null = empty). */
export const INVALID: unique symbol = Symbol('invalid');
export type Parsed<T> = T | null | typeof INVALID;

/** The label form of a cell: trimmed, lower case; numbers in their shortest decimal form. */
export function labelOf(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim().toLowerCase();
  if (typeof v === 'number') return String(v);
  return v.toISOString();
}

/** Text of a cell, trimmed, or null when empty. XLSX numbers become their decimal text (case ids such as 56923577). */
export function parseText(v: CellValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? null : s;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  return v.toISOString().slice(0, 19);
}

/** A label table as a Map (a plain object would answer "constructor" with Object's own property). */
function labels<T>(o: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(o));
}

/**
 * Looks a cell up in a label table: the exact text first (what almost every export writes, and the cheap path on
 * millions of rows), then its trimmed, case-folded form.
 */
function lookup<T>(table: Map<string, T>, v: CellValue | undefined): Parsed<T> {
  if (typeof v === 'string') {
    const hit = table.get(v);
    if (hit !== undefined) return hit;
  }
  const s = labelOf(v);
  if (s === '') return null;
  const hit = table.get(s);
  return hit === undefined ? INVALID : hit;
}

const URGENCY_LABELS = labels<Urgency>({
  urgent: 'urgent',
  general: 'general',
  complex: 'complex',
  consult: 'consult',
  紧急: 'urgent',
  一般: 'general',
  复杂: 'complex',
  咨询: 'consult',
  紧急件: 'urgent',
  一般件: 'general',
  复杂件: 'complex',
  咨询件: 'consult',
});

/** The labels parseUrgency reads (for messages that say what is expected). */
export const URGENCY_WORDS: readonly string[] = [...URGENCY_LABELS.keys()];

export function parseUrgency(v: CellValue | undefined): Parsed<Urgency> {
  return lookup(URGENCY_LABELS, v);
}

const BOOLEAN_LABELS = labels<boolean>({
  是: true,
  否: false,
  已解决: true,
  未解决: false,
  true: true,
  false: false,
  '1': true,
  '0': false,
  y: true,
  n: false,
  yes: true,
  no: false,
});

/** The labels parseBoolean reads. */
export const BOOLEAN_WORDS: readonly string[] = [...BOOLEAN_LABELS.keys()];

export function parseBoolean(v: CellValue | undefined): Parsed<boolean> {
  return lookup(BOOLEAN_LABELS, v);
}

const SATISFACTION_LABELS = labels<SatisfactionLevel>({
  非常满意: 5,
  满意: 4,
  基本满意: 3,
  不满意: 2,
  非常不满意: 1,
  '5': 5,
  '4': 4,
  '3': 3,
  '2': 2,
  '1': 1,
});

/** The labels parseSatisfaction reads. */
export const SATISFACTION_WORDS: readonly string[] = [...SATISFACTION_LABELS.keys()];

/** Five-level satisfaction: the labels of design §2 or the numbers 5..1. */
export function parseSatisfaction(v: CellValue | undefined): Parsed<SatisfactionLevel> {
  return lookup(SATISFACTION_LABELS, v);
}

/** A finite number (text with an optional sign and decimals, or a numeric cell). */
export function parseNumber(v: CellValue | undefined): Parsed<number> {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : INVALID;
  if (typeof v !== 'string') return INVALID;
  const s = v.trim();
  if (s === '') return null;
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) return INVALID;
  return Number(s);
}

/** A count: an integer ≥ 0 (returned_count, population). Negative or fractional → INVALID. */
export function parseCount(v: CellValue | undefined): Parsed<number> {
  const n = parseNumber(v);
  if (n === null || n === INVALID) return n;
  return Number.isInteger(n) && n >= 0 ? n : INVALID;
}

/**
 * A survey answer: 1..5 or a five-level label; blank and the configured "don't know" codes are missing (null),
 * not zero.
 * @param dontKnow labels (already passed through labelOf) that mean "don't know / not applicable"
 */
export function parseSurveyAnswer(v: CellValue | undefined, dontKnow: ReadonlySet<string>): Parsed<SatisfactionLevel> {
  const s = labelOf(v);
  if (s === '' || dontKnow.has(s)) return null;
  return SATISFACTION_LABELS.get(s) ?? INVALID;
}

/**
 * A qualitative rating: a grade label of the configured scale (its score), or a number 0..100.
 * @param scale label (as written in the configuration) → score
 */
export function makeRatingParser(scale: Record<string, number>): (v: CellValue | undefined) => Parsed<{ value: number; label: string | null }> {
  const byLabel = new Map<string, { value: number; label: string }>();
  for (const [label, score] of Object.entries(scale)) byLabel.set(label.trim().toLowerCase(), { value: score, label });
  return (v) => {
    const s = labelOf(v);
    if (s === '') return null;
    const hit = byLabel.get(s);
    if (hit) return hit;
    const n = parseNumber(v);
    if (n === null || n === INVALID || n < 0 || n > 100) return INVALID;
    return { value: n, label: null };
  };
}
