/**
 * What the sheet modules share while the workbook is built: the result, the language, the findings, the chart
 * specifications to add after saving, and the cell addresses one sheet's formulas read from another (the weights on
 * the indicator sheet, the totals on the scores sheet). Sheets are filled in dependency order (indicators → scores
 * → summary …) but appear in report order, since all worksheets are created first.
 */
import { compareUnitsByRank } from '../scoring/unit-order.js';
import type { AssessmentResult } from '../model/result.js';
import { computeFindings } from '../findings/compute-findings.js';
import type { GradeBand } from '../model/indicator-system.js';
import type { Findings } from '../model/findings.js';
import type { ChartSpec } from './charts/chart-spec.js';
import type { Labels, Lang } from './labels.js';

export interface BandRef {
  band: GradeBand;
  /** Label in the report language, as the grade formulas return it. */
  label: string;
  /** Absolute references of the label and minimum cells on the indicator sheet. */
  labelRef: string;
  minRef: string;
}

export interface ScoresLayout {
  sheet: string;
  /** unit id → row on the scores sheet */
  row: Map<string, number>;
  /** indicator id → column of its score */
  scoreCol: Map<string, number>;
  base: number;
  bonus: number;
  penalty: number;
  total: number;
  grade: number;
  rank: number;
  firstRow: number;
  lastRow: number;
}

export interface ReportContext {
  result: AssessmentResult;
  lang: Lang;
  L: Labels;
  findings: Findings | null;
  charts: ChartSpec[];
  /** indicator id → absolute reference of its local weight cell (filled by the indicator sheet). */
  weightRef: Map<string, string>;
  bonusCapRef: string | null;
  penaltyCapRef: string | null;
  /** Grade bands, best (highest minimum) first. */
  bands: BandRef[];
  scores: ScoresLayout | null;
  /** The version to sign (`--final`): values only, sheets protected; notes must not promise recalculation. */
  final: boolean;
  /** sheet name → columns after which a printed page ends (exceljs writes no column breaks: finishPackage does). */
  columnBreaks: Map<string, number[]>;
}

/**
 * A fresh context for one rendering (the workbook's or the .docx's): the findings the result carries (or computed
 * from it), and empty cell references that the sheets fill as they are written.
 */
export function newReportContext(result: AssessmentResult, lang: Lang, L: Labels, final: boolean): ReportContext {
  return {
    result,
    lang,
    L,
    findings: result.findings ?? computeFindings(result),
    charts: [],
    weightRef: new Map(),
    bonusCapRef: null,
    penaltyCapRef: null,
    bands: [],
    scores: null,
    final,
    columnBreaks: new Map(),
  };
}

/** The indicator's name in the report language (falls back to the other language, then the id). */
export function indicatorName(ctx: ReportContext, id: string): string {
  const info = ctx.result.indicators.find((i) => i.id === id);
  if (!info) return id;
  return info.name[ctx.lang] || info.name.zh || info.name.en || id;
}

/** Bands sorted best first. */
export function sortedBands(result: AssessmentResult): GradeBand[] {
  return [...result.grades].sort((a, b) => b.min - a.min);
}

/** The band a grade label (zh or en, as the engine wrote it) belongs to, or null. */
export function bandOf(result: AssessmentResult, grade: string): GradeBand | null {
  return result.grades.find((b) => b.label.zh === grade || b.label.en === grade) ?? null;
}

/** A grade label in the report language. */
export function gradeLabel(ctx: ReportContext, grade: string): string {
  const band = bandOf(ctx.result, grade);
  return band ? band.label[ctx.lang] || band.label.zh : grade;
}

/**
 * Units in rank order, ties by unit id (the summary's and findings' order); units without a rank after the ranked
 * ones (src/scoring/unit-order.ts).
 */
export function unitsByRank(result: AssessmentResult) {
  return [...result.units].sort(compareUnitsByRank);
}

/**
 * How vetoed units rank (design §6.3: last, keep or none), as the scoring stage recorded it; a result written
 * before the rule existed ranked them by total (keep).
 */
export function vetoRankOf(result: AssessmentResult): 'last' | 'keep' | 'none' {
  return result.rules?.veto_rank ?? 'keep';
}
