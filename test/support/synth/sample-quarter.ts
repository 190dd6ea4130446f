/**
 * The shipped sample quarter (samples/): the 2026Q3 data of 云湖街道, an invented street of nine invented
 * communities, written deterministically from fixed seeds. 2026Q3 holds the Mid-Autumn holiday (25–27 Sep) and
 * ends just before National Day (1–7 Oct), so deadlines run across both.
 *
 * Files: cases.csv (12345 export, GBK as many government systems still write it, ~1 % faulty rows of every
 * kind), survey.csv, ratings.csv (community-refinement system), ratings-nanhu.csv (five-精 system), units.csv
 * (UTF-8 with BOM). The YAML files beside them (assessment, scenarios, mapping) are written by hand.
 *
 * @example await writeSampleQuarter('samples') // → { cases: { rows: 4800, … }, … }
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CASE_FAULT_KINDS, DEFAULT_UNITS, writeCaseLogCsv, type CaseLogStats } from './case-log.js';
import { generateRatingsCsv } from './ratings.js';
import { generateSurveyCsv, SURVEY_ITEMS } from './survey.js';

export const SAMPLE_STREET = '云湖街道';
export const SAMPLE_PERIOD = '2026Q3';
export const SAMPLE_CASE_ROWS = 4800;

/** Respondents per community: two small communities fall below the survey's minimum of 30. */
const RESPONDENTS: Record<string, number> = {
  青禾社区: 62,
  望江社区: 55,
  柳岸社区: 48,
  梧桐社区: 58,
  金桥社区: 51,
  锦绣社区: 44,
  南苑社区: 66,
  石榴社区: 24,
  春晖社区: 19,
};

/**
 * Residents' and the panel's view of a community need not follow its case handling (the generator's unit
 * quality): 柳岸 keeps excellent files but residents are lukewarm, 梧桐 and 锦绣 are liked by their residents
 * beyond their case figures, 金桥 impresses the panel. So neighbours in the ranking trade places when the
 * weights move (scenarios, Monte Carlo), as in real assessments.
 */
const SURVEY_QUALITY: Record<string, number> = { 柳岸社区: 0.6, 梧桐社区: 0.84, 锦绣社区: 0.74, 南苑社区: 0.56 };
const PANEL_QUALITY: Record<string, number> = { 柳岸社区: 0.92, 梧桐社区: 0.62, 金桥社区: 0.8, 石榴社区: 0.5, 望江社区: 0.78 };

/** Qualitative indicators of indicators/community-refinement.yaml, rated by the expert panel. */
export const REFINEMENT_RATED = ['conduct', 'standards', 'grid_duty', 'linkage', 'early_warning', 'publicity', 'training', 'promotion'];
/** Qualitative indicators of indicators/nanhu-five-jing.yaml, rated by the 考评议 panel. */
export const NANHU_RATED = [
  'party_quality',
  'party_projects',
  'duty_list',
  'consultation',
  'legal_advisor',
  'mediation',
  'safety_standard',
  'livelihood_projects',
  'social_orgs',
  'culture_activities',
  'civility',
];

/** Bonus points (创新加分), penalty points (媒体曝光扣分) and the safety veto (安全生产一票否决), from the assessment office. */
const BONUS: Record<string, number> = { 青禾社区: 3, 望江社区: 2, 梧桐社区: 1.5 };
const PENALTY: Record<string, number> = { 南苑社区: 2, 春晖社区: 4 };
const VETOED = '金桥社区';

function bom(text: string): string {
  return '\uFEFF' + text;
}

export interface SampleQuarterSummary {
  cases: CaseLogStats;
  respondents: number;
}

export async function writeSampleQuarter(dir: string): Promise<SampleQuarterSummary> {
  const cases = await writeCaseLogCsv(join(dir, 'cases.csv'), {
    rows: SAMPLE_CASE_ROWS,
    seed: 20260930,
    period: SAMPLE_PERIOD,
    units: DEFAULT_UNITS,
    faultRate: 0.01,
    faultKinds: CASE_FAULT_KINDS,
    outOfPeriodRate: 0.005,
    // Callers, addresses and an exclusion column (issue 14): repeat requests, several residents on one fault.
    residents: true,
    encoding: 'gbk',
  });

  const handling = (name: string) => DEFAULT_UNITS.find((u) => u.name === name)?.quality ?? 0.7;
  const survey = generateSurveyCsv({
    seed: 20261008,
    units: DEFAULT_UNITS.map((u) => ({ name: u.name, quality: SURVEY_QUALITY[u.name] ?? handling(u.name), respondents: RESPONDENTS[u.name] ?? 40 })),
    items: SURVEY_ITEMS,
  });
  await writeFile(join(dir, 'survey.csv'), bom(survey));

  const office = '考评办';
  const fixed = DEFAULT_UNITS.flatMap((u) => [
    { unit: u.name, indicator: 'innovation', rater: office, value: String(BONUS[u.name] ?? 0) },
    { unit: u.name, indicator: 'media_exposure', rater: office, value: String(PENALTY[u.name] ?? 0) },
    { unit: u.name, indicator: 'safety_veto', rater: office, value: u.name === VETOED ? '1' : '0' },
  ]);
  const units = DEFAULT_UNITS.map((u) => ({ name: u.name, quality: PANEL_QUALITY[u.name] ?? handling(u.name) }));
  const ratings = generateRatingsCsv({
    seed: 20261012,
    units,
    indicators: REFINEMENT_RATED,
    raters: ['专家A', '专家B', '专家C', '专家D', '专家E'],
    numericRaters: ['专家E'],
    fixed,
  });
  await writeFile(join(dir, 'ratings.csv'), bom(ratings));

  const nanhu = generateRatingsCsv({
    seed: 20261015,
    units,
    indicators: NANHU_RATED,
    raters: ['专家A', '专家B', '专家C', '居民代表甲', '居民代表乙'],
    numericRaters: [],
    fixed: [],
  });
  await writeFile(join(dir, 'ratings-nanhu.csv'), bom(nanhu));

  // Registry: population roughly proportional to case volume (the generator's unit weight), rounded to tens.
  const registry = ['社区,单位名称,所属街道,常住人口'];
  for (const u of DEFAULT_UNITS) {
    const population = Math.round(((u.weight ?? 1) * 9137 + u.name.charCodeAt(0) % 997) / 10) * 10;
    registry.push([u.name, `${u.name}居民委员会`, SAMPLE_STREET, population].join(','));
  }
  await writeFile(join(dir, 'units.csv'), bom(registry.join('\r\n') + '\r\n'));

  return { cases, respondents: Object.values(RESPONDENTS).reduce((a, b) => a + b, 0) };
}
