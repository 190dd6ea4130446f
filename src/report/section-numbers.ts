/**
 * The numbered outline of a 财预〔2020〕10号 report (design §7.4): 一、基本情况 二、评价工作开展情况 三、指标体系…
 * 四、评价结论 五、绩效分析 六、主要经验做法 七、存在的问题及原因分析 八、有关建议 九、其他需要说明的问题. Numbers are
 * given to the sections whose sheets are present, in order, so the outline never skips a number.
 * @example sectionNumbers(['cover', 'background', 'method', 'problems'], 'zh') // → { background: '一、', organisation: '二、', method: '三、', problems: '四、' }
 */
import type { Lang } from './labels.js';
import { zhNumber } from './sentences.js';

/** Outline sections in order, each with the sheet that carries it (组织实施 shares the 基本情况 sheet). */
const OUTLINE: [section: string, sheet: string][] = [
  ['background', 'background'],
  ['organisation', 'background'],
  ['method', 'method'],
  ['summary', 'summary'],
  ['analysis', 'scores'],
  ['experiences', 'experiences'],
  ['problems', 'problems'],
  ['suggestions', 'suggestions'],
  ['limitations', 'limitations'],
];

export function sectionNumbers(sheets: readonly string[], lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (const [section, sheet] of OUTLINE) {
    if (!sheets.includes(sheet)) continue;
    n++;
    out[section] = lang === 'en' ? `${n}. ` : `${zhNumber(n)}、`;
  }
  return out;
}
