/**
 * The AHP consistency table of the method sheet (issue 16 item 4): for every AHP node with several experts, each
 * expert's λmax, CI and CR, how far the expert departs from the group result (the one departing most flagged), and
 * for a matrix with CR ≥ 0.10 the judgement whose change lowers CR most with the value that brings CR under 0.10;
 * for a single inconsistent matrix accepted by allow_inconsistent, that judgement. Words only: the numbers are the
 * result's `weighting[].experts` and `weighting[].repair`.
 */
import type ExcelJS from 'exceljs';
import { indicatorName, type ReportContext } from '../context.js';
import { judgementText, type AhpRepairRecord } from '../../scoring/weights/ahp-report.js';
import { borders, header, heading, num, paragraph, text } from '../style.js';

/** Writes the table from row `r` when any node has group or repair details; returns the next free row. */
export function fillAhpConsistency(ctx: ReportContext, ws: ExcelJS.Worksheet, r: number, headingText: (label: string) => string, span: number): number {
  const { result, L } = ctx;
  const A = L.methodAhp;
  const nodes = result.weighting.filter((w) => w.experts?.length || w.repair);
  if (!nodes.length) return r;
  const name = (id: string) => indicatorName(ctx, id);
  const repairText = (x: AhpRepairRecord) =>
    A.repair(
      name(x.row_id),
      name(x.col_id),
      judgementText(x.given),
      x.acceptable_value === null ? null : judgementText(x.acceptable_value),
      x.acceptable_cr === null ? null : Math.max(0, x.acceptable_cr).toFixed(3),
      judgementText(x.best_value),
      Math.max(0, x.best_cr).toFixed(3),
    );
  r++;
  heading(ws, r++, headingText(A.heading));
  const top = r;
  header(ws, r++, [A.node, A.expert, L.method.lambda, L.method.ci, L.method.cr, A.departure, A.remark]);
  const row = (node: string, who: string, lambda: number | null, ci: number | null, cr: number | null, departure: number | null, remark: string) => {
    text(ws.getCell(r, 1), node);
    text(ws.getCell(r, 2), who);
    num(ws.getCell(r, 3), lambda, '0.0000');
    num(ws.getCell(r, 4), ci, '0.0000');
    num(ws.getCell(r, 5), cr === null ? null : Math.max(0, cr), '0.0000');
    num(ws.getCell(r, 6), departure, '0.0000');
    const c = ws.getCell(r, 7);
    text(c, remark);
    c.alignment = { wrapText: true, vertical: 'top' };
    for (let k = 1; k <= 6; k++) ws.getCell(r, k).alignment = { vertical: 'top', wrapText: k <= 2 };
    ws.getRow(r).height = remark ? Math.max(1, Math.ceil(remark.length / 28)) * 14 + 3 : 17;
    r++;
  };
  const sep = ctx.lang === 'en' ? '; ' : '；';
  for (const w of nodes) {
    const node = w.node === 'root' ? L.method.root : name(w.node);
    for (const e of w.experts ?? []) {
      const remarks = [e.most_departing ? A.mostDeparting : '', e.inconsistent ? A.inconsistent : '', e.repair ? repairText(e.repair) : ''].filter(Boolean);
      row(node, String(e.expert), e.lambda_max, e.ci, e.cr, e.departure, remarks.join(sep));
    }
    row(node, w.experts?.length ? A.group : A.single, w.lambda_max ?? null, w.ci ?? null, w.cr ?? null, null, w.repair ? [A.inconsistent, repairText(w.repair)].join(sep) : '');
  }
  borders(ws, top + 1, r - 1, 1, span);
  if (nodes.some((w) => w.experts?.length)) paragraph(ws, r++, A.departureNote, span, 100);
  return r;
}
