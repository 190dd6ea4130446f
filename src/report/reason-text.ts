/**
 * The engine's English free texts in the report language (issue 11): data-quality reasons and values written by
 * src/io and src/metrics (ledger.note / tally.problem), field labels such as "受理时间 (received_at)", and the
 * weighting notes of src/scoring/node-weights.ts ("α = 0.5: 0.5 × direct + 0.5 × entropy"). One table of stable
 * patterns; a text no pattern knows is shown in zh as "其他数据问题" with its English kept for the record, and the
 * reason-coverage test (test/report/reason-text.test.ts) fails for it, so a new reason gets its line here.
 * @example localiseReason('unit not in the registry', 'zh') // → '评估对象不在名录中'
 * @example localiseWeightNote('α = 0.5: 0.5 × direct + 0.5 × entropy', 'zh', L) // → 'α = 0.5：0.5 × 直接赋权 + 0.5 × 熵权法'
 */
import type { Labels, Lang } from './labels.js';
import { weightMethodById } from '../scoring/weights/weight-methods.js';

interface Pattern {
  pattern: RegExp;
  zh: (m: RegExpMatchArray) => string;
}

const exact = (en: string, zh: string): Pattern => ({ pattern: new RegExp(`^${en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), zh: () => zh });

/** Ledger reasons, as written in src/io/*, src/metrics/*, src/pipeline/*. */
export const REASONS: Pattern[] = [
  exact('required field missing', '必填字段缺失'),
  exact('unreadable date-time', '日期时间无法识别'),
  exact('unknown urgency class', '办理类型无法识别'),
  exact('not a whole number ≥ 0', '不是非负整数'),
  exact('first contact before received', '首次联系时间早于受理时间'),
  exact('closed before received', '办结时间早于受理时间'),
  exact('verified before closed (treated as missing)', '核实反馈时间早于办结时间（按缺失处理）'),
  exact('unit not in the registry', '评估对象不在名录中'),
  exact('duplicate case_id', '工单编号重复'),
  exact('unreadable yes/no value (treated as missing)', '是否类取值无法识别（按缺失处理）'),
  exact('unreadable satisfaction level (treated as missing)', '满意度等级无法识别（按缺失处理）'),
  exact('wrong number of cells', '单元格数与表头列数不一致'),
  exact('weight is not a positive number', '权重不是正数'),
  exact('answer is not 1..5 or a satisfaction label (treated as missing)', '答案不是1–5或满意度等级（按缺失处理）'),
  exact('rating is neither a grade of the scale nor a number 0..100', '评分既不是评分等级也不是0–100的数值'),
  exact('duplicate rating of a unit and indicator by one rater', '同一评分人对同一评估对象和指标重复评分'),
  exact('duplicate unit', '评估对象重复'),
  exact('population is not a whole number ≥ 0 (treated as missing)', '人口数不是非负整数（按缺失处理）'),
  { pattern: /^rater rated (.+) \/ (.+) more than once; the later row is used$/, zh: (m) => `评分人对“${m[1]}”的“${m[2]}”重复评分，采用后一行` },
];

/** Values the readers decorate in English (the duplicate's first row, a ragged row's cell count). */
const VALUES: Pattern[] = [
  { pattern: /^([\s\S]*) \(first seen at row (\d+)\)$/, zh: (m) => `${m[1]}（首次出现于第${m[2]}行）` },
  { pattern: /^([\s\S]*) \(first rating at row (\d+)\)$/, zh: (m) => `${m[1]}（首次评分在第${m[2]}行）` },
  { pattern: /^([\s\S]*) \(first listed at row (\d+)\)$/, zh: (m) => `${m[1]}（首次列出于第${m[2]}行）` },
  { pattern: /^(\d+) cells, header has (\d+)$/, zh: (m) => `${m[1]}个单元格，表头${m[2]}列` },
];

/** Canonical input fields (design §3) by their Chinese names, for field labels and warnings. */
export const FIELD_NAMES_ZH: Record<string, string> = {
  case_id: '工单编号',
  unit: '评估对象',
  received_at: '受理时间',
  urgency: '办理类型',
  first_contact_at: '首次联系时间',
  closed_at: '办结时间',
  verified_at: '核实反馈时间',
  deadline_at: '办理时限',
  resolved: '是否解决',
  satisfaction: '回访满意度',
  returned_count: '退单次数',
  repeat: '是否重复诉求',
  category: '诉求类别',
  department: '承办部门',
  channel: '渠道',
  grid: '所属网格',
  caller: '诉求人',
  address: '诉求地址',
  parent_case_id: '主工单编号',
  exclusion: '剔除原因',
  respondent_id: '问卷编号',
  weight: '权重',
  indicator: '指标',
  rater: '评分人',
  value: '评分',
  name: '名称',
  parent: '上级单位',
  population: '人口',
};

/** Whether a reason has a line in the table. */
export function knownReason(reason: string): boolean {
  return REASONS.some((p) => p.pattern.test(reason));
}

export function localiseReason(reason: string, lang: Lang): string {
  if (lang === 'en') return reason;
  for (const p of REASONS) {
    const m = reason.match(p.pattern);
    if (m) return p.zh(m);
  }
  return `其他数据问题（${reason}）`;
}

export function localiseIssueValue(value: string | null, lang: Lang): string | null {
  if (value === null || lang === 'en') return value;
  for (const p of VALUES) {
    const m = value.match(p.pattern);
    if (m) return p.zh(m);
  }
  return value;
}

/**
 * A ledger field label in the report language: "受理时间 (received_at)" (the file's header, then the canonical
 * id) shows as "受理时间" in zh; a bare canonical id ("rater") as its Chinese name.
 */
export function localiseField(field: string | null, lang: Lang): string | null {
  if (field === null || lang === 'en') return field;
  const m = field.match(/^([\s\S]+) \(([a-z_]+)\)$/);
  if (m) return m[1];
  return FIELD_NAMES_ZH[field] ?? field;
}

/** A weighting note of src/scoring/node-weights.ts in the report language (parts joined by "; "). */
export function localiseWeightNote(note: string, lang: Lang, L: Labels): string {
  if (lang === 'en') return note;
  const method = (m: string) => weightMethodById(m)?.name[L.lang] ?? m;
  const part = (p: string): string => {
    let m = p.match(/^α = ([\d.]+): ([\d.]+) × (\w+) \+ ([\d.]+) × (\w+)$/);
    if (m) return `α = ${m[1]}：${m[2]} × ${method(m[3])} + ${m[4]} × ${method(m[5])}`;
    m = p.match(/^(\d+) experts' matrices combined by element-wise geometric mean$/);
    if (m) return `${m[1]}位专家的判断矩阵按元素取几何平均后合成`;
    m = p.match(/^(\w+): fewer than 2 units have every child score; equal weights used$/);
    if (m) return `${method(m[1])}：下级指标得分齐全的评估对象不足2个，采用等权重`;
    m = p.match(/^(\w+): computed over (\d+) units$/);
    if (m) return `${method(m[1])}：按${m[2]}个评估对象的数据计算`;
    m = p.match(/^(\d+) unit\(s\) with a missing child score left out$/);
    if (m) return `${m[1]}个下级指标得分不全的评估对象未参与计算`;
    m = p.match(/^(\w+) could not be computed \((.*)\)$/);
    if (m) return `${method(m[1])}无法计算`;
    if (p === 'equal weights used') return '采用等权重';
    if (p === 'scenario weights override the computed ones') return '按情景设定的权重替代计算结果';
    return p;
  };
  return note
    .split('; ')
    .map(part)
    .join('；');
}
