import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { checkScenarioIds, closestIds, loadScenarios, resolveScenarios } from '../../src/robustness/scenarios-file.js';

async function file(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'govscore-scen-'));
  const path = join(dir, 'scenarios.yaml');
  await writeFile(path, text);
  return path;
}

describe('loadScenarios', () => {
  it('reads names, descriptions, weights and resolves indicator_system against the file', async () => {
    const path = await file(`
scenarios:
  - name: 重满意度
    description: satisfaction first
    weights: {satisfaction: 0.4, efficiency: 0.2}
  - name: 2027
    indicator_system: ../alt.yaml
`);
    const { scenarios, sha256 } = await loadScenarios(path);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(scenarios[0]).toEqual({ name: '重满意度', description: 'satisfaction first', weights: { satisfaction: 0.4, efficiency: 0.2 }, indicator_system: null });
    expect(scenarios[1].name).toBe('2027');
    expect(scenarios[1].indicator_system).toBe(join(path, '..', '..', 'alt.yaml'));
  });

  it('names the file and the path of a schema problem', async () => {
    const path = await file('scenarios:\n  - name: x\n    weights: {a: -1}\n');
    await expect(loadScenarios(path)).rejects.toMatchObject({ location: { file: path, path: 'scenarios[0].weights.a' } });
    await expect(loadScenarios(path)).rejects.toThrow(ConfigError);
  });

  it('refuses unknown keys, an empty list, duplicate and reserved names, and empty scenarios', () => {
    expect(() => resolveScenarios({ scenarios: [{ name: 'x', weight: { a: 1 } }] }, 'f.yaml')).toThrow(ConfigError);
    expect(() => resolveScenarios({ scenarios: [] }, 'f.yaml')).toThrow(/at least 1/);
    expect(() => resolveScenarios({ scenarios: [{ name: 'x', weights: { a: 1 } }, { name: 'x', weights: { a: 2 } }] }, 'f.yaml')).toThrow(/duplicate scenario name "x"/);
    expect(() => resolveScenarios({ scenarios: [{ name: 'base', weights: { a: 1 } }] }, 'f.yaml')).toThrow(/choose another name/);
    expect(() => resolveScenarios({ scenarios: [{ name: 'x' }] }, 'f.yaml')).toThrow(/needs weights or an indicator_system/);
  });

  it('reports a YAML syntax error with its line', async () => {
    const path = await file('scenarios:\n  - name: [x\n');
    await expect(loadScenarios(path)).rejects.toMatchObject({ location: { file: path } });
  });
});

describe('checkScenarioIds', () => {
  const known = ['satisfaction', 'efficiency', 'D1', 'D2', 'D1.1'];

  it('accepts known ids', () => {
    expect(() => checkScenarioIds({ name: 's', description: null, weights: { D1: 2 }, indicator_system: null }, 0, known, 'f.yaml')).not.toThrow();
  });

  it('rejects an unknown id at its path, suggesting the closest ids', () => {
    let caught: unknown;
    try {
      checkScenarioIds({ name: 's', description: null, weights: { D1: 1, satisfation: 2 }, indicator_system: null }, 1, known, 'f.yaml');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const e = caught as ConfigError;
    expect(e.location).toEqual({ file: 'f.yaml', path: 'scenarios[1].weights.satisfation' });
    expect(e.message).toContain('unknown indicator id "satisfation"');
    expect(e.hint).toBe('did you mean "satisfaction"?');
  });

  it('orders close ids by edit distance', () => {
    expect(closestIds('D3', known)).toEqual(['D1', 'D2']); // D1.1 is 3 edits away, beyond the limit of 2
    expect(closestIds('zzzzzz', known)).toEqual([]);
  });
});
