/**
 * `govscore rank FILE.csv --weights COL=W,… [--cost COL,…] [--method wsm|topsis]`: ranks the units (rows) of a
 * units × indicators CSV.
 * - wsm (default): weighted sum of min–max scores, each column scaled to 0..100 respecting its direction
 *   (100 for the best unit, 0 for the worst; 100 for all when a column is constant), weights normalised to sum 1,
 *   so scores are on 0..100 (src/scoring/wsm.ts).
 * - topsis: closeness C = D⁻/(D⁺ + D⁻) ∈ [0, 1] after vector normalisation (src/scoring/topsis.ts).
 * Columns not named in --weights get weight 0. Ties share the best rank (1, 2, 2, 4).
 */
import { UsageError } from '../errors.js';
import { readUnitsMatrix } from '../io/matrix-file.js';
import { competitionRanks } from '../scoring/competition-rank.js';
import { topsis } from '../scoring/topsis.js';
import { weightedSumScores } from '../scoring/wsm.js';
import * as log from '../log.js';
import { checkJsonOption, checkMagnitudes, emitJson, formatTable, parseCostOption, parseWeightsOption, toDataError, type MatrixCommandResult } from './matrix-options.js';

export async function runRank(file: string, opts: Record<string, unknown>): Promise<void> {
  const method = String(opts.method ?? 'wsm');
  if (method !== 'wsm' && method !== 'topsis') throw new UsageError(`--method: "${method}" is not one of wsm, topsis`);
  await checkJsonOption(opts.json, file);
  const input = await readUnitsMatrix(file);
  const raw = parseWeightsOption(opts.weights, input.columnLabels);
  const directions = parseCostOption(opts.cost, input.columnLabels);
  const unweighted = input.columnLabels.filter((_, j) => raw[j] === 0);
  if (unweighted.length) log.info(`columns without a weight take no part: ${unweighted.join(', ')}`);
  const total = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / total);

  checkMagnitudes(input.values, input.locate);
  let scores: number[];
  let ranks: number[];
  try {
    if (method === 'topsis') {
      const r = topsis(input.values, weights, directions);
      scores = r.closeness;
      ranks = r.ranks;
    } else {
      scores = weightedSumScores(input.values, weights, directions);
      ranks = competitionRanks(scores, 'desc');
    }
  } catch (e) {
    throw toDataError(e, input.locate);
  }

  const json: MatrixCommandResult = {
    method,
    weights: Object.fromEntries(input.columnLabels.map((l, j) => [l, weights[j]])),
    lambda_max: null,
    ci: null,
    cr: null,
    ri: null,
    scores: input.rowLabels.map((label, i) => ({ label, score: scores[i], rank: ranks[i] })),
  };
  if (await emitJson(opts.json, json)) return;

  const order = input.rowLabels.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b] || a - b);
  const digits = method === 'topsis' ? 4 : 2;
  const cost = input.columnLabels.filter((_, j) => directions[j] === 'cost');
  process.stdout.write(
    `${method === 'topsis' ? 'TOPSIS closeness (0..1)' : 'weighted sum of min–max scores (0..100)'} from ${file}\n` +
      `weights: ${input.columnLabels.map((l, j) => `${l}=${weights[j].toFixed(4)}`).join(', ')}` +
      (cost.length ? `; cost: ${cost.join(', ')}` : '') +
      '\n\n' +
      formatTable(
        ['rank', 'unit', method === 'topsis' ? 'closeness' : 'score'],
        order.map((i) => [String(ranks[i]), input.rowLabels[i], scores[i].toFixed(digits)]),
        ['r', 'l', 'r'],
      ),
  );
}
