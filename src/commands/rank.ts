/**
 * `govscore rank FILE.csv --weights COL=W,… [--cost COL,…] [--method wsm|topsis|vikor|gra|rsr]`: ranks the units
 * (rows) of a units × indicators CSV.
 * - wsm (default): weighted sum of min–max scores, each column scaled to 0..100 respecting its direction
 *   (100 for the best unit, 0 for the worst; 100 for all when a column is constant), weights normalised to sum 1,
 *   so scores are on 0..100 (src/scoring/wsm.ts).
 * - topsis: closeness C = D⁻/(D⁺ + D⁻) ∈ [0, 1] after vector normalisation (src/scoring/topsis.ts).
 * - vikor (`--v`, default 0.5): compromise index Q, smaller is better, with S, R and the two acceptance conditions
 *   (src/scoring/vikor.ts).
 * - gra (`--rho`, default 0.5): grey relational grade against the ideal unit (src/scoring/grey-relational.ts).
 * - rsr (`--tiers`, default 3): rank-sum ratio with probit 分档 (src/scoring/rank-sum-ratio.ts).
 * Columns not named in --weights get weight 0. Ties share the best rank (1, 2, 2, 4).
 */
import { UsageError } from '../errors.js';
import { readUnitsMatrix } from '../io/matrix-file.js';
import { RANK_METHOD_NAMES, RANK_METHODS, type RankOutcome, type RankParams } from '../scoring/rank-methods.js';
import * as log from '../log.js';
import { checkJsonOption, checkMagnitudes, emitJson, formatTable, parseCostOption, parseWeightsOption, toDataError, type MatrixCommandResult } from './matrix-options.js';

export async function runRank(file: string, opts: Record<string, unknown>): Promise<void> {
  const method = String(opts.method ?? 'wsm');
  const entry = RANK_METHODS[method];
  if (!entry) throw new UsageError(`--method: "${method}" is not one of ${RANK_METHOD_NAMES.join(', ')}`);
  const params = parseRankParams(opts);
  await checkJsonOption(opts.json, file);
  const input = await readUnitsMatrix(file);
  const raw = parseWeightsOption(opts.weights, input.columnLabels);
  const directions = parseCostOption(opts.cost, input.columnLabels);
  const unweighted = input.columnLabels.filter((_, j) => raw[j] === 0);
  if (unweighted.length) log.info(`columns without a weight take no part: ${unweighted.join(', ')}`);
  const total = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / total);

  checkMagnitudes(input.values, input.locate);
  let outcome: RankOutcome;
  try {
    outcome = entry.rank(input.values, weights, directions, params);
  } catch (e) {
    throw toDataError(e, input.locate);
  }
  const { scores, ranks, columns } = outcome;
  const extra = Object.keys(columns);

  const json: MatrixCommandResult = {
    method,
    weights: Object.fromEntries(input.columnLabels.map((l, j) => [l, weights[j]])),
    lambda_max: null,
    ci: null,
    cr: null,
    ri: null,
    scores: input.rowLabels.map((label, i) => ({ label, score: scores[i], rank: ranks[i], ...Object.fromEntries(extra.map((c) => [c, columns[c][i]])) })),
    ...(Object.keys(outcome.details).length ? { details: outcome.details } : {}),
  };
  if (await emitJson(opts.json, json)) return;

  const order = input.rowLabels.map((_, i) => i).sort((a, b) => ranks[a] - ranks[b] || a - b);
  const digits = entry.digits;
  const cost = input.columnLabels.filter((_, j) => directions[j] === 'cost');
  const cell = (x: number | null) => (x === null ? '–' : Number.isInteger(x) ? String(x) : x.toFixed(4));
  process.stdout.write(
    `${entry.scale.en} from ${file}\n` +
      `weights: ${input.columnLabels.map((l, j) => `${l}=${weights[j].toFixed(4)}`).join(', ')}` +
      (cost.length ? `; cost: ${cost.join(', ')}` : '') +
      '\n\n' +
      formatTable(
        ['rank', 'unit', method === 'topsis' ? 'closeness' : method === 'vikor' ? 'Q' : method === 'gra' ? 'grade' : method === 'rsr' ? 'RSR' : 'score', ...extra.map((c) => (c.length === 1 ? c.toUpperCase() : c))],
        order.map((i) => [String(ranks[i]), input.rowLabels[i], scores[i].toFixed(digits), ...extra.map((c) => cell(columns[c][i]))]),
        ['r', 'l', 'r', ...extra.map((): 'r' => 'r')],
      ) +
      methodNotes(method, outcome, input.rowLabels),
  );
}

/** --v, --rho, --tiers: checked here so that a bad value is a usage error naming the option. */
function parseRankParams(opts: Record<string, unknown>): RankParams {
  const num = (name: string, ok: (x: number) => boolean, what: string): number | undefined => {
    const raw = opts[name];
    if (raw === undefined || raw === null || raw === false) return undefined;
    const x = Number(raw);
    if (String(raw).trim() === '' || !ok(x)) throw new UsageError(`--${name}: "${String(raw)}" is not ${what}`);
    return x;
  };
  return {
    v: num('v', (x) => x >= 0 && x <= 1, 'a number from 0 to 1'),
    rho: num('rho', (x) => x > 0 && x <= 1, 'a number greater than 0 and at most 1'),
    tiers: num('tiers', (x) => Number.isInteger(x) && x >= 2 && x <= 10, 'a whole number of 档 from 2 to 10'),
  };
}

/** The lines under the table that a method's reader needs: VIKOR's compromise, the RSR line and its 档. */
function methodNotes(method: string, outcome: RankOutcome, labels: string[]): string {
  const d = outcome.details;
  if (method === 'vikor') {
    const names = (d.compromise as number[]).map((i) => labels[i]).join(', ');
    return (
      `\nv = ${String(d.v)}; DQ = ${(d.dq as number).toFixed(4)}; C1 acceptable advantage: ${d.acceptable_advantage ? 'yes' : 'no'}; ` +
      `C2 acceptable stability: ${d.acceptable_stability ? 'yes' : 'no'}\ncompromise solution: ${names}\n`
    );
  }
  if (method === 'rsr') {
    const fit = d.fit as { intercept: number; slope: number; r2: number } | null;
    if (!fit) return '\nall units have the same RSR: no probit line, no 档\n';
    const cuts = (d.cuts as { probit: number; rsr: number }[]).map((c) => `probit ${c.probit.toFixed(2)} → RSR ${c.rsr.toFixed(4)}`).join('; ');
    return `\nRSR = ${fit.intercept.toFixed(4)} + ${fit.slope.toFixed(4)}·Probit (R² = ${fit.r2.toFixed(4)}); ${String(d.tier_count)} 档 (1 = top), boundaries: ${cuts}\n`;
  }
  if (method === 'gra') return `\nρ = ${String(d.rho)}\n`;
  return '';
}
