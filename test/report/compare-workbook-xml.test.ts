/**
 * The comparison workbook of `govscore compare` gets the same XML cleaning as the report (design §7.6, issue 12):
 * a U+FFFE in a unit id, a control character in a scenario's name and description → every XML part well-formed,
 * the texts shown without them, and a warning that names them. Set-up as in test/commands/compare.test.ts.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseIndicatorSystem } from '../../src/config/indicator-system.js';
import { scenarioResults, type LoadedSystem } from '../../src/commands/compare.js';
import { compareWorkbookOutput } from '../../src/report/compare-workbook.js';
import { compareScenarios } from '../../src/robustness/compare-scenarios.js';
import { scoreAssessment } from '../../src/scoring/score-assessment.js';
import { buildMetrics } from '../scoring/metrics-fixture.js';
import { assertWellFormed } from './helpers.js';

const YAML = `
name: {zh: 测试, en: Test}
survey: {items: [{id: q1}]}
indicators:
  - {id: a, name: 甲, weight: 1, metric: cases.satisfaction_score, scoring: {method: identity}}
  - {id: b, name: 乙, weight: 1, metric: survey.satisfaction_index, scoring: {method: identity}}
`;

describe('compare workbook text', () => {
  it('is cleaned for XML, with a warning', async () => {
    const metrics = buildMetrics({ units: ['U\uFFFE1', 'U2', 'U3'], cases: { satisfaction_score: [90, 60, 70] }, surveyIndex: [60, 80, 70] });
    const sys: LoadedSystem = { system: parseIndicatorSystem(YAML, 's.yaml'), path: 's.yaml', sha256: 'x' };
    const base = scoreAssessment({ system: sys.system, systemFile: sys, assessment: null, metrics, version: 't', generatedAt: '2026-10-08T09:00:00' });
    const results = await scenarioResults(
      base,
      { path: 'sc.yaml', sha256: '', scenarios: [{ name: '重\u0001b', description: '说明\uFFFF', weights: { b: 3 }, indicator_system: null }] },
      { baseSystem: sys, loadSystem: async () => sys, runWithSystem: async () => base },
    );
    const { file, warning } = await compareWorkbookOutput(compareScenarios(base, results), 'compare.xlsx', 'zh');
    const zip = await JSZip.loadAsync(file.data as Buffer);
    const utf8 = new TextDecoder('utf-8', { fatal: true });
    for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) assertWellFormed(utf8.decode(await zip.file(name)!.async('uint8array')));
    const sst = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(sst).toContain('<t>U1</t>');
    expect(sst).toContain('<t>重b</t>');
    expect(sst).toContain('<t>说明</t>');
    expect(warning?.code).toBe('xml_text_cleaned');
    expect(warning?.message).toContain('"U⟨U+FFFE⟩1"');
  });
});
