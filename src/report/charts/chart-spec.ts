/**
 * What a native chart shows, independent of DrawingML: the sheet it sits on, where (a cell range), its kind, and
 * its series as sheet ranges with the values they held when the workbook was written (the cached values a
 * spreadsheet shows until it recalculates).
 */
export interface ChartSeries {
  name: string;
  /** Absolute reference of the cell holding the series name, e.g. 'Summary'!$B$4 (optional). */
  nameRef?: string;
  /** Absolute reference of the values, e.g. 'Summary'!$C$4:$C$12. */
  ref: string;
  values: (number | null)[];
  /** RRGGBB fill/line colour. */
  colour?: string;
  /** Draw the series invisibly (the offset series of a floating-bar interval chart). */
  hidden?: boolean;
}

export type ChartKind = 'bar' | 'radar' | 'interval';

export interface ChartSpec {
  /** Name of the worksheet that holds the chart. */
  sheet: string;
  kind: ChartKind;
  title: string;
  categories: { ref: string; values: string[] };
  series: ChartSeries[];
  /** Zero-based cell corners: the chart spans from (fromCol, fromRow) to (toCol, toRow). */
  anchor: { fromCol: number; fromRow: number; toCol: number; toRow: number };
  /** Bars drawn horizontally (bar and interval charts). */
  horizontal?: boolean;
  /** Fixed value-axis bounds. */
  axisMin?: number;
  axisMax?: number;
  /** Value axis runs from high to low (ranks: 1 at the top). */
  reverseValues?: boolean;
  /** Number format of the value axis labels (default "0") and the step between them (default: automatic). */
  valueFormat?: string;
  majorUnit?: number;
  /** Category labels at the low end of the value axis, clear of bars that run below 0. */
  categoryLabelsLow?: boolean;
}
