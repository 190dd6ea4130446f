/**
 * 评价方法 / Method: the third part of a 财预〔2020〕10号 report — the indicator system, the standards and the
 * methods: how each node's children were weighted (AHP with λmax, CI, CR and the RI table), how each leaf is
 * scored, the missing-value policies, the grade bands, the bonus/penalty caps and veto rules, the time limits of
 * case handling, and the evaluator's method notes. Words only; the numbers are the result's.
 */
import type ExcelJS from 'exceljs';
import { indicatorName, sortedBands, type ReportContext } from '../context.js';
import { childWeightsInWords, scoringInWords, timeLimitInWords, weightMethodInWords } from '../describe.js';
import { metricSourceInWords } from '../metric-names.js';
import { joinClauses, zhNumber } from '../sentences.js';
import { displayFixed, NUMFMT, textWidth } from '../format.js';
import { URGENCIES } from '../../types.js';
import { borders, header, heading, note, num, paragraph, printSetup, text, title } from '../style.js';
import { fillAhpConsistency } from './method-ahp.js';
import { aggregationMethodById } from '../../scoring/aggregation/aggregation-methods.js';

const SPAN = 7;

export function fillMethod(ctx: ReportContext, ws: ExcelJS.Worksheet): void {
  const { result, L, lang } = ctx;
  const M = L.method;
  title(ws, 1, M.title, SPAN);
  // The weights and method words here are the run's; the live weights are on the indicator sheet.
  note(ws, 2, L.layout.runTimeValues, SPAN);
  let r = 3;
  // Sub-sections are numbered as they appear, so a section left out (no time limits, no adjustments) leaves no gap.
  let k = 0;
  const sub = (label: string) => (lang === 'en' ? `3.${++k} ${label}` : `（${zhNumber(++k)}）${label}`);

  heading(ws, r++, sub(M.system));
  const inds = result.indicators;
  const depth = inds.reduce((d, i) => Math.max(d, i.level), 0);
  const sys = result.config.indicator_system.name;
  paragraph(ws, r++, M.systemText(sys[lang] || sys.zh, inds.length, inds.filter((i) => i.leaf).length, depth), SPAN, 100);

  r++;
  heading(ws, r++, sub(M.weighting));
  let top = r;
  header(ws, r++, [M.node, M.methodCol, M.children, M.lambda, M.ci, M.cr, M.ri]);
  for (const w of result.weighting) {
    text(ws.getCell(r, 1), w.node === 'root' ? M.root : indicatorName(ctx, w.node));
    const method = ws.getCell(r, 2);
    const aggregationWords = aggregationMethodById(w.aggregation)?.words;
    text(method, weightMethodInWords(w.method, L) + (aggregationWords ? (lang === 'en' ? '; ' : '；') + aggregationWords[lang] : ''));
    method.alignment = { wrapText: true, vertical: 'top' };
    const kids = ws.getCell(r, 3);
    const kidsText = childWeightsInWords(ctx, w);
    text(kids, kidsText);
    kids.alignment = { wrapText: true, vertical: 'top' };
    ws.getCell(r, 1).alignment = { vertical: 'top' };
    // Wrapped cells need explicit height: lines of the longer of the two wrapped columns (widths 40 and 22).
    // (Divided by less than the widths: a stand-in face for Calibri is wider, and a cut last line is worse than a gap.)
    const lines = Math.max(Math.ceil(textWidth(kidsText) / 34), Math.ceil(textWidth(String(method.value)) / 18), 1);
    ws.getRow(r).height = lines * 14 + 3;
    num(ws.getCell(r, 4), w.lambda_max ?? null, '0.0000');
    num(ws.getCell(r, 5), w.ci ?? null, '0.0000');
    num(ws.getCell(r, 6), w.cr ?? null, '0.0000');
    text(ws.getCell(r, 7), w.ri ?? null);
    r++;
  }
  borders(ws, top + 1, r - 1, 1, SPAN);
  r = fillAhpConsistency(ctx, ws, r, sub, SPAN);

  r++;
  heading(ws, r++, sub(M.scoring));
  top = r;
  header(ws, r++, [M.indicator, M.metric, M.scoringCol, '', M.missingCol]);
  ws.mergeCells(top, 3, top, 4);
  ws.mergeCells(top, 5, top, SPAN);
  for (const info of inds.filter((i) => i.leaf)) {
    text(ws.getCell(r, 1), info.name[lang] || info.name.zh);
    text(ws.getCell(r, 2), metricSourceInWords(ctx, info.metric));
    ws.getCell(r, 1).alignment = { vertical: 'top', wrapText: true };
    ws.getCell(r, 2).alignment = { vertical: 'top', wrapText: true };
    const s = ws.getCell(r, 3);
    text(s, scoringInWords(info, L));
    s.alignment = { wrapText: true, vertical: 'top' };
    ws.mergeCells(r, 3, r, 4);
    const m = ws.getCell(r, 5);
    text(m, info.missing ? L.missing[info.missing] : null);
    m.alignment = { wrapText: true, vertical: 'top' };
    ws.mergeCells(r, 5, r, SPAN);
    ws.getRow(r).height = 30;
    r++;
  }
  borders(ws, top + 1, r - 1, 1, SPAN);

  r++;
  heading(ws, r++, sub(M.grades));
  top = r;
  header(ws, r++, [M.grade, M.min]);
  for (const b of sortedBands(result)) {
    text(ws.getCell(r, 1), b.label[lang] || b.label.zh);
    num(ws.getCell(r, 2), b.min, NUMFMT.score);
    r++;
  }
  borders(ws, top + 1, r - 1, 1, 2);
  paragraph(ws, r++, M.totalRule, SPAN, 100);

  const rules = result.rules;
  if (rules && (rules.adjustments.length || rules.vetoes.length || rules.bonus_cap !== null || rules.penalty_cap !== null)) {
    r++;
    heading(ws, r++, sub(M.adjustments));
    top = r;
    header(ws, r++, [M.kindCol, M.nameCol, M.descCol]);
    ws.mergeCells(top, 3, top, SPAN);
    const line = (kind: string, name: string, desc: string) => {
      text(ws.getCell(r, 1), kind);
      text(ws.getCell(r, 2), name);
      const d = ws.getCell(r, 3);
      text(d, desc);
      d.alignment = { wrapText: true, vertical: 'top' };
      ws.mergeCells(r, 3, r, SPAN);
      r++;
    };
    line(M.bonus, '—', rules.bonus_cap === null ? M.uncapped : M.bonusCap(displayFixed(rules.bonus_cap, 1)));
    line(M.penalty, '—', rules.penalty_cap === null ? M.uncapped : M.penaltyCap(displayFixed(rules.penalty_cap, 1)));
    for (const a of rules.adjustments) line(a.kind === 'bonus' ? M.bonus : M.penalty, a.name[lang] || a.name.zh, a.description ? a.description[lang] || a.description.zh : '');
    for (const v of rules.vetoes) {
      const band = result.grades.find((b) => b.label.zh === v.max_grade || b.label.en === v.max_grade);
      const g = band ? band.label[lang] || band.label.zh : v.max_grade;
      line(M.veto, v.name[lang] || v.name.zh, joinClauses(lang, [v.description ? v.description[lang] || v.description.zh : '', M.vetoText(g)]));
    }
    borders(ws, top + 1, r - 1, 1, SPAN);
  }

  if (rules?.time_limits) {
    r++;
    heading(ws, r++, sub(M.timeLimits));
    top = r;
    header(ws, r++, [M.urgency, M.contact, M.close]);
    for (const u of URGENCIES) {
      const t = rules.time_limits[u];
      if (!t) continue;
      text(ws.getCell(r, 1), L.urgency[u]);
      text(ws.getCell(r, 2), timeLimitInWords(t.contact, L));
      text(ws.getCell(r, 3), timeLimitInWords(t.close, L));
      r++;
    }
    borders(ws, top + 1, r - 1, 1, 3);
    paragraph(ws, r++, M.timeNote, SPAN, 100);
  }

  const notes = result.assessment.texts.method_notes;
  if (notes) {
    r++;
    heading(ws, r++, sub(M.notes));
    paragraph(ws, r++, notes, SPAN, 100);
  }

  ws.getColumn(1).width = 22;
  ws.getColumn(2).width = 22;
  ws.getColumn(3).width = 40;
  for (let c = 4; c <= SPAN; c++) ws.getColumn(c).width = 12;
  // Landscape: its seven columns (about 130 units) would print at two thirds of their size on a portrait page, under 9 pt.
  printSetup(ws, { landscape: true });
}
