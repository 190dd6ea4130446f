import { z } from 'zod';
import { AHP_CR_LIMIT, ahp, combineExpertMatrices, parseJudgement, type AhpMethod, type AhpResult, type RiTable } from './ahp.js';
import { consistencyRepair, groupAhpDetails, type ConsistencyRepair } from './ahp-group.js';
import { expertRecords, repairRecord, repairSentence } from './ahp-report.js';
import { MethodInputError } from './method-error.js';
import type { SpecPath, WeightConfigContext, WeightMethod } from './weight-method.js';

declare module '../../model/indicator-system.js' {
  interface WeightMethodKinds {
    ahp: {
      role: 'subjective';
      params: {
        /** One matrix per expert (a single `matrix:` becomes a list of one), parsed to numbers, children order. */
        matrices: number[][][];
        ahpMethod: AhpMethod;
        ri: RiTable;
        allowInconsistent: boolean;
      };
    };
  }
}

/** A pairwise judgement: a number, or a fraction written as text ('1/3'). */
const judgementSchema = z.union([z.number(), z.string()], { error: 'expected a judgement such as 3 or "1/3"' });
const pairwiseMatrixSchema = z.array(z.array(judgementSchema).min(1)).min(1);

interface RawAhp {
  matrix?: (number | string)[][];
  matrices?: (number | string)[][][];
  ahp_method?: AhpMethod;
  ri?: RiTable;
  allow_inconsistent?: boolean;
}

/** A judgement as a person writes it: 3, 0.5 or 1/3. */
function judgementText(x: number): string {
  if (x >= 1) return String(Math.round(x * 100) / 100);
  const inv = 1 / x;
  return Math.abs(inv - Math.round(inv)) < 0.05 ? `1/${Math.round(inv)}` : String(Math.round(x * 1000) / 1000);
}

function checkConsistency(
  result: AhpResult,
  children: readonly { id: string }[],
  matrixPath: SpecPath,
  what: string,
  fail: WeightConfigContext['fail'],
  pointAtCell: boolean,
  repair: () => ConsistencyRepair | null,
): void {
  if (result.cr < AHP_CR_LIMIT) return;
  // Issue 16 item 4: say which single judgement to change, and to what, to bring CR under 0.10.
  const fix = repair();
  const fixText = fix ? `${repairSentence(repairRecord(fix, children.map((c) => c.id)))}; ` : '';
  const worst = result.mostInconsistent;
  const detail = worst
    ? `; the most inconsistent judgement is ${children[worst.row].id} vs ${children[worst.col].id}: given ${judgementText(worst.given)}, the other judgements imply about ${judgementText(worst.implied)}`
    : '';
  fail(
    worst && pointAtCell ? [...matrixPath, worst.row, worst.col] : matrixPath,
    `${what} is inconsistent: CR = ${result.cr.toFixed(3)} ≥ ${AHP_CR_LIMIT.toFixed(2)}${detail}`,
    `${fixText}revise the judgements, or set allow_inconsistent: true to accept them`,
  );
}

/**
 * `weights: {method: ahp, matrix | matrices, ahp_method, ri, allow_inconsistent}` (design §6.2): weights of the
 * pairwise matrix (src/scoring/weights/ahp.ts); several experts' matrices combine by the element-wise geometric mean.
 * The indicator system is rejected unless the matrix fits the children, is reciprocal and positive, and — unless
 * allow_inconsistent — each expert's matrix and their combination have CR < 0.10.
 */
export const ahpMethod: WeightMethod<'ahp'> = {
  id: 'ahp',
  role: 'subjective',
  name: { zh: '层次分析法', en: 'AHP' },
  fields: () => ({
    matrix: pairwiseMatrixSchema.optional(),
    matrices: z.array(pairwiseMatrixSchema).min(1).optional(),
    ahp_method: z.enum(['eigenvector', 'sum_product', 'geometric']).optional(),
    ri: z.enum(['saaty', 'chinese']).optional(),
    allow_inconsistent: z.boolean().optional(),
  }),
  normalise: (raw: RawAhp, { fail }) => {
    if ((raw.matrix === undefined) === (raw.matrices === undefined)) {
      fail([], raw.matrix === undefined ? 'missing; an ahp weighting needs `matrix:` (or `matrices:` for several experts)' : 'give either `matrix:` or `matrices:`, not both');
    }
    const list = raw.matrices ?? [raw.matrix!];
    const matrices = list.map((m, k) =>
      m.map((row, i) =>
        row.map((cell, j) => {
          try {
            return parseJudgement(cell);
          } catch (e) {
            if (e instanceof MethodInputError) fail(raw.matrices ? ['matrices', k, i, j] : ['matrix', i, j], e.message, 'write a judgement as a number or a fraction such as 1/3');
            throw e;
          }
        }),
      ),
    );
    return { method: 'ahp', matrices, ahpMethod: raw.ahp_method ?? 'eigenvector', ri: raw.ri ?? 'saaty', allowInconsistent: raw.allow_inconsistent ?? false };
  },
  usesChildWeights: () => false,
  check: (spec, children, { fail, owner }) => {
    const several = spec.matrices.length > 1;
    const n = children.length;
    const opts = { method: spec.ahpMethod, ri: spec.ri };
    spec.matrices.forEach((m, k) => {
      const mPath = several ? ['matrices', k] : ['matrix'];
      if (m.length !== n) fail(mPath, `the matrix has ${m.length} rows but ${owner} has ${n} children (${children.map((c) => c.id).join(', ')})`);
      m.forEach((row, i) => {
        if (row.length !== n) fail([...mPath, i], `row ${i + 1} has ${row.length} judgements but ${owner} has ${n} children`);
      });
      let result: AhpResult;
      try {
        result = ahp(m, opts);
      } catch (e) {
        if (e instanceof MethodInputError) {
          const cellPath = e.row !== undefined ? (e.col !== undefined ? [...mPath, e.row, e.col] : [...mPath, e.row]) : mPath;
          fail(cellPath, e.message, e.hint);
        }
        throw e;
      }
      if (!spec.allowInconsistent) checkConsistency(result, children, mPath, several ? `expert ${k + 1}'s matrix` : 'the pairwise matrix', fail, true, () => consistencyRepair(m, opts));
    });
    if (several && !spec.allowInconsistent) {
      const group = combineExpertMatrices(spec.matrices);
      const combined = ahp(group, opts);
      checkConsistency(combined, children, ['matrices'], "the experts' combined matrix (element-wise geometric mean)", fail, false, () => consistencyRepair(group, opts));
    }
  },
  compute: (spec, { children }) => {
    const ids = children.map((c) => c.id);
    const matrix = spec.matrices.length > 1 ? combineExpertMatrices(spec.matrices) : spec.matrices[0];
    const opts = { method: spec.ahpMethod, ri: spec.ri };
    const r = ahp(matrix, opts);
    // Group details and repairs (issue 16 item 4): every expert's own CR, the one departing most from the group, and
    // for a matrix with CR ≥ 0.10 (accepted by allow_inconsistent) the judgement whose change lowers CR most.
    const group = spec.matrices.length > 1 ? groupAhpDetails(spec.matrices, opts) : null;
    const repair = r.cr >= AHP_CR_LIMIT ? (group?.groupRepair ?? consistencyRepair(matrix, opts)) : null;
    return {
      weights: r.weights,
      detail: {
        method: 'ahp',
        lambda_max: r.lambdaMax,
        ci: r.ci,
        cr: r.cr,
        ri: r.ri.name,
        ...(spec.matrices.length > 1 ? { note: `${spec.matrices.length} experts' matrices combined by element-wise geometric mean` } : {}),
        ...(group ? { experts: expertRecords(group, ids), most_departing_expert: group.mostDeparting } : {}),
        ...(repair ? { repair: repairRecord(repair, ids) } : {}),
      },
    };
  },
};
