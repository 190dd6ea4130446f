/**
 * 定性评价 / Ratings: per rated indicator and unit, the number of raters, the aggregate (mean, median or trimmed
 * mean as configured), min and max; per indicator the aggregation and Kendall's W agreement between raters
 * (design §5). Blank where a value cannot be computed.
 */
import type ExcelJS from 'exceljs';
import { indicatorName, type ReportContext } from '../context.js';
import { NUMFMT } from '../format.js';
import { borders, fitColumns, freeze, header, num, printSetup, text, title } from '../style.js';

const HEADER_ROW = 3;

/**
 * The name of a rated item: the ratings file speaks of ids, which are the `ratings.<id>` metric of a leaf, a
 * bonus/penalty item or a veto rule; the id itself when none of them names it.
 */
export function ratedName(ctx: ReportContext, id: string): string {
  const leaf = ctx.result.indicators.find((i) => i.leaf && i.metric === `ratings.${id}`);
  if (leaf) return indicatorName(ctx, leaf.id);
  const rules = ctx.result.rules;
  const item = rules?.adjustments.find((a) => a.id === id) ?? rules?.vetoes.find((v) => v.id === id);
  if (item) return item.name[ctx.lang] || item.name.zh || id;
  return indicatorName(ctx, id);
}

export function fillRatings(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L, lang } = ctx;
  const R = L.ratings;
  const ratings = result.metrics.ratings!;
  const heads = [R.indicator, R.unit, R.n, R.value, R.min, R.max, R.aggregate, R.kendall, R.raters];
  title(ws, 1, R.title, heads.length);
  header(ws, HEADER_ROW, heads);
  const units = result.metrics.units.length ? result.metrics.units.map((u) => u.unit) : result.units.map((u) => u.unit);
  let r = HEADER_ROW + 1;
  for (const [id, meta] of Object.entries(ratings.indicators)) {
    const cells = ratings.cells[id] ?? {};
    const first = r;
    for (const u of units) {
      const c = cells[u];
      text(ws.getCell(r, 1), ratedName(ctx, id));
      text(ws.getCell(r, 2), u);
      num(ws.getCell(r, 3), c?.n ?? 0, '0');
      num(ws.getCell(r, 4), c?.value ?? null, NUMFMT.score);
      num(ws.getCell(r, 5), c?.min ?? null, NUMFMT.score);
      num(ws.getCell(r, 6), c?.max ?? null, NUMFMT.score);
      text(ws.getCell(r, 7), R.aggregates[meta.aggregate] ?? meta.aggregate);
      num(ws.getCell(r, 8), meta.kendallW, NUMFMT.ratio);
      // The raters of this unit, not the whole panel: a member who skipped the unit is not listed.
      text(ws.getCell(r, 9), (c?.raters ?? (c ? meta.raters : [])).join(lang === 'en' ? ', ' : '、'));
      r++;
    }
    // Indicator-level columns repeat on each row for filtering; a heavier line separates the indicators.
    for (let c = 1; c <= heads.length; c++) ws.getCell(first, c).border = { top: { style: 'medium', color: { argb: 'FF8EA9DB' } } };
  }
  borders(ws, HEADER_ROW + 1, r - 1, 1, heads.length);
  freeze(ws, HEADER_ROW + 1, 3);
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: Math.max(HEADER_ROW, r - 1), column: heads.length } };
  fitColumns(ws, { skipRows: [1], min: 8, max: 36 });
  printSetup(ws, { landscape: true, titleRows: [HEADER_ROW, HEADER_ROW] });
}
