/**
 * The scenarios file (YAML) of `govscore compare`: named alternative weightings of one assessment.
 *
 * ```yaml
 * scenarios:
 *   - name: 重满意度
 *     description: satisfaction counts double
 *     weights: {satisfaction: 0.4, efficiency: 0.2}     # indicator id → raw local weight
 *   - name: 新指标体系
 *     indicator_system: ../indicators/alternative.yaml  # a whole alternative system (resolved against this file)
 * ```
 *
 * A `weights` entry replaces that indicator's weight before its siblings are normalised — the same rule as the
 * scoring stage's scenario overrides (src/scoring/node-weights.ts): under direct weights it replaces the
 * `weight:` number; under AHP or data-driven weights it replaces the computed weight and the set is renormalised.
 * @throws ConfigError naming the file and path: a schema problem, a duplicate or reserved name, an unknown
 *   indicator id (with the closest known ids as a hint), a scenario with neither weights nor indicator_system
 * @example (await loadScenarios('samples/scenarios.yaml')).scenarios[0].name // → '重满意度'
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { configErrorAt, configErrorFromZod } from '../config/config-path.js';
import { readYamlFile } from '../config/yaml-file.js';

/** The name the base run carries in comparisons; a scenario may not take it. */
export const BASE_SCENARIO = 'base';

const scenarioSchema = z.strictObject({
  name: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().trim().min(1)),
  description: z.string().optional(),
  weights: z.record(z.string(), z.number().positive().finite()).optional(),
  indicator_system: z.string().min(1).optional(),
});

export const scenariosFileSchema = z.strictObject({
  scenarios: z.array(scenarioSchema).min(1),
});

export interface Scenario {
  name: string;
  description: string | null;
  /** Indicator id → raw local weight. */
  weights: Record<string, number>;
  /** Absolute path of an alternative indicator system, or null to rescore the base system. */
  indicator_system: string | null;
}

export interface ScenariosFile {
  path: string;
  sha256: string;
  scenarios: Scenario[];
}

export async function loadScenarios(path: string): Promise<ScenariosFile> {
  const { data, sha256 } = await readYamlFile(path);
  return { path, sha256, scenarios: resolveScenarios(data, path) };
}

/** Validates already-parsed YAML; relative indicator_system paths resolve against the file's folder. */
export function resolveScenarios(data: unknown, file: string): Scenario[] {
  const parsed = scenariosFileSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) throw configErrorFromZod(parsed.error, file);
  const seen = new Set<string>();
  return parsed.data.scenarios.map((s, i) => {
    if (s.name === BASE_SCENARIO) {
      throw configErrorAt(file, ['scenarios', i, 'name'], `"${BASE_SCENARIO}" is the name of the unchanged assessment; choose another name`);
    }
    if (seen.has(s.name)) throw configErrorAt(file, ['scenarios', i, 'name'], `duplicate scenario name "${s.name}"`);
    seen.add(s.name);
    const weights = s.weights ?? {};
    if (Object.keys(weights).length === 0 && !s.indicator_system) {
      throw configErrorAt(file, ['scenarios', i], 'a scenario needs weights or an indicator_system (or both)');
    }
    return {
      name: s.name,
      description: s.description ?? null,
      weights,
      indicator_system: s.indicator_system ? resolve(dirname(file), s.indicator_system) : null,
    };
  });
}

/**
 * Checks that every weight override names an indicator of the system it applies to.
 * @throws ConfigError at scenarios[i].weights.<id>, with the closest known ids as a hint
 */
export function checkScenarioIds(scenario: Scenario, index: number, knownIds: readonly string[], file: string): void {
  const known = new Set(knownIds);
  for (const id of Object.keys(scenario.weights)) {
    if (known.has(id)) continue;
    const close = closestIds(id, knownIds);
    throw configErrorAt(
      file,
      ['scenarios', index, 'weights', id],
      `unknown indicator id "${id}" in scenario "${scenario.name}"`,
      close.length > 0 ? `did you mean ${close.map((c) => `"${c}"`).join(', ')}?` : `known ids: ${knownIds.slice(0, 12).join(', ')}${knownIds.length > 12 ? ', …' : ''}`,
    );
  }
}

/** Up to three ids within an edit distance of a third of the longer id (at least 2), closest first. */
export function closestIds(id: string, knownIds: readonly string[]): string[] {
  const lower = id.toLowerCase();
  return knownIds
    .map((k) => ({ k, d: editDistance(lower, k.toLowerCase()) }))
    .filter(({ k, d }) => d <= Math.max(2, Math.floor(Math.max(k.length, id.length) / 3)) || k.toLowerCase().includes(lower))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, 3)
    .map(({ k }) => k);
}

/** Levenshtein distance (insertions, deletions, substitutions), two rows of dynamic programming. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
