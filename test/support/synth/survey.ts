/**
 * A seeded generator of a resident satisfaction survey (居民满意度调查), one row per respondent, as a survey
 * firm delivers it: questionnaire number, community, interview mode, age band, a post-stratification weight and
 * the item answers coded 1..5 (5 = 非常满意) with 9 = 不清楚 ("don't know"), which the column mapping declares.
 *
 * Each answer is round(latent) clipped to 1..5 where
 *   latent = 3.3 + 2.2·(quality − 0.6) + item bias + respondent mood (σ 0.55) + answer noise (σ 0.7),
 * so a unit's quality (the same 0..1 quality that drives its case handling) shows in its survey index too.
 *
 * @example generateSurveyCsv({ seed: 1, units: [{ name: '青禾社区', quality: 0.9, respondents: 40 }], items: SURVEY_ITEMS })
 */
import { Prng } from './prng.js';

export interface SurveyItemDraw {
  id: string;
  /** Question text (for documentation; the file header carries only the id). */
  text: string;
  /** Added to the latent level: residents rate some things (safety) higher than others (property management). */
  bias: number;
  /** Share answered 9 = 不清楚 (not every resident knows how requests are handled). */
  dontKnow: number;
}

/** The eight items of the sample questionnaire; their ids are what indicator systems name (survey.item:q1 …). */
export const SURVEY_ITEMS: readonly SurveyItemDraw[] = [
  { id: 'q1', text: '您对社区环境卫生是否满意', bias: 0.05, dontKnow: 0.01 },
  { id: 'q2', text: '您对社区治安和安全感是否满意', bias: 0.25, dontKnow: 0.02 },
  { id: 'q3', text: '您对小区物业服务是否满意', bias: -0.35, dontKnow: 0.06 },
  { id: 'q4', text: '您对社区工作人员的工作作风和服务态度是否满意', bias: 0.15, dontKnow: 0.05 },
  { id: 'q5', text: '您对在社区办事的便利程度是否满意', bias: 0.05, dontKnow: 0.07 },
  { id: 'q6', text: '您对反映诉求渠道的畅通程度是否满意', bias: -0.05, dontKnow: 0.1 },
  { id: 'q7', text: '您对所反映诉求的办理结果是否满意', bias: -0.2, dontKnow: 0.18 },
  { id: 'q8', text: '您对邻里关系和社区文化生活是否满意', bias: 0.1, dontKnow: 0.04 },
];

export interface SurveyUnitDraw {
  name: string;
  quality: number;
  respondents: number;
}

export interface SurveyOptions {
  seed: number;
  units: readonly SurveyUnitDraw[];
  items: readonly SurveyItemDraw[];
}

const MODES = ['入户', '电话', '拦截'];
const AGE_BANDS = ['18-34岁', '35-59岁', '60岁及以上'];
/** Population shares vs. typical sample shares per age band: the weight corrects the over-reached elderly. */
const AGE_POPULATION = [0.34, 0.44, 0.22];
const AGE_SAMPLE = [0.22, 0.4, 0.38];

/** The survey as CSV text with CRLF line ends, as survey tools export it (no BOM: the caller adds one if wanted). */
export function generateSurveyCsv(opts: SurveyOptions): string {
  const r = new Prng(opts.seed);
  const header = ['问卷编号', '所属社区', '调查方式', '年龄段', '权重', ...opts.items.map((i) => i.id)];
  const lines = [header.join(',')];
  let serial = 0;
  for (const unit of opts.units) {
    for (let k = 0; k < unit.respondents; k++) {
      serial++;
      const age = r.weightedIndex(AGE_SAMPLE);
      const weight = AGE_POPULATION[age] / AGE_SAMPLE[age];
      const mood = 0.55 * r.normal() + (age === 2 ? 0.15 : 0); // older residents answer a little more kindly
      const answers = opts.items.map((item) => {
        if (r.chance(item.dontKnow)) return '9';
        const latent = 3.3 + 2.2 * (unit.quality - 0.6) + item.bias + mood + 0.7 * r.normal();
        return String(Math.max(1, Math.min(5, Math.round(latent))));
      });
      lines.push([`WJ2026Q3-${String(serial).padStart(4, '0')}`, unit.name, r.pick(MODES), AGE_BANDS[age], weight.toFixed(3), ...answers].join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}
