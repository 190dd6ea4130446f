/**
 * What the parts of the narrative report share while it is built: the workbook's report context (the sentence
 * functions read it), the .docx words, the outline's section numbers, the rendered charts, and the running numbers
 * of tables and figures (表1, 图1 … in the order they appear).
 */
import type { Paragraph, Table, TableOfContents } from 'docx';
import type { ReportContext } from '../context.js';
import type { DocxLabels } from './docx-labels.js';
import type { ChartImage } from './chart-images.js';

export type Block = Paragraph | Table | TableOfContents;

export interface DocxContext {
  ctx: ReportContext;
  D: DocxLabels;
  /** Outline numbers: background → '一、' … limitations → '九、' (section-numbers.ts). */
  numbers: Record<string, string>;
  /** Rendered charts by key ('totals', 'ranks', 'radar:<unit>'); empty when the chart font is missing. */
  charts: Map<string, ChartImage>;
  /** The chart font file, when it was missing (the report says that it has no charts). */
  missingFont: string | null;
  tableNo: number;
  figureNo: number;
}
