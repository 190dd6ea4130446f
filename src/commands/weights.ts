/**
 * `govscore weights ahp|entropy|critic|stdev FILE`: weights from a plain matrix, for analysts (the methods besides ahp
 * are those of src/scoring/weights/weight-methods.ts that weigh a units × indicators matrix).
 *
 * - ahp: one or several experts' pairwise comparison matrices (CSV or YAML, see src/io/matrix-file.ts); several
 *   are combined by the element-wise geometric mean before the weights are taken. A consistency ratio
 *   CR ≥ 0.10 stops with a data error (exit 3) naming the most inconsistent judgement, unless
 *   --allow-inconsistent is given.
 * - entropy, critic, stdev: a units × indicators CSV. --cost marks smaller-is-better columns: CRITIC normalises
 *   them best–worst reversed; for entropy a cost column is reflected first, x' = max + min − x, so that larger
 *   again means better while the column keeps its range (and stays non-negative if it was); stdev ignores the
 *   direction, since reversing a column does not change its spread.
 * Prints an aligned table on stdout, or JSON with --json (`-` for stdout, otherwise a file written atomically).
 */
import { DataError, UsageError } from '../errors.js';
import { readPairwiseMatrices, readUnitsMatrix } from '../io/matrix-file.js';
import * as log from '../log.js';
import { AHP_CR_LIMIT, ahp, combineExpertMatrices, type AhpMethod, type AhpResult, type RiTable } from '../scoring/weights/ahp.js';
import { MATRIX_WEIGHT_METHOD_IDS, weightMethodById } from '../scoring/weights/weight-methods.js';
import { checkJsonOption, checkMagnitudes, emitJson, formatTable, parseCostOption, toDataError, type MatrixCommandResult } from './matrix-options.js';

/** `govscore weights` methods: AHP on pairwise matrices, and every method of the table that weighs a units × indicators matrix. */
const WEIGHTS_COMMAND_METHODS: readonly string[] = ['ahp', ...MATRIX_WEIGHT_METHOD_IDS];
const AHP_METHODS: AhpMethod[] = ['eigenvector', 'sum_product', 'geometric'];
const RI_TABLES: RiTable[] = ['saaty', 'chinese'];

function fmt(x: number, digits: number): string {
  return x.toFixed(digits);
}

function weightsRecord(labels: string[], weights: number[]): Record<string, number> {
  return Object.fromEntries(labels.map((l, j) => [l, weights[j]]));
}

function weightsTable(labels: string[], weights: number[]): string {
  return formatTable(
    ['indicator', 'weight'],
    labels.map((l, j) => [l, fmt(weights[j], 4)]),
  );
}

async function runAhp(file: string, opts: Record<string, unknown>): Promise<void> {
  const method = (opts.ahpMethod ?? 'eigenvector') as AhpMethod;
  if (!AHP_METHODS.includes(method)) throw new UsageError(`--ahp-method: "${String(method)}" is not one of ${AHP_METHODS.join(', ')}`);
  const ri = (opts.ri ?? 'saaty') as RiTable;
  if (!RI_TABLES.includes(ri)) throw new UsageError(`--ri: "${String(ri)}" is not one of ${RI_TABLES.join(', ')}`);
  if (opts.cost !== undefined) log.warn('--cost does not apply to AHP and is ignored');

  const input = await readPairwiseMatrices(file);
  let matrix: number[][];
  try {
    matrix = input.matrices.length === 1 ? input.matrices[0] : combineExpertMatrices(input.matrices);
  } catch (e) {
    throw toDataError(e, () => ({ file }));
  }
  // Check each expert's own matrix first so that an error points at the cell the expert wrote.
  input.matrices.forEach((m, k) => {
    try {
      ahp(m, { method, ri });
    } catch (e) {
      throw toDataError(e, (row, col) => input.locate(k, row, col));
    }
  });
  let result: AhpResult;
  try {
    result = ahp(matrix, { method, ri });
  } catch (e) {
    throw toDataError(e, (row, col) => input.locate(0, row, col));
  }

  const labels = input.labels;
  const worst = result.mostInconsistent;
  const worstText = worst
    ? `${labels[worst.row]} vs ${labels[worst.col]}: given ${+worst.given.toFixed(4)}, the weights imply ${worst.implied.toFixed(2)}`
    : null;
  if (result.cr >= AHP_CR_LIMIT) {
    const message = `consistency ratio CR = ${result.cr.toFixed(4)} ≥ ${AHP_CR_LIMIT.toFixed(2)} (${result.ri.name} RI = ${result.ri.value})` + (worstText ? `; most inconsistent judgement: ${worstText}` : '');
    if (!opts.allowInconsistent) {
      throw new DataError(
        message,
        worst && input.matrices.length === 1 ? input.locate(0, worst.row, worst.col) : { file },
        'revise that judgement (and its reciprocal), or pass --allow-inconsistent to report the weights anyway',
      );
    }
    log.warn(message);
  }

  const json: MatrixCommandResult = {
    method: 'ahp',
    ahp_method: method,
    experts: input.matrices.length,
    weights: weightsRecord(labels, result.weights),
    lambda_max: result.lambdaMax,
    ci: result.ci,
    cr: result.cr,
    ri: result.ri,
    most_inconsistent: worst ? { row: labels[worst.row], column: labels[worst.col], given: worst.given, implied: worst.implied } : null,
    scores: null,
  };
  if (await emitJson(opts.json, json)) return;
  const lines = [
    `AHP weights (${method}${input.matrices.length > 1 ? `, geometric mean of ${input.matrices.length} experts' matrices` : ''}) from ${file}`,
    '',
    weightsTable(labels, result.weights),
    `λmax = ${fmt(result.lambdaMax, 4)}   CI = ${fmt(result.ci, 4)}   RI = ${result.ri.value} (${result.ri.name})   CR = ${fmt(result.cr, 4)}` +
      (result.cr < AHP_CR_LIMIT ? '  (consistent: CR < 0.10)' : '  (INCONSISTENT: CR ≥ 0.10)'),
  ];
  if (worstText && result.cr >= AHP_CR_LIMIT) lines.push(`most inconsistent judgement: ${worstText}`);
  process.stdout.write(lines.join('\n') + '\n');
}

async function runDataDriven(method: string, units: { weights: (matrix: number[][], directions: ('benefit' | 'cost')[]) => number[]; title: string }, file: string, opts: Record<string, unknown>): Promise<void> {
  for (const flag of ['ahpMethod', 'ri', 'allowInconsistent'] as const) {
    if (opts[flag] !== undefined) log.warn(`--${flag.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} applies to ahp only and is ignored`);
  }
  const input = await readUnitsMatrix(file);
  const directions = parseCostOption(opts.cost, input.columnLabels);
  checkMagnitudes(input.values, input.locate);
  let weights: number[];
  try {
    weights = units.weights(input.values, directions);
  } catch (e) {
    throw toDataError(e, input.locate);
  }
  const json: MatrixCommandResult = {
    method,
    weights: weightsRecord(input.columnLabels, weights),
    lambda_max: null,
    ci: null,
    cr: null,
    ri: null,
    scores: null,
  };
  if (await emitJson(opts.json, json)) return;
  const cost = input.columnLabels.filter((_, j) => directions[j] === 'cost');
  process.stdout.write(
    `${units.title} weights from ${file} (${input.values.length} units × ${input.columnLabels.length} indicators` +
      (cost.length ? `; cost: ${cost.join(', ')}` : '') +
      ')\n\n' +
      weightsTable(input.columnLabels, weights),
  );
}

export async function runWeights(method: string, file: string, opts: Record<string, unknown>): Promise<void> {
  if (!WEIGHTS_COMMAND_METHODS.includes(method)) {
    throw new UsageError(`unknown weighting method "${method}"; use one of: ${WEIGHTS_COMMAND_METHODS.join(', ')}`);
  }
  await checkJsonOption(opts.json, file);
  if (method === 'ahp') return runAhp(file, opts);
  return runDataDriven(method, weightMethodById(method)!.units!, file, opts);
}
