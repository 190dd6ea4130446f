/**
 * The fixed words of the narrative report (.docx, design §7.4) that the workbook has no cell for: the outline's
 * section names without their numbers (numbers come from section-numbers.ts), sub-section names, figure and table
 * captions, the title page's and the annex's words. Everything the workbook already words (column headers, grade,
 * rank, method names, the signature block) is read from labels.ts, so both outputs say it the same way.
 */
import type { Lang } from '../labels.js';

const zh = {
  contents: '目  录',
  abstract: '摘  要',
  sections: {
    background: '基本情况',
    organisation: '评价工作开展情况',
    method: '评价指标体系、评价标准和评价方法',
    summary: '评价结论',
    analysis: '绩效分析',
    experiences: '主要经验做法',
    problems: '存在的问题及原因分析',
    suggestions: '有关建议',
    limitations: '其他需要说明的问题',
  },
  sub: (i: number, name: string) => `（${'一二三四五六七八九十'[i] ?? String(i + 1)}）${name}`,
  systemText: (name: string, n: number, leaves: number, depth: number) => `本次评价采用“${name}”，共${depth}级${n}项指标，其中末级指标${leaves}项，指标及权重见下表。`,
  indicatorTable: '指标体系及权重',
  scoringTable: '评价标准与计分方法',
  ranking: '排名情况',
  gradeDistribution: '等级分布',
  robustness: '排名稳健性',
  robustnessText: (how: string, spearman: string) => `为检验权重设定对排名的影响，采用蒙特卡洛方法对权重进行扰动：${how}。各次模拟排名与基准排名的平均Spearman相关系数为${spearman}。`,
  dimensionTable: (name: string) => `各评估对象“${name}”得分`,
  dimensionDesc: (desc: string) => `指标说明：${desc}`,
  unitFindings: '各评估对象主要发现',
  streetAverage: '街道平均',
  figure: (n: number, name: string) => `图${n}  ${name}`,
  table: (n: number, name: string) => `表${n}  ${name}`,
  rankInterval: '排名 5%–95% 区间与基准排名',
  baseRank: '基准排名',
  interval: '排名区间',
  annex: '附件',
  annexProfiles: '附件1  单位画像',
  annexDataQuality: '附件2  数据质量情况',
  annexMethod: '附件3  评价方法说明',
  dqText: (issues: number) => `数据核查共发现${issues}条问题记录，按原因统计如下；逐条清单见评估工作簿“数据质量”工作表及其旁的问题清单文件。`,
  dqNone: '数据核查未发现问题记录。',
  dqFiles: '输入数据文件',
  dqReasons: '按原因统计',
  weightingTable: '各级指标权重确定',
  rankOfN: (rank: string, n: number) => `${rank} / ${n}`,
  page: ['— ', ' —'] as [string, string],
  chartsOmitted: (font: string) => `（未找到图表所需的中文字体文件 ${font}，本报告未附图表。）`,
};

export type DocxLabels = typeof zh;

const en: DocxLabels = {
  contents: 'Contents',
  abstract: 'Summary',
  sections: {
    background: 'Background',
    organisation: 'How the assessment was carried out',
    method: 'Indicator system, standards and methods',
    summary: 'Conclusions',
    analysis: 'Performance analysis',
    experiences: 'Good practice',
    problems: 'Problems and their causes',
    suggestions: 'Recommendations',
    limitations: 'Limitations',
  },
  sub: (i: number, name: string) => `${i + 1}) ${name}`,
  systemText: (name: string, n: number, leaves: number, depth: number) => `The assessment uses “${name}”: ${n} indicators on ${depth} levels, ${leaves} of them leaves; the indicators and their weights are listed below.`,
  indicatorTable: 'Indicators and weights',
  scoringTable: 'Standards and scoring',
  ranking: 'Ranking',
  gradeDistribution: 'Grades',
  robustness: 'Robustness of the ranking',
  robustnessText: (how: string, spearman: string) => `To test how much the ranking depends on the weights, the weights were perturbed by Monte Carlo simulation: ${how}. The mean Spearman correlation between the simulated rankings and the base ranking is ${spearman}.`,
  dimensionTable: (name: string) => `Scores on “${name}”`,
  dimensionDesc: (desc: string) => `What it measures: ${desc}`,
  unitFindings: 'Findings by unit',
  streetAverage: 'Street average',
  figure: (n: number, name: string) => `Figure ${n}. ${name}`,
  table: (n: number, name: string) => `Table ${n}. ${name}`,
  rankInterval: 'Rank 5–95 % interval and base rank',
  baseRank: 'Base rank',
  interval: 'Rank interval',
  annex: 'Annexes',
  annexProfiles: 'Annex 1. Unit profiles',
  annexDataQuality: 'Annex 2. Data quality',
  annexMethod: 'Annex 3. Method details',
  dqText: (issues: number) => `The data checks recorded ${issues} issues, counted by reason below; every row is listed on the workbook's Data quality sheet and in the issues file beside it.`,
  dqNone: 'The data checks recorded no issues.',
  dqFiles: 'Input files',
  dqReasons: 'By reason',
  weightingTable: 'How each level was weighted',
  rankOfN: (rank: string, n: number) => `${rank} of ${n}`,
  page: ['— ', ' —'],
  chartsOmitted: (font: string) => `(The font file the charts need, ${font}, was not found: this report has no charts.)`,
};

export function docxLabels(lang: Lang): DocxLabels {
  return lang === 'en' ? en : zh;
}
