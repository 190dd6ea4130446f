/**
 * 得分明细 / Scores: one row per unit. Leaf raw values and leaf scores are values (fixed at run time); node scores,
 * the weighted score, the total, the grade and the rank are live formulas over the weights and parameters on the
 * indicator sheet, each with the engine's value stored as its cached result (design §6.3, §6.4):
 *
 *   node   = Σ_{children with a score} w_i·s_i ÷ Σ_{children with a score} w_i, blank when no child has a score
 *            (renormalize: a missing child is skipped and its siblings' weights rescaled; with zero/average the
 *            engine already filled the leaf score, so it is a number here)
 *   base   = the root's formula, 0 when the unit has no level-1 score at all (as the engine)
 *   total  = MAX(0, MIN(100, base + MIN(bonus, bonus cap) − MIN(penalty, penalty cap))) — clipped to the 0..100
 *            scale of the grade bands; bonus and penalty are the engine's points (item caps already applied)
 *   grade  = the first band (best first) whose minimum ROUND(total, 2) reaches; with a veto, at most the veto's band
 *   rank   = 1 + the number of totals greater than this one, both rounded to 2 decimals, among the units of its
 *            class; under `veto_rank: last` a vetoed unit (veto cell not empty) also counts every unit without a
 *            veto: SUMPRODUCT(ISNUMBER(totals)·(vetoes="")) + SUMPRODUCT(ISNUMBER(totals)·(vetoes<>"")·
 *            (ROUND(totals,2)>ROUND(total,2))) + 1. Ties share the best rank (1, 2, 2, 4); totals that print alike
 *            (2 decimals) tie, so a spreadsheet's floating point never moves a grade or splits a tie — the engine
 *            decides on the same rounded totals (src/scoring/round-total.ts). `keep` ranks everyone in one class;
 *            `none` leaves a vetoed unit's rank as "—". A not-assessed unit (no data for any indicator) has empty
 *            base and total cells, 未评估 as its grade and no rank.
 */
import type ExcelJS from 'exceljs';
import type { IndicatorInfo, UnitResult } from '../../model/result.js';
import { bandOf, gradeLabel, type ReportContext, type ScoresLayout } from '../context.js';
import { isDataDriven } from '../describe.js';
import { NUMFMT } from '../format.js';
import { colLetter, colourScale, columnBreaks, fitColumns, formula, freeze, gradeColours, header, note, num, printSetup, styleHeader, text, title, FONT } from '../style.js';
import { GEOMETRIC_FLOOR } from '../../scoring/aggregate-node.js';

/** Print scale of the scores sheet (percent). */
const SCORES_SCALE = 85;

const HEADER_TOP = 4;
const HEADER_SUB = 5;
const FIRST_ROW = 6;

/** A metric's raw value format: shares as percentages. */
function rawFormat(info: IndicatorInfo): string {
  const m = info.metric ?? '';
  return /rate|share|ratio/.test(m) && !/per_10k/.test(m) ? NUMFMT.rate : '0.00';
}

/** Renormalised weighted mean of child score cells (see the file comment); `empty` when no child has a score. */
export function nodeFormula(children: { weight: string; score: string }[], empty = '""', aggregation: 'arithmetic' | 'geometric' = 'arithmetic'): string {
  const scores = children.map((c) => c.score).join(',');
  const den = children.map((c) => `${c.weight}*ISNUMBER(${c.score})`).join('+');
  if (aggregation === 'geometric') {
    // Weighted geometric mean over the children with a score, each floored at 1 (aggregate-node.ts).
    const logs = children.map((c) => `${c.weight}*IF(ISNUMBER(${c.score}),LN(MAX(${c.score},${GEOMETRIC_FLOOR})),0)`).join('+');
    return `IF(COUNT(${scores})=0,${empty},EXP((${logs})/(${den})))`;
  }
  const num = children.map((c) => `${c.weight}*N(${c.score})`).join('+');
  return `IF(COUNT(${scores})=0,${empty},(${num})/(${den}))`;
}

export function fillScores(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L, lang } = ctx;
  const T = L.scores;
  const inds = result.indicators;

  // Columns: unit, then per indicator in tree order (leaf: raw + score; node: score), then the totals block.
  const scoreCol = new Map<string, number>();
  const rawCol = new Map<string, number>();
  let c = 2;
  for (const info of inds) {
    if (info.leaf) rawCol.set(info.id, c++);
    scoreCol.set(info.id, c++);
  }
  const layout: ScoresLayout = {
    sheet: ws.name,
    row: new Map(),
    scoreCol,
    base: c,
    bonus: c + 1,
    penalty: c + 2,
    total: c + 3,
    grade: c + 4,
    rank: c + 5,
    firstRow: FIRST_ROW,
    lastRow: FIRST_ROW + result.units.length - 1,
  };
  const topsisCol = c + 6;
  const topsisRankCol = c + 7;
  // Rankings beside the weighted sum (issue 16 item 3): a score and a rank column per method, after TOPSIS.
  const alternatives = result.alternative_rankings ?? [];
  const altCol = (k: number) => c + 8 + 2 * k;
  const vetoCol = c + 8 + 2 * alternatives.length;
  const lastCol = vetoCol;
  ctx.scores = layout;

  title(ws, 1, T.title, Math.min(lastCol, 12));
  note(ws, 2, ctx.final ? L.layout.finalNote : T.note, Math.min(lastCol, 12));
  const fixed = result.units.some((u) => u.topsis) || inds.some((i) => isDataDriven(i.method));
  if (fixed) note(ws, 3, T.fixedNote, Math.min(lastCol, 12));

  // Two header rows: the indicator name (merged over raw + score for leaves), then value / score.
  const unitHead = ws.getCell(HEADER_TOP, 1);
  text(unitHead, T.unit);
  styleHeader(unitHead);
  styleHeader(ws.getCell(HEADER_SUB, 1));
  ws.mergeCells(HEADER_TOP, 1, HEADER_SUB, 1);
  for (const info of inds) {
    const name = info.name[lang] || info.name.zh;
    const sc = scoreCol.get(info.id)!;
    const from = info.leaf ? rawCol.get(info.id)! : sc;
    const top = ws.getCell(HEADER_TOP, from);
    text(top, name);
    styleHeader(top);
    if (!info.leaf) top.font = { name: FONT, bold: true, color: { argb: 'FF1F3864' } };
    if (info.leaf) {
      styleHeader(ws.getCell(HEADER_TOP, sc));
      ws.mergeCells(HEADER_TOP, from, HEADER_TOP, sc);
      header(ws, HEADER_SUB, [T.raw, T.score], from);
    } else header(ws, HEADER_SUB, [T.score], sc);
  }
  const tail = [T.base, T.bonus, T.penalty, T.total, T.grade, T.rank, T.topsis, T.topsisRank, ...alternatives.flatMap((a) => [T.altScore[a.method] ?? a.method, T.altRank[a.method] ?? a.method]), T.vetoes];
  tail.forEach((h, i) => {
    const cell = ws.getCell(HEADER_TOP, layout.base + i);
    text(cell, h);
    styleHeader(cell);
    styleHeader(ws.getCell(HEADER_SUB, layout.base + i));
    ws.mergeCells(HEADER_TOP, layout.base + i, HEADER_SUB, layout.base + i);
  });

  result.units.forEach((u, i) => layout.row.set(u.unit, FIRST_ROW + i));
  const geometricNodes = new Set(result.weighting.filter((w) => w.aggregation === 'geometric').map((w) => w.node));
  const childrenOf = (parent: string | null) => inds.filter((x) => x.parent === parent);
  const L_ = (col: number) => colLetter(col);

  for (const u of result.units) {
    const r = layout.row.get(u.unit)!;
    text(ws.getCell(r, 1), u.unit);
    const cellOf = (id: string) => `${L_(scoreCol.get(id)!)}${r}`;
    const childFormula = (parent: string | null, empty?: string) =>
      nodeFormula(
        childrenOf(parent).map((ch) => ({ weight: ctx.weightRef.get(ch.id)!, score: cellOf(ch.id) })),
        empty,
        geometricNodes.has(parent ?? 'root') ? 'geometric' : 'arithmetic',
      );

    for (const info of inds) {
      const s = u.indicators[info.id];
      const sc = ws.getCell(r, scoreCol.get(info.id)!);
      if (info.leaf) {
        num(ws.getCell(r, rawCol.get(info.id)!), s?.raw ?? null, rawFormat(info));
        num(sc, s?.score ?? null, NUMFMT.score);
      } else {
        formula(sc, childFormula(info.id), s?.score ?? null, NUMFMT.score);
        sc.font = { name: FONT, bold: true };
      }
    }
    const base = `${L_(layout.base)}${r}`;
    const total = `${L_(layout.total)}${r}`;
    if (u.total === null) {
      // Not assessed (no data for any indicator): no weight can give it a total, so the totals block stays empty
      // (an empty cell, which the rank formulas of the other rows skip) and the grade cell says so.
      text(ws.getCell(r, layout.grade), T.notAssessed);
      ws.getCell(r, layout.grade).alignment = { horizontal: 'center' };
    } else {
      formula(ws.getCell(r, layout.base), childFormula(null, '0'), u.base, NUMFMT.score);
      num(ws.getCell(r, layout.bonus), u.bonus, NUMFMT.score);
      num(ws.getCell(r, layout.penalty), u.penalty, NUMFMT.score);
      const capped = (col: number, cap: string | null) => (cap ? `MIN(${L_(col)}${r},${cap})` : `${L_(col)}${r}`);
      formula(
        ws.getCell(r, layout.total),
        `MAX(0,MIN(100,${base}+${capped(layout.bonus, ctx.bonusCapRef)}-${capped(layout.penalty, ctx.penaltyCapRef)}))`,
        u.total,
        NUMFMT.score,
      );
      const totalCell = ws.getCell(r, layout.total);
      totalCell.font = { name: FONT, bold: true };
      formula(ws.getCell(r, layout.grade), gradeFormula(ctx, u, total), u.grade === null ? null : gradeLabel(ctx, u.grade));
      ws.getCell(r, layout.grade).alignment = { horizontal: 'center' };
      const f = rankFormula(ctx, u, layout, total, vetoCol);
      if (f === null) text(ws.getCell(r, layout.rank), '—');
      else formula(ws.getCell(r, layout.rank), f, u.rank, NUMFMT.integer);
      ws.getCell(r, layout.rank).alignment = { horizontal: 'center' };
    }
    num(ws.getCell(r, topsisCol), u.topsis?.closeness ?? null, NUMFMT.ratio);
    num(ws.getCell(r, topsisRankCol), u.topsis?.rank ?? null, NUMFMT.integer);
    alternatives.forEach((a, k) => {
      const x = a.units.find((v) => v.unit === u.unit);
      num(ws.getCell(r, altCol(k)), x?.score ?? null, NUMFMT.ratio);
      // RSR shows its 档 beside the rank (the method's 分档); the others their rank alone.
      if (x && x.tier !== undefined && x.tier !== null) text(ws.getCell(r, altCol(k) + 1), `${x.rank}${T.tier(x.tier)}`);
      else num(ws.getCell(r, altCol(k) + 1), x?.rank ?? null, NUMFMT.integer);
      ws.getCell(r, altCol(k) + 1).alignment = { horizontal: 'center' };
    });
    text(ws.getCell(r, vetoCol), u.vetoes.length ? vetoNames(ctx, u).join('；') : null);
  }

  const rows = `${FIRST_ROW}:${layout.lastRow}`.split(':').map(Number);
  for (const info of inds) {
    const col = L_(scoreCol.get(info.id)!);
    colourScale(ws, `${col}${rows[0]}:${col}${rows[1]}`);
  }
  colourScale(ws, `${L_(layout.total)}${rows[0]}:${L_(layout.total)}${rows[1]}`);
  gradeColours(ws, `${L_(layout.grade)}${rows[0]}:${L_(layout.grade)}${rows[1]}`, ctx.bands.map((b) => b.label));

  freeze(ws, FIRST_ROW, 2);
  ws.autoFilter = { from: { row: HEADER_SUB, column: 1 }, to: { row: layout.lastRow, column: lastCol } };
  fitColumns(ws, { skipRows: [1, 2, 3, HEADER_TOP], min: 7, max: 24 });
  for (const info of inds) {
    // Leaf name headers are merged over two columns and wrap; keep score columns narrow and even.
    ws.getColumn(scoreCol.get(info.id)!).width = Math.max(ws.getColumn(scoreCol.get(info.id)!).width ?? 8, 8);
  }
  ws.getRow(HEADER_TOP).height = 48;
  // Wide tables print over several pages at a fixed 85 % (11 pt text prints at 9.4 pt), the unit column and the two
  // header rows repeated; pages break between indicators (a leaf's value and score stay together) and the title and
  // notes stay off paper (merged over a page's width they printed as fragments on the next): the page header
  // carries the sheet title instead (workbook.ts).
  const groups: number[][] = [];
  for (const info of inds) groups.push(info.leaf ? [rawCol.get(info.id)!, scoreCol.get(info.id)!] : [scoreCol.get(info.id)!]);
  groups.push(Array.from({ length: lastCol - layout.base + 1 }, (_, i) => layout.base + i));
  const widthOf = (c: number) => ws.getColumn(c).width ?? 9;
  ctx.columnBreaks.set(ws.name, columnBreaks(groups, widthOf, widthOf(1), SCORES_SCALE));
  printSetup(ws, { landscape: true, titleRows: [HEADER_TOP, HEADER_SUB], titleColumns: 'A:A', scale: SCORES_SCALE, printArea: `A${HEADER_TOP}:${L_(lastCol)}${layout.lastRow}` });
}

/**
 * The rank formula of an assessed unit (see the file comment), or null when the unit is not ranked (a veto under
 * `veto_rank: none`). A row is in the vetoed class when its veto cell is not empty; a not-assessed row has an empty
 * total and is never counted (ISNUMBER).
 */
function rankFormula(ctx: ReportContext, u: UnitResult, layout: ScoresLayout, total: string, vetoCol: number): string | null {
  const col = (c: number) => `$${colLetter(c)}$${layout.firstRow}:$${colLetter(c)}$${layout.lastRow}`;
  const totals = col(layout.total);
  const vetoes = col(vetoCol);
  const better = `(ROUND(${totals},2)>ROUND(${total},2))`;
  const assessed = `ISNUMBER(${totals})`;
  const vetoRank = ctx.result.rules?.veto_rank ?? 'keep';
  const vetoed = u.vetoes.length > 0;
  if (vetoRank === 'keep') return `SUMPRODUCT(${assessed}*${better})+1`;
  if (!vetoed) return `SUMPRODUCT(${assessed}*(${vetoes}="")*${better})+1`;
  if (vetoRank === 'none') return null;
  return `SUMPRODUCT(${assessed}*(${vetoes}=""))+SUMPRODUCT(${assessed}*(${vetoes}<>"")*${better})+1`;
}

/** Names of the veto rules a unit triggered, in the report language. */
function vetoNames(ctx: ReportContext, u: UnitResult): string[] {
  return u.vetoes.map((id) => {
    const rule = ctx.result.rules?.vetoes.find((v) => v.id === id);
    return rule ? rule.name[ctx.lang] || rule.name.zh : id;
  });
}

/**
 * Nested IF over the band cells, best band first; below every minimum the last band applies. A unit with a veto
 * gets at most the veto's band: IF(total ≥ cap band's minimum, cap label, bands below).
 */
function gradeFormula(ctx: ReportContext, u: UnitResult, total: string): string {
  const bands = ctx.bands;
  const t = `ROUND(${total},2)`;
  let f = bands.length ? bands[bands.length - 1].labelRef : '""';
  for (let i = bands.length - 2; i >= 0; i--) f = `IF(${t}>=${bands[i].minRef},${bands[i].labelRef},${f})`;
  if (u.vetoes.length) {
    const cap = vetoCapIndex(ctx, u);
    if (cap !== null && cap > 0) f = `IF(${t}>=${bands[cap].minRef},${bands[cap].labelRef},${f})`;
  }
  return f;
}

/** Index (in best-first bands) of the most severe grade cap among the unit's vetoes. */
function vetoCapIndex(ctx: ReportContext, u: UnitResult): number | null {
  const indexOf = (label: string) => {
    const band = bandOf(ctx.result, label);
    return band ? ctx.bands.findIndex((b) => b.band === band) : -1;
  };
  if (u.grade_cap) {
    const i = indexOf(u.grade_cap);
    if (i >= 0) return i;
  }
  const caps = u.vetoes
    .map((id) => ctx.result.rules?.vetoes.find((v) => v.id === id)?.max_grade)
    .filter((g): g is string => !!g)
    .map(indexOf)
    .filter((i) => i >= 0);
  if (caps.length) return Math.max(...caps);
  // Without the rules, the engine's own grade is the cap when the veto lowered it.
  return u.grade !== null && u.grade !== u.grade_before_veto ? indexOf(u.grade) : null;
}
