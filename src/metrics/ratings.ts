import { mean, median } from 'simple-statistics';
import { DataError } from '../errors.js';
import { fuzzyScore, membershipFromCounts } from '../stats/fuzzy-evaluation.js';
import { kendallW } from '../stats/kendall-w.js';
import { trimmedMean } from '../stats/trimmed-mean.js';
import type { MetricSettings, RatingAggregate, RatingCell, RatingRecord, RatingsResult } from '../types.js';

/**
 * The ratings that a later row by the same rater for the same unit and indicator replaces (design §3.1: a
 * correction): for each (indicator, unit, rater) given more than once, every row but the one with the highest row
 * number (the last in the file), each with the row that replaces it (the next one of the same key). The pipeline
 * reports these in the data-quality ledger; computeRatings ignores them. Sorted by row.
 * @example findDuplicateRatings([{row: 2, unit: 'A', indicator: 'q1', rater: 'r1', value: 80, label: null}, {row: 5, unit: 'A', indicator: 'q1', rater: 'r1', value: 90, label: null}]).map(r => r.replacedByRow) // → [5]
 */
export function findDuplicateRatings(records: readonly RatingRecord[]): (RatingRecord & { replacedByRow: number })[] {
  const byKey = new Map<string, RatingRecord[]>();
  for (const r of records) {
    const key = JSON.stringify([r.indicator, r.unit, r.rater]);
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const out: (RatingRecord & { replacedByRow: number })[] = [];
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.row - b.row);
    for (let i = 0; i < list.length - 1; i++) out.push({ ...list[i], replacedByRow: list[i + 1].row });
  }
  return out.sort((a, b) => a.row - b.row);
}

/**
 * Qualitative-rating metrics (design §5): per rated indicator and unit, the raters' aggregate value, the
 * number of raters n, min, max and the count of each grade label; per indicator the raters and Kendall's
 * W between raters across units.
 *
 * - Duplicates: a rater's later row for the same unit and indicator replaces the earlier ones
 *   (see findDuplicateRatings).
 * - Aggregate = settings.ratings.perIndicator[id] ?? settings.ratings.aggregate:
 *   `mean`; `median`; `trimmed_mean` (drop one highest and one lowest, 去掉一个最高分和一个最低分; plain
 *   mean with fewer than 3 raters); `fuzzy` — fuzzy comprehensive evaluation of the raters' grades: the
 *   membership vector is the label distribution counts/n over the scale's labels (in the scale's order)
 *   and the score is that vector times the labels' scale scores. With a single factor this equals the
 *   mean of the label scores; it is offered so that reports can show the membership vector. When any
 *   rating in the cell has no label from the scale (a numeric value was given), fuzzy falls back to the
 *   mean of the values.
 * - `distribution`: every label of the scale with its count (0 included), plus any other label given;
 *   unlabelled numeric ratings are not counted there.
 * - Kendall's W: a raters × units table of the values of the indicator; a rater who did not rate every
 *   unit rated on that indicator is left out (W needs a complete table), null when fewer than 2 complete
 *   raters or fewer than 2 units remain — see stats/kendall-w.
 *
 * Units, indicators and raters are listed in sorted order and values aggregated in sorted order, so
 * shuffling the records changes nothing.
 *
 * @throws DataError (row, column value) if a value is not a finite number
 */
export function computeRatings(records: RatingRecord[], settings: MetricSettings): RatingsResult {
  for (const r of records) {
    if (!Number.isFinite(r.value)) {
      throw new DataError(`rating value ${r.value} is not a number`, { row: r.row, column: 'value' });
    }
  }
  const { latest } = latestRatings(records);

  const byIndicator = new Map<string, Map<string, RatingRecord[]>>();
  for (const r of latest) {
    let units = byIndicator.get(r.indicator);
    if (!units) byIndicator.set(r.indicator, (units = new Map()));
    const cell = units.get(r.unit);
    if (cell) cell.push(r);
    else units.set(r.unit, [r]);
  }

  const scale = settings.ratings.scale;
  const cells: RatingsResult['cells'] = {};
  const indicators: RatingsResult['indicators'] = {};
  for (const indicator of [...byIndicator.keys()].sort(compareText)) {
    const aggregate = settings.ratings.perIndicator[indicator] ?? settings.ratings.aggregate;
    const units = byIndicator.get(indicator)!;
    const unitIds = [...units.keys()].sort(compareText);
    cells[indicator] = {};
    const raters = new Set<string>();
    for (const unit of unitIds) {
      const cellRecords = units.get(unit)!;
      cellRecords.forEach((r) => raters.add(r.rater));
      cells[indicator][unit] = ratingCell(cellRecords, aggregate, scale);
    }
    const raterIds = [...raters].sort(compareText);
    // raters × units; null where the rater did not rate the unit
    const table = raterIds.map((rater) =>
      unitIds.map((unit) => units.get(unit)!.find((r) => r.rater === rater)?.value ?? null),
    );
    indicators[indicator] = { aggregate, raters: raterIds, kendallW: kendallW(table) };
  }
  return { cells, indicators };
}

function ratingCell(records: RatingRecord[], aggregate: RatingAggregate, scale: Record<string, number>): RatingCell {
  const values = records.map((r) => r.value).sort((a, b) => a - b);
  const distribution: Record<string, number> = {};
  for (const label of Object.keys(scale)) distribution[label] = 0;
  for (const r of records) {
    if (r.label !== null) distribution[r.label] = (distribution[r.label] ?? 0) + 1;
  }
  return {
    n: values.length,
    value: aggregateValues(values, records, aggregate, scale),
    min: values.length ? values[0] : null,
    max: values.length ? values[values.length - 1] : null,
    raters: [...new Set(records.map((r) => r.rater))].sort(compareText),
    distribution,
  };
}

function aggregateValues(
  sortedValues: number[],
  records: RatingRecord[],
  aggregate: RatingAggregate,
  scale: Record<string, number>,
): number | null {
  if (sortedValues.length === 0) return null;
  switch (aggregate) {
    case 'mean':
      return mean(sortedValues);
    case 'median':
      return median(sortedValues);
    case 'trimmed_mean':
      return trimmedMean(sortedValues);
    case 'fuzzy': {
      const labels = Object.keys(scale);
      const allLabelled = records.every((r) => r.label !== null && Object.hasOwn(scale, r.label));
      if (!allLabelled) return mean(sortedValues);
      const counts = labels.map((label) => records.filter((r) => r.label === label).length);
      const membership = membershipFromCounts(counts);
      return membership === null ? null : fuzzyScore(membership, labels.map((l) => scale[l]));
    }
  }
}

function latestRatings(records: readonly RatingRecord[]): { latest: RatingRecord[]; superseded: RatingRecord[] } {
  const kept = new Map<string, RatingRecord>();
  const superseded: RatingRecord[] = [];
  for (const r of records) {
    const key = JSON.stringify([r.indicator, r.unit, r.rater]);
    const previous = kept.get(key);
    if (previous === undefined) {
      kept.set(key, r);
    } else if (r.row >= previous.row) {
      // the later row of the file wins
      superseded.push(previous);
      kept.set(key, r);
    } else {
      superseded.push(r);
    }
  }
  return { latest: [...kept.values()], superseded };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
