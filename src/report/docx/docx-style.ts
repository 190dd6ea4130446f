/**
 * The look of the narrative report (design §7.4): A4 portrait with the margins of Chinese official documents
 * (GB/T 9704: 37 mm top, 35 mm bottom, 28 mm left, 26 mm right), body in 仿宋 (or the font the assessment file
 * names) with a two-character first-line indent, headings in 黑体 that keep with the next paragraph (no heading at
 * the foot of a page), tables whose header row repeats on every page and whose rows do not split.
 * Latin text uses Times New Roman (body) and Arial (headings), the usual partners of 仿宋 and 黑体.
 */
import {
  AlignmentType,
  BorderStyle,
  HeadingLevel,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IStylesOptions,
} from 'docx';

/** Twips (1/20 pt) of A4 and of the text block inside the margins. */
export const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 } as const;
/** Width of the text block in pixels at 96 dpi (the unit of docx image sizes): 8844 twips = 589 px. */
export const TEXT_WIDTH_PX = Math.floor(((PAGE.width - PAGE.left - PAGE.right) / 1440) * 96);

export const HEADING_FONT = '黑体';
/** Body size in half-points: 12 pt (小四), tables 10.5 pt (五号). */
const BODY_SIZE = 24;
const TABLE_SIZE = 21;
/** Two body characters (2 × 12 pt, in twips): the first-line indent of a Chinese paragraph. */
const FIRST_LINE = 480;

export interface DocxFonts {
  /** East Asian body font (default 仿宋). */
  body: string;
}

/** The document's styles: body, headings 1–3, captions, table text (docx `styles`). */
export function documentStyles(fonts: DocxFonts): IStylesOptions {
  const heading = (size: number, before: number, after: number) => ({
    run: { font: { ascii: 'Arial', hAnsi: 'Arial', eastAsia: HEADING_FONT }, size, bold: false, color: '000000' },
    paragraph: { spacing: { before, after, line: 360 }, keepNext: true, keepLines: true },
  });
  return {
    default: {
      document: { run: { font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: fonts.body }, size: BODY_SIZE }, paragraph: { spacing: { line: 360 } } },
      heading1: heading(32, 360, 240),
      heading2: heading(28, 240, 120),
      heading3: heading(24, 180, 120),
      title: { run: { font: { ascii: 'Arial', hAnsi: 'Arial', eastAsia: HEADING_FONT }, size: 44 }, paragraph: { alignment: AlignmentType.CENTER } },
    },
    paragraphStyles: [
      { id: 'Caption', name: 'caption', basedOn: 'Normal', next: 'Normal', run: { size: TABLE_SIZE, font: { eastAsia: HEADING_FONT } }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 } } },
      { id: 'TableText', name: 'Table Text', basedOn: 'Normal', run: { size: TABLE_SIZE }, paragraph: { spacing: { line: 280, before: 20, after: 20 } } },
      // The contents: single-spaced entries, so that the outline of a report fits one page.
      { id: 'TOC1', name: 'toc 1', basedOn: 'Normal', next: 'Normal', paragraph: { spacing: { line: 300, before: 40, after: 0 } } },
      { id: 'TOC2', name: 'toc 2', basedOn: 'Normal', next: 'Normal', paragraph: { spacing: { line: 300, before: 0, after: 0 }, indent: { left: 480 } } },
      { id: 'Note', name: 'Note', basedOn: 'Normal', run: { size: TABLE_SIZE, color: '404040' }, paragraph: { spacing: { line: 300, before: 60, after: 60 } } },
    ],
  };
}

/** A heading of the outline (level 1 = 一、…, 2 = （一）…, 3 = a unit's page). */
export function heading(text: string, level: 1 | 2 | 3, opts: { pageBreakBefore?: boolean } = {}): Paragraph {
  const lv = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  return new Paragraph({ heading: lv, children: [new TextRun(text)], pageBreakBefore: opts.pageBreakBefore, keepNext: true, keepLines: true });
}

/** A body paragraph, first line indented by two characters (zh) or flush (en). */
export function para(text: string, opts: { indent?: boolean; bold?: boolean; keepNext?: boolean; compact?: boolean } = {}): Paragraph {
  return new Paragraph({
    // compact: 1.25 lines instead of 1.5, where a page must hold a whole unit (the scorecards).
    spacing: opts.compact ? { line: 300 } : undefined,
    children: [new TextRun({ text, bold: opts.bold })],
    indent: opts.indent === false ? undefined : { firstLine: FIRST_LINE },
    alignment: AlignmentType.JUSTIFIED,
    keepNext: opts.keepNext,
  });
}

/** A paragraph with a bold lead-in (a unit's name before its findings). */
export function leadPara(lead: string, text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: lead, bold: true }), new TextRun(text)], indent: { firstLine: FIRST_LINE }, alignment: AlignmentType.JUSTIFIED });
}

export function note(text: string): Paragraph {
  return new Paragraph({ style: 'Note', children: [new TextRun(text)] });
}

/** A caption (图1 … / 表1 …): tables have it above and keep it with the table, figures below. */
export function caption(text: string, keepNext = false): Paragraph {
  return new Paragraph({ style: 'Caption', children: [new TextRun(text)], keepNext });
}

export type Align = 'left' | 'center' | 'right';

const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' };

/**
 * A table: header row repeated on every page (w:tblHeader), rows never split across pages, widths in percent of
 * the text block. `align` per column (default: first column left, others centred); `bold` rows (a total row).
 */
export function table(headers: string[], rows: string[][], opts: { widths?: number[]; align?: Align[]; boldRows?: Set<number> } = {}): Table {
  const n = headers.length;
  const widths = opts.widths ?? headers.map(() => 100 / n);
  const alignOf = (c: number) => {
    const a = opts.align?.[c] ?? (c === 0 ? 'left' : 'center');
    return a === 'left' ? AlignmentType.LEFT : a === 'right' ? AlignmentType.RIGHT : AlignmentType.CENTER;
  };
  const cell = (text: string, c: number, head: boolean, bold: boolean) =>
    new TableCell({
      width: { size: widths[c], type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlignTable.CENTER,
      shading: head ? { type: ShadingType.CLEAR, fill: 'DDE6F0', color: 'auto' } : undefined,
      margins: { left: 60, right: 60 },
      children: text
        .split('\n')
        .map((line) => new Paragraph({ style: 'TableText', alignment: head ? AlignmentType.CENTER : alignOf(c), children: [new TextRun({ text: line, bold: head || bold })] })),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, c) => cell(h, c, true, false)) }),
      ...rows.map((r, i) => new TableRow({ cantSplit: true, children: r.map((t, c) => cell(t, c, false, opts.boldRows?.has(i) ?? false)) })),
    ],
  });
}

/** Two blocks side by side in a borderless table (a unit's level-1 table and its radar): left 48 %, right 52 %. */
export function sideBySide(left: Table | Paragraph, right: (Table | Paragraph)[]): Table {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const cell = (children: (Table | Paragraph)[], width: number) =>
    new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, verticalAlign: VerticalAlignTable.CENTER, borders: { top: none, bottom: none, left: none, right: none }, children: children.length ? children : [new Paragraph({})] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [new TableRow({ cantSplit: true, children: [cell([left], 48), cell(right, 52)] })],
  });
}

/** An empty paragraph (space after a table). */
export function gap(): Paragraph {
  return new Paragraph({ children: [], spacing: { after: 60 } });
}
