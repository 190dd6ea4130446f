/**
 * Indicator system, step 3 of 3 (schema → normalise → rules): the checks that need the whole system, run on the
 * normalised system (whose lists keep the file's order, so an error names the file's path) — one namespace for indicator,
 * bonus, penalty and veto ids; what a leaf's metric refers to; that siblings carry `weight:` exactly when their
 * parent weights by direct numbers; that a threshold's floor and target fit the direction; grade bands best first;
 * and each node's weights against its children by the weighting method's own rule (for AHP: the matrices' size,
 * reciprocity and consistency, src/scoring/weights/ahp-weighting.ts).
 */
import { ConfigError } from '../errors.js';
import { compileCustomMetrics } from '../metrics/custom.js';
import { parseMetricId } from '../metrics/metric-catalogue.js';
import type { IndicatorNode, IndicatorSystem, LeafIndicator, WeightsSpec } from '../model/indicator-system.js';
import { leafMethodOf } from '../scoring/leaf/leaf-methods.js';
import { weightMethodOf, weightsSpecLabel } from '../scoring/weights/weight-methods.js';
import { configErrorAt, formatConfigPath, type ConfigPath } from './config-path.js';

/**
 * Checks a normalised system against the rules above.
 * @throws ConfigError at the path of the first entry that breaks one, e.g. `indicators[0].children[1].scoring.floor`
 */
export function checkIndicatorSystem(system: IndicatorSystem, file: string): void {
  new Rules(file).check(system);
}

class Rules {
  private readonly ids = new Map<string, string>();
  private surveyItems = new Set<string>();
  private surveyDimensions = new Set<string>();
  private customIds = new Set<string>();
  private ratedIds = new Set<string>();

  constructor(private readonly file: string) {}

  private fail(path: ConfigPath, message: string, hint?: string): never {
    throw configErrorAt(this.file, path, message, hint);
  }

  check(system: IndicatorSystem): void {
    this.survey(system);
    this.custom(system);
    this.grades(system);
    system.bonus.items.forEach((item, i) => this.claimRated(item.id, item.rating, ['bonus', 'items', i, 'id']));
    system.penalty.items.forEach((item, i) => this.claimRated(item.id, item.rating, ['penalty', 'items', i, 'id']));
    system.veto.forEach((v, i) => this.claimRated(v.id, v.rating, ['veto', i, 'id']));
    system.indicators.forEach((n, i) => this.node(n, ['indicators', i], system.weights));
    this.checkChildren(system.indicators, system.weights, ['weights'], 'the top level');
    for (const id of Object.keys(system.ratings.perIndicator)) {
      if (!this.ratedIds.has(id)) {
        this.fail(
          ['ratings', 'per_indicator', id],
          `"${id}" is not a rated indicator (no leaf has metric ratings.${id} and no bonus, penalty or veto item reads it)`,
        );
      }
    }
  }

  /** Indicator, bonus, penalty and veto ids share one namespace: the ratings file names them in one column. */
  private claimId(id: string, path: ConfigPath): void {
    const first = this.ids.get(id);
    if (first !== undefined) this.fail(path, `duplicate id "${id}" (first used at ${first})`);
    this.ids.set(id, formatConfigPath(path));
  }

  private claimRated(id: string, rating: string, path: ConfigPath): void {
    this.claimId(id, path);
    this.ratedIds.add(rating);
  }

  private survey(system: IndicatorSystem): void {
    system.survey.items.forEach((item, i) => {
      if (this.surveyItems.has(item.id)) this.fail(['survey', 'items', i, 'id'], `duplicate survey item "${item.id}"`);
      this.surveyItems.add(item.id);
      if (item.dimension) this.surveyDimensions.add(item.dimension);
    });
  }

  private custom(system: IndicatorSystem): void {
    system.custom.forEach((c, i) => {
      if (this.customIds.has(c.id)) this.fail(['custom_metrics', i, 'id'], `duplicate custom metric "${c.id}"`);
      this.customIds.add(c.id);
      if (c.aggregate !== 'count' && c.expr === null) {
        this.fail(['custom_metrics', i, 'expr'], `missing; a ${c.aggregate} needs an expression (e.g. "d => d.on_time")`);
      }
    });
    // The expressions are parsed and checked now (known fields, arquero ops only), never executed here.
    try {
      compileCustomMetrics(system.custom);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      const path = (e.location.path ?? 'custom_metrics').replace(/^custom\[/, 'custom_metrics[');
      throw new ConfigError(e.message, { file: this.file, path }, e.hint);
    }
  }

  private grades(system: IndicatorSystem): void {
    const bands = system.grades;
    for (let i = 1; i < bands.length; i++) {
      if (!(bands[i].min < bands[i - 1].min)) {
        this.fail(['grades', i, 'min'], `grade bands must be listed best first with decreasing min (${bands[i - 1].min} then ${bands[i].min})`);
      }
    }
    if (bands[bands.length - 1].min > 0) {
      this.fail(['grades', bands.length - 1, 'min'], 'the last grade band must start at 0 or below, so that every total gets a grade');
    }
    const labels = new Set<string>();
    bands.forEach((b, i) => {
      if (labels.has(b.label.zh)) this.fail(['grades', i, 'label'], `duplicate grade "${b.label.zh}"`);
      labels.add(b.label.zh);
    });
  }

  private node(node: IndicatorNode, path: ConfigPath, parentWeights: WeightsSpec): void {
    this.claimId(node.id, [...path, 'id']);
    if (weightMethodOf(parentWeights).usesChildWeights(parentWeights)) {
      if (node.weight === null) {
        this.fail([...path, 'weight'], `missing; siblings are weighted by their \`weight:\` numbers (${weightsSpecLabel(parentWeights)}), so each needs a positive weight`);
      }
    } else if (node.weight !== null) {
      this.fail([...path, 'weight'], `not used: its parent's children are weighted by ${weightsSpecLabel(parentWeights)}; remove it`);
    }
    if (node.kind === 'group') {
      node.children.forEach((c, i) => this.node(c, [...path, 'children', i], node.weights));
      this.checkChildren(node.children, node.weights, [...path, 'weights'], `"${node.id}"`);
      return;
    }
    this.checkMetric(node.metric, [...path, 'metric']);
    this.scoring(node, [...path, 'scoring']);
  }

  /** The metric's form is the catalogue's to check; whether its survey item, dimension or custom metric exists, ours. */
  private checkMetric(metric: string, path: ConfigPath): void {
    const parsed = parseMetricId(metric);
    if ('error' in parsed) this.fail(path, parsed.error);
    const ref = parsed.ref;
    switch (ref.source) {
      case 'survey':
        if (ref.kind === 'item') {
          if (!this.surveyItems.has(ref.id)) this.fail(path, `unknown survey item "${ref.id}"; survey.items lists ${[...this.surveyItems].join(', ') || 'none'}`);
        } else if (ref.kind === 'dimension') {
          if (!this.surveyDimensions.has(ref.id)) this.fail(path, `unknown survey dimension "${ref.id}"; the survey items name ${[...this.surveyDimensions].join(', ') || 'none'}`);
        } else if (this.surveyItems.size === 0) this.fail(path, `${metric} needs survey items; list them under survey.items`);
        return;
      case 'ratings':
        this.ratedIds.add(ref.id);
        return;
      case 'custom':
        if (!this.customIds.has(ref.id)) this.fail(path, `unknown custom metric "${ref.id}"; custom_metrics lists ${[...this.customIds].join(', ') || 'none'}`);
        return;
      case 'cases':
        return;
    }
  }

  private scoring(leaf: LeafIndicator, path: ConfigPath): void {
    const problem = leafMethodOf(leaf.scoring).check?.(leaf.scoring, leaf);
    if (problem) this.fail([...path, problem.key], problem.message);
  }

  /** Checks that the weights fit the children by their method's rule (an AHP matrix's size and consistency). */
  private checkChildren(children: IndicatorNode[], spec: WeightsSpec, path: ConfigPath, owner: string): void {
    weightMethodOf(spec).check?.(spec, children, {
      fail: (below, message, hint) => this.fail([...path, ...below], message, hint),
      owner,
      checkNested: (nested, below) => this.checkChildren(children, nested, [...path, ...below], owner),
    });
  }
}
