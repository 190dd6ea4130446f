/**
 * 附件 of the narrative report (design §7.4): 附件1 one page per unit (its scorecard: total, grade, rank and the
 * street average; level-1 scores against the street average with the radar chart; the indicators that cost it
 * most points; its findings paragraph — the workbook's unit profile on paper), 附件2 the data-quality summary (the
 * input files' row counts and the issues counted by reason; the full list stays in the workbook and its CSV),
 * 附件3 method details (how each node's children were weighted, with AHP's λmax, CI, CR and RI table).
 */
import { gradeLabel, indicatorName, unitsByRank, vetoRankOf } from '../context.js';
import { childWeightsInWords, weightMethodInWords } from '../describe.js';
import { displayFixed, fmtPoints } from '../format.js';
import { localiseReason } from '../reason-text.js';
import { findingSentence } from '../sentences.js';
import { notAssessed, streetAverage, streetAverageTotal } from '../sheets/unit-profile.js';
import type { Block, DocxContext } from './docx-context.js';
import { gap, heading, note, para, sideBySide, table } from './docx-style.js';
import { figure, score, signedScore, tableCaption } from './outline.js';

/** 附件1: one page per unit, in rank order (units not assessed last). */
export function profilesAnnex(dc: DocxContext): Block[] {
  const { ctx, D } = dc;
  const { result, L, lang } = ctx;
  const P = L.layout;
  const level1 = result.indicators.filter((i) => i.level === 1);
  const ranked = result.units.filter((u) => typeof u.rank === 'number').length;
  const avgTotal = streetAverageTotal(result);
  const out: Block[] = [heading(D.annex, 1, { pageBreakBefore: true }), heading(D.annexProfiles, 2)];
  unitsByRank(result).forEach((u, i) => {
    const f = ctx.findings?.units.find((x) => x.unit === u.unit) ?? null;
    const unassessed = notAssessed(u);
    out.push(heading(P.profileOf(u.unit), 3, { pageBreakBefore: i > 0 }));
    out.push(
      table(
        [P.total, P.grade, P.rank, P.streetAverage],
        [[unassessed ? P.notAssessed : score(u.total), unassessed || u.grade === null ? P.notAssessed : gradeLabel(ctx, u.grade), u.rank === null ? (unassessed ? P.notAssessed : '—') : D.rankOfN(String(u.rank), ranked), score(avgTotal)]],
        { align: ['center', 'center', 'center', 'center'] },
      ),
    );
    if (u.vetoes.length) {
      const names = u.vetoes.map((id) => {
        const rule = result.rules?.vetoes.find((v) => v.id === id);
        return rule ? rule.name[lang] || rule.name.zh : id;
      });
      const how = vetoRankOf(result);
      out.push(note(P.vetoNote(names.join(lang === 'en' ? ', ' : '、'), how === 'none' ? P.vetoNone : how === 'keep' ? P.vetoKeep : P.vetoLast)));
    }
    if (unassessed) out.push(note(P.notAssessedNote));
    out.push(gap());
    const rows = level1.map((d) => {
      const own = u.indicators[d.id]?.score ?? null;
      const avg = streetAverage(result, d.id);
      return [d.name[lang] || d.name.zh, score(own), score(avg), own !== null && avg !== null ? signedScore(own - avg) : '—'];
    });
    // The level-1 table and its radar side by side, so that a unit's scorecard stays on one page.
    out.push(sideBySide(table([P.dimension, P.unitScore, P.average, P.gap], rows, { widths: [40, 20, 20, 20] }), figure(dc, `radar:${u.unit}`, P.radar)));
    if (f?.costliest.length) {
      out.push(
        heading(P.costliest, 3),
        table(
          [P.indicator, P.score, P.lost],
          f.costliest.map((c) => [indicatorName(ctx, c.indicator), score(c.score), fmtPoints(c.lost_points)]),
          { widths: [60, 20, 20] },
        ),
        note(P.lostNote),
      );
    }
    if (f) out.push(heading(P.problems, 3), para(findingSentence(ctx, f), { compact: true }));
  });
  return out;
}

/** 附件2: the input files and the issues counted by reason. */
export function dataQualityAnnex(dc: DocxContext): Block[] {
  const { ctx, D } = dc;
  const { result, L, lang } = ctx;
  const P = L.layout;
  const dq = result.data_quality;
  const out: Block[] = [heading(D.annexDataQuality, 2, { pageBreakBefore: true })];
  out.push(para(dq.issues.length ? D.dqText(dq.issues.length) : D.dqNone));
  out.push(
    tableCaption(dc, D.dqFiles),
    table(
      [P.file, P.kind, P.rows, P.accepted, P.rejected, P.outOfPeriod],
      dq.files.map((f) => [f.path.split(/[\\/]/).pop() ?? f.path, P.kinds[f.kind] ?? f.kind, String(f.rows), String(f.accepted), String(f.rejected), String(f.out_of_period)]),
      { widths: [28, 14, 14, 14, 14, 16] },
    ),
    gap(),
  );
  const reasons = Object.entries(dq.by_reason);
  if (reasons.length) {
    out.push(
      tableCaption(dc, D.dqReasons),
      table([L.dq.reason, L.dq.count], reasons.map(([reason, n]) => [localiseReason(reason, lang), String(n)]), { widths: [80, 20], align: ['left', 'right'] }),
    );
  }
  return out;
}

/** 附件3: how each node's children were weighted. */
export function methodAnnex(dc: DocxContext): Block[] {
  const { ctx, D } = dc;
  const { result, L } = ctx;
  const M = L.method;
  const rows = result.weighting.map((w) => [
    w.node === 'root' ? M.root : indicatorName(ctx, w.node),
    weightMethodInWords(w.method, L),
    childWeightsInWords(ctx, w),
    w.lambda_max === undefined ? '—' : displayFixed(w.lambda_max, 4),
    w.ci === undefined ? '—' : displayFixed(w.ci, 4),
    w.cr === undefined ? '—' : displayFixed(w.cr, 4),
    w.ri ?? '—',
  ]);
  return [
    heading(D.annexMethod, 2, { pageBreakBefore: true }),
    tableCaption(dc, D.weightingTable),
    table([M.node, M.methodCol, M.children, M.lambda, M.ci, M.cr, M.ri], rows, { widths: [13, 12, 33, 10, 10, 10, 12], align: ['left', 'left', 'left', 'right', 'right', 'right', 'center'] }),
  ];
}
