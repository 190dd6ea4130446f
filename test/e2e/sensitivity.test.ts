/**
 * `govscore sensitivity` end to end (issue 16 item 2): the built CLI on the sample quarter with an uncertainty
 * setting, its JSON, and exit 2 naming the setting's path for an unknown indicator or method.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/govscore'), ...args], { encoding: 'utf8' });

function assessment(uncertainty: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'govscore-sensitivity-'));
  const text = readFileSync(join(root, 'samples/assessment.yaml'), 'utf8')
    .replace(/indicator_system: \.\.\//, `indicator_system: ${root}`)
    .replace(/^(\s+)(cases|ratings|units): (\w+\.csv)/gm, `$1$2: ${join(root, 'samples')}/$3`)
    .replace(/^(\s+)path: survey\.csv/m, `$1path: ${join(root, 'samples')}/survey.csv`)
    .replace(/^ {2}workbook: .*$/m, `  workbook: ${join(dir, 'r.xlsx')}`)
    .replace(/^ {2}json: .*$/m, `  json: ${join(dir, 'r.json')}`)
    .replace(/^ {2}top_k: 3$/m, `  top_k: 3\n${uncertainty}`);
  const file = join(dir, 'assessment.yaml');
  writeFileSync(file, text);
  return file;
}

describe('govscore sensitivity (built CLI)', () => {
  it('exit 0: prints the inputs with their indices and writes the analysis into the JSON', () => {
    const file = assessment('  uncertainty: {samples: 16, leaf_methods: {D1: [minmax]}, aggregation: [arithmetic, geometric]}');
    const r = cli('sensitivity', file, '--draws', '0', '-q');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/N = 16, 80 draws/);
    expect(r.stdout).toMatch(/leaf_method:D1 +threshold \| minmax/);
    const json = JSON.parse(readFileSync(file.replace('assessment.yaml', 'r.json'), 'utf8'));
    expect(json.uncertainty.samples).toBe(16);
    expect(json.uncertainty.inputs.map((i: { id: string }) => i.id)).toEqual(['weights', 'leaf_method:D1', 'aggregation']);
    expect(json.uncertainty.units.length).toBe(9);
    expect(json.uncertainty.remove_one.length).toBeGreaterThan(0);
  }, 120_000);

  it('runs with the defaults when the file has no uncertainty setting', () => {
    const r = cli('sensitivity', assessment(''), '--samples', '8', '--draws', '0', '-q');
    expect(r.status, r.stderr).toBe(0);
    // weights, aggregation, missing, weighting (the sample system has entropy and combined nodes): k = 4, 8 × 6 draws.
    expect(r.stdout).toMatch(/N = 8, 48 draws/);
    expect(r.stdout).toMatch(/^weighting +entropy \| critic \| stdev/m);
  }, 120_000);

  it('exit 2 naming the path for an unknown indicator or method', () => {
    const bad = cli('sensitivity', assessment('  uncertainty: {leaf_methods: {Z9: [minmax]}}'), '-q');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/robustness\.uncertainty\.leaf_methods\.Z9/);
    expect(bad.stderr).toMatch(/"Z9" is not a leaf indicator/);
    const method = cli('assess', assessment('  uncertainty: {aggregation: [arithmetic, harmonic]}'), '-q');
    expect(method.status).toBe(2);
    expect(method.stderr).toMatch(/robustness\.uncertainty\.aggregation\[1\]/);
  }, 120_000);
});
