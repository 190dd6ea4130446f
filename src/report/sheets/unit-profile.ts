/**
 * 单位画像 / Unit profiles (design §7.1, issue 11): one printable A4 page per unit, a page break between units.
 * Each page: the unit's total, grade and rank (live formulas on the scores sheet, so they follow an edited weight)
 * with the street average; its level-1 scores against the street average (average = AVERAGE over the units that
 * have a score; gap = unit − average) beside a radar chart of the two; the indicators that cost it most points
 * (findings: lost = global weight × (100 − score), run-time values); its overdue (closed late + open past the
 * deadline) and returned cases by category (metrics' unit × category counts); its survey and rating results; and
 * its findings sentence. A unit that was not assessed says so instead of a grade and rank.
 */
import type ExcelJS from 'exceljs';
import type { AssessmentResult, UnitResult } from '../../model/result.js';
import { gradeLabel, indicatorName, vetoRankOf, type ReportContext } from '../context.js';
import { NUMFMT, textWidth } from '../format.js';
import { findingSentence } from '../sentences.js';
import { absRef, borders, colLetter, formula, header, note, num, printSetup, sheetRef, text, FONT, COLOURS } from '../style.js';
import { ratedName } from './ratings.js';

const SPAN = 8;
const WIDTHS = [24, 10, 10, 10, 16, 9, 9, 9];
/** Narrow characters a merged A:H line holds at these widths. */
const LINE_CHARS = WIDTHS.reduce((a, b) => a + b, 0) - 4;
/** Rows the radar chart takes beside the level-1 table. */
const CHART_ROWS = 15;
/** Categories listed per unit (those with overdue or returned cases, most first). */
const MAX_CATEGORIES = 8;

/** A unit with no data for any indicator (未评估): no total, grade or rank. */
export function notAssessed(u: Pick<UnitResult, 'total'> & { assessed?: boolean }): boolean {
  return u.assessed === false || u.total === null;
}

function mean(xs: (number | null | undefined)[]): number | null {
  const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}

/**
 * The street average of an indicator as the profiles show it (the workbook's AVERAGE over the scores column):
 * the mean score of the units that have one; null when none has. The narrative report quotes the same number.
 */
export function streetAverage(result: AssessmentResult, indicator: string): number | null {
  return mean(result.units.map((u) => u.indicators[indicator]?.score));
}

/** The street average of the totals: the mean total of the assessed units; null when none is. */
export function streetAverageTotal(result: AssessmentResult): number | null {
  return mean(result.units.filter((u) => !notAssessed(u)).map((u) => u.total));
}

export function fillUnitProfiles(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L, lang } = ctx;
  const P = L.layout;
  const sc = ctx.scores!;
  const scoresSheet = sheetRef(sc.sheet);
  const level1 = result.indicators.filter((i) => i.level === 1);
  const colRange = (col: number) => `${scoresSheet}!$${colLetter(col)}$${sc.firstRow}:$${colLetter(col)}$${sc.lastRow}`;
  const cellOf = (unit: string, col: number) => absRef(sc.sheet, col, sc.row.get(unit)!);
  const avgTotal = streetAverageTotal(result);
  const avgOf = new Map(level1.map((d) => [d.id, streetAverage(result, d.id)]));
  const ranked = result.units.filter((u) => typeof u.rank === 'number').length;
  const units = [...result.units].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  const sheet = sheetRef(ws.name);
  WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));

  const label = (r: number, c: number, v: string) => {
    const cell = ws.getCell(r, c);
    text(cell, v);
    cell.font = { name: FONT, bold: true, size: 10 };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOURS.header } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  };
  const section = (r: number, v: string, col = 1, span = SPAN) => {
    const cell = ws.getCell(r, col);
    text(cell, v);
    cell.font = { name: FONT, bold: true, size: 11, color: { argb: COLOURS.title } };
    cell.border = { bottom: { style: 'thin', color: { argb: COLOURS.title } } };
    for (let c = col + 1; c < col + span; c++) ws.getCell(r, c).border = { bottom: { style: 'thin', color: { argb: COLOURS.title } } };
    ws.getRow(r).height = 20;
  };

  let r = 1;
  units.forEach((u, index) => {
    // A thin row between sections: a profile must stay on one A4 page even with a long findings paragraph.
    const spacer = () => {
      ws.getRow(r).height = 8;
      r++;
    };
    const f = ctx.findings?.units.find((x) => x.unit === u.unit) ?? null;
    const unassessed = notAssessed(u);

    // Title.
    const t = ws.getCell(r, 1);
    text(t, P.profileOf(u.unit));
    t.font = { name: FONT, bold: true, size: 14, color: { argb: COLOURS.title } };
    t.alignment = { vertical: 'middle' };
    ws.mergeCells(r, 1, r, SPAN);
    ws.getRow(r++).height = 26;

    // Key facts: total, grade, rank (formulas), street average.
    label(r, 1, P.total);
    label(r, 3, P.grade);
    label(r, 5, P.rank);
    label(r, 7, P.streetAverage);
    if (unassessed) {
      text(ws.getCell(r, 2), P.notAssessed);
      text(ws.getCell(r, 4), P.notAssessed);
      text(ws.getCell(r, 6), P.notAssessed);
    } else {
      formula(ws.getCell(r, 2), cellOf(u.unit, sc.total), u.total, NUMFMT.score);
      formula(ws.getCell(r, 4), cellOf(u.unit, sc.grade), u.grade === null ? '' : gradeLabel(ctx, u.grade));
      // "3 / 9": the rank formula with the number of ranked units as a literal of the number format.
      formula(ws.getCell(r, 6), cellOf(u.unit, sc.rank), u.rank ?? '', `0" / ${ranked}"`);
    }
    formula(ws.getCell(r, 8), `AVERAGE(${colRange(sc.total)})`, avgTotal, NUMFMT.score);
    for (const c of [2, 4, 6, 8]) {
      const cell = ws.getCell(r, c);
      cell.font = { name: FONT, bold: true, size: 12 };
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
    }
    borders(ws, r, r, 1, SPAN);
    ws.getRow(r++).height = 24;
    const marks: string[] = [];
    if (u.vetoes.length) {
      const names = u.vetoes.map((id) => {
        const rule = result.rules?.vetoes.find((v) => v.id === id);
        return rule ? rule.name[lang] || rule.name.zh : id;
      });
      const rank = vetoRankOf(result);
      const how = rank === 'none' ? P.vetoNone : rank === 'keep' ? P.vetoKeep : P.vetoLast;
      marks.push(P.vetoNote(names.join(lang === 'en' ? ', ' : '、'), how));
    }
    if (unassessed) marks.push(P.notAssessedNote);
    for (const m of marks) note(ws, r++, m, SPAN);

    // Level-1 scores against the street average, with the radar (or bars for fewer than 3 dimensions) beside them.
    spacer();
    section(r++, P.radar);
    const tableTop = r;
    header(ws, r, [P.dimension, P.unitScore, P.average, P.gap]);
    for (let c = 1; c <= 4; c++) ws.getCell(r, c).font = { name: FONT, bold: true, size: 10 };
    r++;
    const firstDim = r;
    for (const d of level1) {
      const name = ws.getCell(r, 1);
      text(name, d.name[lang] || d.name.zh);
      name.alignment = { wrapText: true, vertical: 'middle' };
      const own = u.indicators[d.id]?.score ?? null;
      const avg = avgOf.get(d.id) ?? null;
      formula(ws.getCell(r, 2), cellOf(u.unit, sc.scoreCol.get(d.id)!), own, NUMFMT.score);
      formula(ws.getCell(r, 3), `AVERAGE(${colRange(sc.scoreCol.get(d.id)!)})`, avg, NUMFMT.score);
      formula(ws.getCell(r, 4), `IF(ISNUMBER(B${r}),B${r}-C${r},"")`, own !== null && avg !== null ? own - avg : '', NUMFMT.signedScore);
      if (textWidth(d.name[lang] || d.name.zh) > WIDTHS[0] - 2) ws.getRow(r).height = 28;
      r++;
    }
    const lastDim = r - 1;
    if (lastDim >= firstDim) borders(ws, firstDim, lastDim, 1, 4);
    const range = (col: number) => `${sheet}!$${colLetter(col)}$${firstDim}:$${colLetter(col)}$${lastDim}`;
    ctx.charts.push({
      sheet: ws.name,
      kind: level1.length >= 3 ? 'radar' : 'bar',
      title: P.radar,
      categories: { ref: range(1), values: level1.map((d) => d.name[lang] || d.name.zh) },
      series: [
        { name: P.unitScore, nameRef: `${sheet}!$B$${tableTop}`, ref: range(2), values: level1.map((d) => u.indicators[d.id]?.score ?? null), colour: '2F5597' },
        { name: P.average, nameRef: `${sheet}!$C$${tableTop}`, ref: range(3), values: level1.map((d) => avgOf.get(d.id) ?? null), colour: 'ED7D31' },
      ],
      anchor: { fromCol: 4, fromRow: tableTop - 1, toCol: SPAN, toRow: tableTop - 1 + CHART_ROWS },
      axisMin: 0,
      axisMax: 100,
    });
    r = Math.max(r, tableTop + CHART_ROWS);
    spacer();

    // Left: the indicators that cost most points. Right: overdue and returned cases by category.
    section(r, P.costliest, 1, 4);
    section(r, P.casesByCategory, 5, 4);
    r++;
    header(ws, r, [P.indicator, P.score, P.lost], 1);
    header(ws, r, [P.category, P.cases, P.overdue, P.returned], 5);
    for (let c = 1; c <= SPAN; c++) ws.getCell(r, c).font = { name: FONT, bold: true, size: 10 };
    ws.getRow(r).height = 20;
    r++;
    let left = r;
    for (const c of f?.costliest ?? []) {
      const name = ws.getCell(left, 1);
      text(name, indicatorName(ctx, c.indicator));
      name.alignment = { wrapText: true, vertical: 'top' };
      num(ws.getCell(left, 2), c.score, NUMFMT.score);
      num(ws.getCell(left, 3), c.lost_points, NUMFMT.points);
      for (let k = 2; k <= 3; k++) ws.getCell(left, k).alignment = { vertical: 'top' };
      // A long name wraps in the first column: room for its lines (Latin text is narrower than its count).
      const lines = Math.ceil(textWidth(indicatorName(ctx, c.indicator)) / ((WIDTHS[0] - 2) * (lang === 'en' ? 1.15 : 1)));
      if (lines > 1) ws.getRow(left).height = Math.max(ws.getRow(left).height ?? 15, lines * 14 + 2);
      left++;
    }
    if (left > r) borders(ws, r, left - 1, 1, 3);
    let right = r;
    const counts = result.metrics.caseCounts[u.unit];
    const byCategory = result.metrics.breakdowns.unit_category?.[u.unit] ?? [];
    const overdueOf = (c: { closedLate: number; openOverdue: number }) => c.closedLate + c.openOverdue;
    const withIssues = byCategory.filter((x) => overdueOf(x.counts) + x.counts.returned > 0).sort((a, b) => overdueOf(b.counts) + b.counts.returned - (overdueOf(a.counts) + a.counts.returned));
    const shown = withIssues.slice(0, MAX_CATEGORIES);
    const rightNote: string[] = [];
    if (!counts || counts.cases === 0) rightNote.push(P.noCases);
    else if (!withIssues.length) rightNote.push(P.noOverdue);
    for (const x of shown) {
      text(ws.getCell(right, 5), x.key === '' ? P.noCategory : x.key);
      ws.getCell(right, 5).alignment = { wrapText: true, vertical: 'top' };
      for (let c = 6; c <= 8; c++) ws.getCell(right, c).alignment = { vertical: 'top' };
      const lines = Math.ceil(textWidth(x.key) / (WIDTHS[4] - 2));
      if (lines > 1) ws.getRow(right).height = Math.max(ws.getRow(right).height ?? 15, lines * 14 + 2);
      num(ws.getCell(right, 6), x.counts.cases, '#,##0');
      num(ws.getCell(right, 7), overdueOf(x.counts), '#,##0');
      num(ws.getCell(right, 8), x.counts.returned, '#,##0');
      right++;
    }
    if (counts && counts.cases > 0) {
      text(ws.getCell(right, 5), P.unitTotal);
      num(ws.getCell(right, 6), counts.cases, '#,##0');
      num(ws.getCell(right, 7), overdueOf(counts), '#,##0');
      num(ws.getCell(right, 8), counts.returned, '#,##0');
      for (let c = 5; c <= 8; c++) ws.getCell(right, c).font = { name: FONT, bold: true };
      right++;
      const rest = byCategory.length - shown.length;
      if (rest > 0 && withIssues.length <= MAX_CATEGORIES) rightNote.push(P.otherCategories(rest));
    }
    if (right > r) borders(ws, r, right - 1, 5, 8);
    r = Math.max(left, right, r + 1);
    const small = (row: number, col: number, v: string, span: number) => {
      const cell = ws.getCell(row, col);
      text(cell, v);
      cell.font = { name: FONT, italic: true, size: 9, color: { argb: COLOURS.note } };
      cell.alignment = { wrapText: true, vertical: 'top' };
      ws.mergeCells(row, col, row, col + span - 1);
      ws.getRow(row).height = Math.max(ws.getRow(row).height ?? 15, Math.ceil(textWidth(v) / (span === 4 ? 40 : LINE_CHARS)) * 13 + 3);
    };
    if (f?.costliest.length) small(r, 1, P.lostNote, 4);
    if (rightNote.length) small(r, 5, rightNote.join(' '), 4);
    if (f?.costliest.length || rightNote.length) r++;

    // Survey and ratings.
    const survey = result.metrics.survey?.units[u.unit];
    const ratings = result.metrics.ratings;
    const ratingRows = ratings ? Object.entries(ratings.indicators).filter(([id]) => ratings.cells[id]?.[u.unit]) : [];
    if (survey || ratingRows.length) {
      spacer();
      section(r++, P.surveyRatings);
      header(ws, r, [P.item, '', '', P.value], 1);
      ws.mergeCells(r, 1, r, 3);
      for (let c = 1; c <= 4; c++) ws.getCell(r, c).font = { name: FONT, bold: true, size: 10 };
      r++;
      const first = r;
      const item = (name: string, value: number | null, fmt: string, flag: string | null = null) => {
        text(ws.getCell(r, 1), flag === null ? name : lang === 'en' ? `${name} (${flag})` : `${name}（${flag}）`);
        ws.mergeCells(r, 1, r, 3);
        num(ws.getCell(r, 4), value, fmt);
        r++;
      };
      if (survey) {
        item(P.surveyIndex(survey.n), survey.index, NUMFMT.score, survey.lowN ? P.surveyLowN : null);
        if (survey.rate !== null) item(L.survey.rate, survey.rate, NUMFMT.rate);
      }
      for (const [id] of ratingRows) {
        const cell = ratings!.cells[id][u.unit];
        item(P.ratingOf(ratedName(ctx, id), cell.n), cell.value, NUMFMT.score);
      }
      borders(ws, first, r - 1, 1, 4);
    }

    // Problems: the findings sentence.
    if (f) {
      spacer();
      section(r++, P.problems);
      const s = ws.getCell(r, 1);
      const sentence = findingSentence(ctx, f);
      text(s, sentence);
      s.alignment = { wrapText: true, vertical: 'top' };
      ws.mergeCells(r, 1, r, SPAN);
      // Latin text is proportional (narrower than the column units count); CJK is full width.
      const perLine = lang === 'en' ? LINE_CHARS * 1.15 : LINE_CHARS - 4;
      ws.getRow(r).height = Math.ceil(textWidth(sentence) / perLine) * 15 + 6;
      r++;
    }
    // Each unit on its own page: the break goes after the unit's last row.
    if (index < units.length - 1) ws.getRow(r - 1).addPageBreak();
  });

  printSetup(ws, { landscape: false, printArea: `A1:${colLetter(SPAN)}${Math.max(1, r - 1)}` });
}
