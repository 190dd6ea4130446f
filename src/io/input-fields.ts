/**
 * The canonical fields of each input (design §3.1–§3.4): id, whether required, the type its cells are read as,
 * and the header names that match it, Chinese aliases first. The column mapping (mapping.ts) and the checks of its
 * value maps (mapped-values.ts) both read this table, and `govscore init` writes its mapping template from it.
 * @example FIELDS.cases.find((f) => f.id === 'received_at')?.label // → '受理时间'
 */
import type { InputKind } from '../types.js';

export type FieldType = 'text' | 'datetime' | 'urgency' | 'boolean' | 'satisfaction' | 'count' | 'number' | 'rating';

export interface FieldSpec {
  id: string;
  /** The name used in messages (the first Chinese alias). */
  label: string;
  required: boolean;
  type: FieldType;
  /** Header names that match, in order of preference (the canonical id is tried first). */
  aliases: string[];
}

const f = (id: string, required: boolean, type: FieldType, aliases: string[]): FieldSpec => ({
  id,
  label: aliases[0] ?? id,
  required,
  type,
  aliases,
});

/** The canonical fields of each input (design §3.1–§3.4). */
export const FIELDS: Record<InputKind, FieldSpec[]> = {
  cases: [
    f('case_id', true, 'text', ['工单编号', '工单号', '编号']),
    f('unit', true, 'text', ['所属社区', '所属街道', '责任单位', '评估对象']),
    f('received_at', true, 'datetime', ['受理时间', '登记时间', '来电时间']),
    f('urgency', true, 'urgency', ['紧急程度', '办理类型']),
    f('first_contact_at', false, 'datetime', ['首次联系时间', '先行联系时间']),
    f('closed_at', false, 'datetime', ['办结时间']),
    f('verified_at', false, 'datetime', ['核实反馈时间', '核实时间', '回访时间']),
    f('deadline_at', false, 'datetime', ['办理时限', '截止时间']),
    f('resolved', false, 'boolean', ['是否解决', '解决情况']),
    f('satisfaction', false, 'satisfaction', ['回访满意度', '满意度', '评价']),
    f('returned_count', false, 'count', ['退单次数']),
    f('repeat', false, 'boolean', ['是否重复诉求', '重复件']),
    f('category', false, 'text', ['诉求类别']),
    f('department', false, 'text', ['承办部门']),
    f('channel', false, 'text', ['渠道', '来源']),
    f('grid', false, 'text', ['所属网格']),
    // Repeat detection, merges and exclusions (design §3.1, §4.1, §4.2); the caller is hashed on read.
    f('caller', false, 'text', ['诉求人', '来电号码', '联系电话', '来电人']),
    f('address', false, 'text', ['诉求地址', '事发地址', '地址']),
    f('parent_case_id', false, 'text', ['主工单编号', '并单主单号']),
    f('exclusion', false, 'text', ['剔除原因', '不计入考核原因']),
  ],
  survey: [
    f('unit', true, 'text', ['所属社区', '所属街道', '评估对象', '社区']),
    f('respondent_id', false, 'text', ['受访者编号', '问卷编号', '样本编号']),
    f('weight', false, 'number', ['权重', '样本权重']),
  ],
  ratings: [
    f('unit', true, 'text', ['评估对象', '所属社区', '所属街道', '单位']),
    f('indicator', true, 'text', ['指标', '指标编号', '指标代码']),
    f('rater', true, 'text', ['评分人', '专家', '评委']),
    f('value', true, 'rating', ['评分', '等级', '得分', '评价']),
  ],
  units: [
    f('unit', true, 'text', ['评估对象', '单位', '单位编号', '社区']),
    f('name', false, 'text', ['名称', '单位名称']),
    f('parent', false, 'text', ['上级', '上级单位', '所属街道']),
    f('population', false, 'count', ['人口', '常住人口', '人口数']),
  ],
};
