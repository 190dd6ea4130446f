/**
 * 附件 数据溯源 / Annex provenance (design §7.1): what the report was made from, so anyone holding the same files
 * can check and reproduce it — the tool and its version, when the report was generated (local time, to the
 * second, with the UTC offset), the indicator system and assessment files with their SHA-256, and every input file
 * with rows read / used / rejected / out of period and its SHA-256. Paths are relative to the assessment file's
 * folder (the folder an evaluator sends), never absolute paths of the machine that ran it.
 */
import type ExcelJS from 'exceljs';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import type { ReportContext } from '../context.js';
import { borders, header, keyValue, note, num, printSetup, text, title, FONT } from '../style.js';

const SPAN = 7;

/**
 * `path` relative to `base` with forward slashes; a path outside `base` keeps its ../ steps, one on another drive
 * (Windows) is shown by its file name only.
 * @example relativePath('/data/q3/in/cases.csv', '/data/q3') // → 'in/cases.csv'
 */
export function relativePath(path: string, base: string | null): string {
  if (!isAbsolute(path) || base === null) return path.split(sep).join('/');
  const rel = relative(base, path);
  if (isAbsolute(rel)) return rel.split(/[\\/]/).pop() ?? rel;
  return rel.split(sep).join('/') || '.';
}

/**
 * An ISO timestamp in the local time zone: YYYY-MM-DD HH:MM:SS and the offset (+08:00); null when unreadable.
 * @example localTimestamp('2026-10-08T01:02:03.456Z') // → { time: '2026-10-08 09:02:03', offset: '+08:00' } in UTC+8
 */
export function localTimestamp(iso: string): { time: string; offset: string } | null {
  const d = new Date(/Z$|[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(d.getTime())) return null;
  const p = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const offset = `${off < 0 ? '-' : '+'}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  return { time: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`, offset };
}

export function fillProvenance(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L, lang } = ctx;
  const P = L.layout;
  title(ws, 1, P.provenanceTitle, SPAN);
  note(ws, 2, P.provenanceNote, SPAN);
  const base = result.config.assessment ? dirname(result.config.assessment.path) : null;
  const rel = (p: string) => relativePath(p, base);

  let r = 4;
  const kv = (k: string, v: string) => {
    keyValue(ws, r, k, v, SPAN);
    ws.getCell(r, 2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
    r++;
  };
  const mono = (row: number) => (ws.getCell(row, 2).font = { name: 'Consolas', size: 9 });
  kv(P.tool, `${result.tool.name} ${result.tool.version}`);
  const when = localTimestamp(result.generated_at);
  kv(P.generatedAt, when ? P.localTime(when.time, when.offset) : result.generated_at);
  const sys = result.config.indicator_system;
  const sysName = sys.name[lang] || sys.name.zh;
  kv(P.indicatorSystem, lang === 'en' ? `${sysName} (${rel(sys.path)})` : `${sysName}（${rel(sys.path)}）`);
  kv(`${P.indicatorSystem} ${P.checksum}`, sys.sha256);
  mono(r - 1);
  if (result.config.assessment) {
    kv(P.assessmentFile, rel(result.config.assessment.path));
    kv(`${P.assessmentFile} ${P.checksum}`, result.config.assessment.sha256);
    mono(r - 1);
  }

  r++;
  const head = r;
  header(ws, r++, [P.file, P.kind, P.rows, P.accepted, P.rejected, P.outOfPeriod, P.checksum]);
  for (const f of result.data_quality.files) {
    const file = ws.getCell(r, 1);
    text(file, rel(f.path));
    file.alignment = { wrapText: true, vertical: 'top' };
    text(ws.getCell(r, 2), P.kinds[f.kind] ?? f.kind);
    num(ws.getCell(r, 3), f.rows, '#,##0');
    num(ws.getCell(r, 4), f.accepted, '#,##0');
    num(ws.getCell(r, 5), f.rejected, '#,##0');
    num(ws.getCell(r, 6), f.out_of_period, '#,##0');
    const sha = ws.getCell(r, 7);
    text(sha, f.sha256);
    // 64 hex digits over two lines of the 36-wide column.
    sha.font = { name: 'Consolas', size: 9 };
    sha.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = 26;
    r++;
  }
  if (result.data_quality.files.length) borders(ws, head + 1, r - 1, 1, SPAN);
  for (let c = 1; c <= SPAN; c++) ws.getCell(head, c).font = { name: FONT, bold: true };

  [26, 12, 10, 10, 10, 10, 36].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  printSetup(ws, { landscape: false, titleRows: [head, head], printArea: `A1:G${Math.max(r - 1, head)}` });
}
