import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAssessment, parseAssessment } from '../../src/config/assessment.js';
import { ConfigError } from '../../src/errors.js';

const DIR = resolve('test/fixtures/config');

describe('loadAssessment', () => {
  it('reads every field and resolves paths against the file\'s folder', async () => {
    const a = await loadAssessment('test/fixtures/config/assessment.yaml');
    expect(a.title).toBe('东湖街道2026年第三季度基层社会治理第三方评估');
    expect([a.client, a.evaluator]).toEqual(['某区人民政府办公室', '某第三方评估机构']);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    // 2026Q3 = 2026-07-01..2026-09-30, cut-off as given
    expect(a.period).toEqual({ from: '2026-07-01', to: '2026-09-30', as_of: '2026-10-08T00:00:00' });
    expect(a.periodText).toBe('2026Q3');
    expect(a.indicatorSystem).toBe(resolve(DIR, 'minimal-system.yaml'));
    expect(a.calendar).toBe(resolve(DIR, 'calendar.json'));
    expect([a.weekendsOnly, a.maxReject, a.map]).toEqual([true, 5, resolve(DIR, 'mapping.yaml')]);
    expect(a.inputs.cases).toEqual({
      path: resolve(DIR, 'data/cases.csv'),
      encoding: 'gbk',
      sheet: null,
      mapping: { columns: { case_id: '工单流水号' } },
    });
    expect(a.inputs.survey).toEqual({ path: resolve(DIR, 'data/survey.xlsx'), encoding: null, sheet: null, mapping: null });
    expect(a.inputs.ratings?.mapping).toBe(resolve(DIR, 'ratings-mapping.yaml'));
    expect(a.inputs.ratings?.sheet).toBe('评议');
    expect(a.inputs.units).toBeUndefined();
    expect(a.outputs).toEqual({ workbook: resolve(DIR, 'out/report.xlsx'), json: '-', lang: 'en', final: false, docx: null, docxFont: null, chartFont: null });
    expect(a.robustness).toEqual({ draws: 500, seed: 20261008, perturbation: 0.1, topK: 3, uncertainty: null });
    // empty texts are dropped
    expect(a.texts).toEqual({ background: '为落实……开展本次评估。' });
  });

  it('accepts a {from, to} period and fills the defaults', () => {
    const a = parseAssessment(
      'title: t\nperiod: {from: 2026-07-01, to: 2026-07-31}\nindicator_system: s.yaml\ninputs: {cases: c.csv}\n',
      '/tmp/q/a.yaml',
    );
    expect(a.period).toEqual({ from: '2026-07-01', to: '2026-07-31', as_of: '2026-07-31T23:59:59' });
    expect(a.inputs.cases?.path).toBe('/tmp/q/c.csv');
    expect([a.client, a.calendar, a.weekendsOnly, a.maxReject, a.outputs.json]).toEqual([null, null, false, null, null]);
    expect([a.reportNo, a.dateOfIssue, a.signature, a.outputs.final]).toEqual([null, null, { projectLead: null, reviewer: null }, false]);
  });

  it('reads the cover fields (report number, date of issue, signature names) and outputs.final', () => {
    const a = parseAssessment(
      'title: t\nreport_no: 2026-07\ndate_of_issue: 2026-10-20\nsignature: {project_lead: 王某, reviewer: 李某}\nperiod: 2026Q3\nindicator_system: s.yaml\ninputs: {cases: c.csv}\noutputs: {final: true}\n',
      '/tmp/q/a.yaml',
    );
    expect([a.reportNo, a.dateOfIssue, a.signature, a.outputs.final]).toEqual(['2026-07', '2026-10-20', { projectLead: '王某', reviewer: '李某' }, true]);
  });

  it('reads the narrative report outputs (issue 15): docx and chart_font relative to the file, docx_font as written', () => {
    const a = parseAssessment('title: t\nperiod: 2026Q3\nindicator_system: s.yaml\ninputs: {cases: c.csv}\noutputs: {docx: out/r.docx, docx_font: 宋体, chart_font: fonts/cjk.otf}\n', '/tmp/q/a.yaml');
    expect([a.outputs.docx, a.outputs.docxFont, a.outputs.chartFont]).toEqual(['/tmp/q/out/r.docx', '宋体', '/tmp/q/fonts/cjk.otf']);
  });
});

describe('assessment file errors name the path', () => {
  const errorOf = (yaml: string) => {
    try {
      parseAssessment(yaml, 'a.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return `${(e as ConfigError).location.path}: ${(e as ConfigError).message}`;
    }
    throw new Error('expected a ConfigError');
  };
  const OK = 'title: t\nperiod: 2026Q3\nindicator_system: s.yaml\ninputs: {cases: c.csv}\n';

  it('a missing case log path', () => {
    expect(errorOf(OK.replace('{cases: c.csv}', '{cases: {encoding: gbk}}'))).toBe('inputs.cases.path: missing; expected a text');
  });
  it('no case log is fine (design §3.1: every input optional); runAssessment checks that one of cases, survey, ratings is given', () => {
    const a = parseAssessment(OK.replace('{cases: c.csv}', '{survey: s.csv}'), '/tmp/q/a.yaml');
    expect(a.inputs.cases).toBeUndefined();
    expect(a.inputs.survey?.path).toBe('/tmp/q/s.csv');
  });
  it('an unknown key, a bad language, a bad max_reject', () => {
    expect(errorOf(OK + 'outputs: {wokbook: r.xlsx}\n')).toBe('outputs.wokbook: unknown key "wokbook"');
    expect(errorOf(OK + 'outputs: {lang: fr}\n')).toBe('outputs.lang: expected one of "zh", "en"');
    expect(errorOf(OK + 'max_reject: 150\n')).toBe('max_reject: expected a number ≤ 100');
  });
  it('a period that cannot be read', () => {
    expect(errorOf(OK.replace('2026Q3', '2026Q5'))).toMatch(/^period: /);
    expect(errorOf(OK.replace('2026Q3', 'last quarter'))).toMatch(/^period: cannot read "last quarter"/);
  });
  it('a mapping that is neither a path nor a mapping', () => {
    expect(errorOf(OK.replace('{cases: c.csv}', '{cases: {path: c.csv, mapping: [1, 2]}}'))).toBe(
      'inputs.cases.mapping: expected a mapping file path or an inline mapping (columns: …)',
    );
  });
});
