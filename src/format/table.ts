/**
 * Plain-text tables for the terminal: columns aligned by display width, where a CJK character takes two cells.
 */

/** Display width of a string in a monospace terminal (CJK and full-width forms count 2). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp >= 0x20000
  );
}

function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

/**
 * The one column aligner of the terminal tables (assess, metrics, weights, rank, compare): the header, a rule of
 * `rule` characters under each column, then the rows; columns two spaces apart, each as wide as its widest cell in
 * display width, right-aligned where `right(column)` says so; trailing spaces trimmed. Returns the lines.
 * @example alignColumns(['单位', 'n'], [['甲', '12']], (j) => j === 1) // → ['单位   n', '────  ──', '甲    12']
 */
export function alignColumns(header: string[], rows: string[][], right: (column: number) => boolean, rule = '─'): string[] {
  const widths = header.map((h, j) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[j] ?? ''))));
  const line = (cells: string[]) => cells.map((c, j) => pad(c ?? '', widths[j], right(j))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => rule.repeat(w))), ...rows.map(line)];
}

/** Renders rows under a header; columns whose cells are all numeric-looking are right-aligned. */
export function renderTable(header: string[], rows: string[][]): string {
  const numeric = header.map((_, j) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,%]*$|^—$/.test(r[j] ?? '')));
  return alignColumns(header, rows, (j) => numeric[j]).join('\n') + '\n';
}

/** A number for a table cell: fixed decimals, or an em dash for missing values. */
export function fmt(x: number | null | undefined, decimals = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(decimals);
}

/** A share as a percentage for a table cell. */
export function fmtPct(x: number | null | undefined, decimals = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(decimals)}%`;
}
