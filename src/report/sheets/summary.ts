/**
 * 排名汇总 / Summary (design §7.1, §6.3): the ranking — rank, unit, total, grade and level-1 scores — in rank
 * order, live: after a weight is edited the rows re-sort, not only their numbers. Each row k shows the unit whose
 * sort key is the k-th smallest, read from the scores sheet with INDEX/MATCH:
 *
 *   key_i = class_i × (n + 1) + t_i,   class_i = rank_i × 10001                          (ranked)
 *                                                = (n + 1) × 10001 + 100 × (100 − ROUND(total_i, 2))  (unranked)
 *                                                = (n + 2) × 10001                      (not assessed)
 *
 * where rank_i is the scores sheet's rank formula and t_i (1..n) the unit's place in unit-id order, the tie-break
 * of equal ranks (so every key is distinct and MATCH finds one unit): ranked units by rank, then vetoed units left
 * unranked (`veto_rank: none`) by total, highest first, then units not assessed — the order of
 * src/scoring/unit-order.ts. The keys, the unit labels and the previous period's numbers sit in helper columns
 * right of the table, outside the print area.
 *
 * Below the ranking a street-average row (AVERAGE over the units that have a score); vetoed units carry ※ after
 * their name (on the bar chart's labels too, which read the same cells) and a footnote naming the veto rules and
 * how they ranked (`veto_rank`); a unit not assessed (未评估) has no grade or rank and a footnote says why. With a
 * previous period: change = total − previous total; rank change = previous rank − rank (positive = moved up).
 */
import type ExcelJS from 'exceljs';
import type { UnitResult } from '../../model/result.js';
import { gradeLabel, vetoRankOf, type ReportContext } from '../context.js';
import { NUMFMT } from '../format.js';
import { borders, colLetter, colourScale, fitColumns, formula, freeze, gradeColours, header, note, printSetup, sheetRef, text, title, FONT } from '../style.js';
import { totalHundredths } from '../../scoring/round-total.js';
import { notAssessed } from './unit-profile.js';

const HEADER_ROW = 3;

/** Unit ids in code-point order: the tie-break of equal ranks. */
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The sort key of each unit, as the summary's helper formulas compute it (see the file comment), in the order of
 * `units`. @example sortKeys([{ unit: 'b', rank: 1 }, { unit: 'a', rank: 1 }]) // → [1·3 + 2, 1·3 + 1] = [5, 4]
 */
export function sortKeys(units: Pick<UnitResult, 'unit' | 'rank' | 'total'>[]): number[] {
  const n = units.length;
  const tie = new Map([...units.map((u) => u.unit)].sort(byId).map((u, i) => [u, i + 1]));
  return units.map((u) => {
    const cls =
      u.rank !== null ? u.rank * CLASS : u.total !== null ? (n + 1) * CLASS + (10000 - totalHundredths(u.total)) : (n + 2) * CLASS;
    return cls * (n + 1) + tie.get(u.unit)!;
  });
}

/** Room in a class for the hundredths of 0..100 (the unranked units' order by total). */
const CLASS = 10001;

export function fillSummary(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L, lang } = ctx;
  const S = L.summary;
  const P = L.layout;
  const sc = ctx.scores!;
  const level1 = result.indicators.filter((i) => i.level === 1);
  const cmp = result.comparison;
  const deltas = new Map((cmp?.units ?? []).map((d) => [d.unit, d]));
  const n = result.units.length;

  const heads = [S.rank, S.unit, S.total, S.grade, ...level1.map((i) => i.name[lang] || i.name.zh)];
  const l1Col = 5;
  const cmpCol = l1Col + level1.length;
  if (cmp) heads.push(S.prevTotal, S.delta, S.prevRank, S.rankChange);
  const lastCol = heads.length;

  title(ws, 1, S.title, lastCol);
  note(ws, 2, ctx.final ? P.finalNote : S.note, lastCol);
  header(ws, HEADER_ROW, heads);

  const first = HEADER_ROW + 1;
  const last = HEADER_ROW + n;

  // Helper columns (outside the print area), one row per unit in the scores sheet's order.
  // (Right of the radar chart too, which reaches column 10.)
  const h0 = Math.max(lastCol, 10) + 2;
  const H = { label: h0, key: h0 + 1, pick: h0 + 2, prevTotal: h0 + 3, prevRank: h0 + 4, isNew: h0 + 5 };
  const hRange = (col: number) => `$${colLetter(col)}$${first}:$${colLetter(col)}$${last}`;
  const scoresRange = (col: number) => `${sheetRef(sc.sheet)}!$${colLetter(col)}$${sc.firstRow}:$${colLetter(col)}$${sc.lastRow}`;
  const keys = sortKeys(result.units);
  const tie = new Map(result.units.map((u) => u.unit).sort(byId).map((u, i) => [u, i + 1]));
  const label = (u: UnitResult) => (u.vetoes.length ? `${u.unit}${P.vetoMark}` : u.unit);
  header(ws, HEADER_ROW, [P.sortHelper, '', '', ...(cmp ? [S.prevTotal, S.prevRank, S.newUnit] : [])], H.label);
  result.units.forEach((u, i) => {
    const r = first + i;
    const sr = sc.row.get(u.unit)!;
    text(ws.getCell(r, H.label), label(u));
    const rankCell = `${sheetRef(sc.sheet)}!$${colLetter(sc.rank)}$${sr}`;
    const totalCell = `${sheetRef(sc.sheet)}!$${colLetter(sc.total)}$${sr}`;
    const cls = `IF(ISNUMBER(${rankCell}),${rankCell}*${CLASS},IF(ISNUMBER(${totalCell}),${(n + 1) * CLASS}+10000-ROUND(${totalCell}*100,0),${(n + 2) * CLASS}))`;
    formula(ws.getCell(r, H.key), `${cls}*${n + 1}+${tie.get(u.unit)}`, keys[i], '0');
    const d = deltas.get(u.unit);
    if (d && d.status === 'both' && d.previous_total !== null && d.previous_rank !== null) {
      ws.getCell(r, H.prevTotal).value = d.previous_total;
      ws.getCell(r, H.prevRank).value = d.previous_rank;
    } else if (cmp) text(ws.getCell(r, H.isNew), S.newUnit);
    for (const c of Object.values(H)) ws.getCell(r, c).font = { name: FONT, size: 9, color: { argb: 'FF808080' } };
  });

  // The table: row k shows the unit with the k-th smallest key.
  const order = result.units.map((u, i) => ({ u, key: keys[i], i })).sort((a, b) => a.key - b.key);
  const at = (col: number, r: number) => `INDEX(${scoresRange(col)},$${colLetter(H.pick)}${r})`;
  const numberAt = (col: number, r: number) => `IF(ISNUMBER(${at(col, r)}),${at(col, r)},"")`;
  const helperAt = (col: number, r: number) => `INDEX(${hRange(col)},$${colLetter(H.pick)}${r})`;
  order.forEach(({ u, i }, k) => {
    const r = first + k;
    formula(ws.getCell(r, H.pick), `MATCH(SMALL(${hRange(H.key)},${k + 1}),${hRange(H.key)},0)`, i + 1, '0');
    ws.getCell(r, H.pick).font = { name: FONT, size: 9, color: { argb: 'FF808080' } };
    formula(ws.getCell(r, 1), numberAt(sc.rank, r), typeof u.rank === 'number' ? u.rank : '', NUMFMT.integer);
    ws.getCell(r, 1).alignment = { horizontal: 'center' };
    formula(ws.getCell(r, 2), helperAt(H.label, r), label(u));
    formula(ws.getCell(r, 3), numberAt(sc.total, r), u.total, NUMFMT.score);
    ws.getCell(r, 3).font = { name: FONT, bold: true };
    // A unit not assessed has no grade: the grade cell says 未评估 (its total is blank).
    formula(ws.getCell(r, 4), `IF(ISNUMBER(${at(sc.total, r)}),${at(sc.grade, r)},"${P.notAssessed}")`, notAssessed(u) || u.grade === null ? P.notAssessed : gradeLabel(ctx, u.grade));
    ws.getCell(r, 4).alignment = { horizontal: 'center' };
    level1.forEach((d, j) => formula(ws.getCell(r, l1Col + j), numberAt(sc.scoreCol.get(d.id)!, r), u.indicators[d.id]?.score ?? null, NUMFMT.score));
    if (cmp) {
      const dl = deltas.get(u.unit);
      const both = dl && dl.status === 'both' && dl.previous_total !== null && dl.previous_rank !== null;
      const p = (c: number) => colLetter(c);
      formula(ws.getCell(r, cmpCol), `IF(ISNUMBER(${helperAt(H.prevTotal, r)}),${helperAt(H.prevTotal, r)},"")`, both ? dl!.previous_total : '', NUMFMT.score);
      formula(
        ws.getCell(r, cmpCol + 1),
        `IF(AND(ISNUMBER(C${r}),ISNUMBER(${p(cmpCol)}${r})),C${r}-${p(cmpCol)}${r},${helperAt(H.isNew, r)}&"")`,
        both ? dl!.total_delta : cmp && (!dl || dl.status !== 'both') ? S.newUnit : '',
        NUMFMT.signedScore,
      );
      formula(ws.getCell(r, cmpCol + 2), `IF(ISNUMBER(${helperAt(H.prevRank, r)}),${helperAt(H.prevRank, r)},"")`, both ? dl!.previous_rank : '', NUMFMT.integer);
      formula(ws.getCell(r, cmpCol + 3), `IF(AND(ISNUMBER(A${r}),ISNUMBER(${p(cmpCol + 2)}${r})),${p(cmpCol + 2)}${r}-A${r},"")`, both ? dl!.rank_change : '', '+0;-0;0');
    }
  });
  borders(ws, first, last, 1, lastCol);
  colourScale(ws, `C${first}:C${last}`);
  for (let k = 0; k < level1.length; k++) colourScale(ws, `${colLetter(l1Col + k)}${first}:${colLetter(l1Col + k)}${last}`);
  gradeColours(ws, `D${first}:D${last}`, ctx.bands.map((b) => b.label));

  // Street average: the mean over the units that have a number (AVERAGE skips the blanks of units not assessed).
  let r = last + 1;
  const avgRow = r;
  text(ws.getCell(r, 2), P.streetAverage);
  const mean = (xs: (number | null | undefined)[]) => {
    const v = xs.filter((x): x is number => typeof x === 'number');
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
  };
  formula(ws.getCell(r, 3), `AVERAGE(C${first}:C${last})`, mean(result.units.map((u) => u.total)), NUMFMT.score);
  level1.forEach((d, j) => {
    const c = colLetter(l1Col + j);
    formula(ws.getCell(r, l1Col + j), `AVERAGE(${c}${first}:${c}${last})`, mean(result.units.map((u) => u.indicators[d.id]?.score)), NUMFMT.score);
  });
  for (let c = 1; c <= lastCol; c++) {
    const cell = ws.getCell(r, c);
    cell.font = { name: FONT, bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  }
  borders(ws, r, r, 1, lastCol);
  r++;

  // Footnotes: vetoed and not-assessed units, units of the previous period no longer assessed.
  const sep = lang === 'en' ? ', ' : '、';
  const vetoed = result.units.filter((u) => u.vetoes.length);
  if (vetoed.length) {
    const ids = [...new Set(vetoed.flatMap((u) => u.vetoes))];
    const names = ids.map((id) => {
      const rule = result.rules?.vetoes.find((v) => v.id === id);
      return rule ? rule.name[lang] || rule.name.zh : id;
    });
    const how = vetoRankOf(result);
    note(ws, ++r, P.vetoNote(names.join(sep), how === 'none' ? P.vetoNone : how === 'keep' ? P.vetoKeep : P.vetoLast), lastCol);
  }
  if (result.units.some(notAssessed)) note(ws, ++r, P.notAssessedNote, lastCol);
  const dropped = (cmp?.units ?? []).filter((d) => d.status === 'dropped').map((d) => d.unit);
  if (dropped.length) note(ws, ++r, S.dropped(dropped.join(sep)), lastCol);

  // Charts below the table: totals (bar) on the left, level-1 radar on the right.
  const chartTop = r + 1;
  const chartRows = 18;
  const sheet = sheetRef(ws.name);
  const range = (col: number, from: number, to: number) => `${sheet}!$${colLetter(col)}$${from}:$${colLetter(col)}$${to}`;
  const ordered = order.map((o) => o.u);
  ctx.charts.push({
    sheet: ws.name,
    kind: 'bar',
    title: S.chartTotals,
    categories: { ref: range(2, first, last), values: ordered.map(label) },
    series: [{ name: S.total, nameRef: `${sheet}!$C$${HEADER_ROW}`, ref: range(3, first, last), values: ordered.map((u) => u.total), colour: '2F5597' }],
    anchor: { fromCol: 0, fromRow: chartTop, toCol: 4, toRow: chartTop + chartRows },
    axisMin: 0,
    axisMax: 100,
  });
  const assessed = ordered.filter((u) => !notAssessed(u));
  if (level1.length >= 3 && assessed.length) {
    const picks = [...new Set([0, Math.floor((assessed.length - 1) / 2), assessed.length - 1])];
    const colours = ['2F5597', 'ED7D31', 'A5A5A5'];
    const l1Range = (row: number) => `${sheet}!$${colLetter(l1Col)}$${row}:$${colLetter(l1Col + level1.length - 1)}$${row}`;
    ctx.charts.push({
      sheet: ws.name,
      kind: 'radar',
      title: S.chartRadar,
      categories: { ref: `${sheet}!$${colLetter(l1Col)}$${HEADER_ROW}:$${colLetter(l1Col + level1.length - 1)}$${HEADER_ROW}`, values: level1.map((d) => d.name[lang] || d.name.zh) },
      series: picks.map((p, k) => ({
        name: label(assessed[p]),
        nameRef: `${sheet}!$B$${first + p}`,
        ref: l1Range(first + p),
        values: level1.map((d) => assessed[p].indicators[d.id]?.score ?? null),
        colour: colours[k],
      })),
      anchor: { fromCol: 4, fromRow: chartTop, toCol: Math.max(lastCol, 10), toRow: chartTop + chartRows },
      axisMin: 0,
      axisMax: 100,
    });
  }

  freeze(ws, first, 3);
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: last, column: lastCol } };
  fitColumns(ws, { skipRows: [1, 2, avgRow + 1, avgRow + 2, avgRow + 3, avgRow + 4], min: 8, max: 30 });
  ws.getColumn(1).width = 7;
  for (const c of Object.values(H)) ws.getColumn(c).width = 9;
  ws.getColumn(H.label).width = 18;
  const printCols = Math.max(lastCol, 10);
  // A short ranking prints with its charts on one page; a long one runs over pages at full width.
  printSetup(ws, {
    landscape: true,
    titleRows: [HEADER_ROW, HEADER_ROW],
    onePage: n <= 30,
    printArea: `A1:${colLetter(printCols)}${chartTop + chartRows}`,
  });
}
