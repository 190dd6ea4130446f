/**
 * The JSON result once, in one naming convention (issue 13 §5, design §7.2): schema_version 3, snake_case keys
 * throughout (the metric stage's part included), and the rejected rows, the period and the warnings only once, at
 * the top. The sample quarter is assessed by the built CLI; its unit, indicator and item ids hold no capital
 * letter, so any camelCase key left in the document is a field name.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESULT_SCHEMA_VERSION } from '../../src/model/result.js';
import { caseCountsJson, resultJson, snakeCase } from '../../src/report/result-json.js';
import { PACKAGE_ROOT } from '../../src/version.js';
import { readResultJson } from '../support/read-result-json.js';
import { makeFixture } from './fixture.js';

/** Every key of a JSON value that is not snake_case (has a capital after a lower-case letter), with its path. */
function camelKeys(x: unknown, path = ''): string[] {
  if (Array.isArray(x)) return x.flatMap((v) => camelKeys(v, `${path}[]`));
  if (x === null || typeof x !== 'object') return [];
  return Object.entries(x).flatMap(([k, v]) => [...(/[a-z][A-Z]/.test(k) ? [`${path}.${k}`] : []), ...camelKeys(v, `${path}.${k}`)]);
}

describe('resultJson', () => {
  it('names fields in snake_case', () => {
    expect(snakeCase('closedOnTime')).toBe('closed_on_time');
    expect(snakeCase('cases')).toBe('cases');
    expect(caseCountsJson({ cases: 3, closedOnTime: 2 } as never)).toEqual({ cases: 3, closed_on_time: 2 });
  });

  it('writes the hand-made result with no camelCase key and the metric stage only once', () => {
    const r = makeFixture();
    const doc = JSON.parse(JSON.stringify(resultJson(r)));
    expect(camelKeys(doc)).toEqual([]);
    expect(Object.keys(doc.metrics)).toEqual(['units', 'cases', 'case_counts', 'breakdowns', 'custom', 'survey', 'ratings']);
    expect(doc.data_quality).toEqual(r.data_quality);
    expect(doc.metrics.survey.min_n).toBe(r.metrics.survey!.minN);
    expect(doc.findings.overall.case_pooled.closed_on_time).toBe(r.findings!.overall.case_pooled!.closedOnTime);
  });

  // The engine's result shares the metric stage's period and data quality (src/scoring/score-assessment.ts); the
  // hand-made fixture does not, so the expected result takes them from the top as the engine would have.
  it('is read back into the same result (the metric stage given the result’s period, data quality and warnings)', () => {
    const r = { ...makeFixture(), schema_version: RESULT_SCHEMA_VERSION };
    const back = readResultJson(JSON.parse(JSON.stringify(resultJson(r))));
    const engine = { ...r, metrics: { ...r.metrics, period: r.period, dataQuality: r.data_quality, warnings: r.warnings } };
    expect(back).toEqual(JSON.parse(JSON.stringify(engine)));
  });
});

const built = existsSync(join(PACKAGE_ROOT, 'dist', 'cli.js'));
const cli = (...args: string[]) => spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin/govscore'), ...args], { encoding: 'utf8' });

describe.runIf(built)('the JSON the CLI writes (needs npm run build)', () => {
  it('assess --json: schema_version 3, snake_case keys, the rejected rows once', () => {
    const out = mkdtempSync(join(tmpdir(), 'govscore-json-'));
    const r = cli('assess', join(PACKAGE_ROOT, 'samples', 'assessment.yaml'), '--json', join(out, 'r.json'), '--draws', '0', '-q');
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(join(out, 'r.json'), 'utf8');
    const doc = JSON.parse(text);
    expect(doc.schema_version).toBe(3);
    expect(camelKeys(doc)).toEqual([]);
    expect(doc.metrics).not.toHaveProperty('data_quality');
    expect(doc.metrics).not.toHaveProperty('period');
    expect(doc.metrics).not.toHaveProperty('warnings');
    // Every rejected row is listed once in the whole document.
    const first = doc.data_quality.issues[0];
    expect(first).toBeDefined();
    expect(JSON.stringify(doc).split(JSON.stringify(first)).length - 1).toBe(1);
  });

  it('metrics --json: snake_case keys', () => {
    const s = (f: string) => join(PACKAGE_ROOT, 'samples', f);
    const r = cli('metrics', '--cases', s('cases.csv'), '--survey', s('survey.csv'), '--ratings', s('ratings.csv'), '--units', s('units.csv'), '--period', '2026Q3', '--json', '-', '-q');
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(camelKeys(doc)).toEqual([]);
    expect(doc.breakdowns.urgency[0].counts).toHaveProperty('closed_on_time');
  });
});
