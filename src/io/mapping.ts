/**
 * Column mapping: which header of an export holds which canonical field (design §3), and how its values read.
 *
 * A header matches a field by the field's canonical id or one of its Chinese aliases, after trimming and
 * case-folding; when several headers could serve one field, the earlier name in the field's list wins (so a case
 * log with both 所属社区 and 所属街道 is assessed per community). An explicit mapping file (YAML, MappingFile)
 * wins over the aliases and can also give per-column date formats, value maps, constants, a value derived from
 * another column (e.g. urgency from the complaint type), "don't know" codes for survey items, survey item columns,
 * the encoding and the sheet.
 *
 * @throws ConfigError (exit 2) for a malformed mapping file, with a path such as `cases.values.urgency`
 * @throws DataError (exit 3) when a mapping names a column the file lacks, or a required field has no column,
 *   listing the columns the file has
 * @example
 *   const plan = planColumns('cases', ['工单编号', '所属社区', '受理时间', '紧急程度'], null, 'cases.csv');
 *   plan.fields.received_at.index // → 2
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { formatConfigPath } from '../config/config-path.js';
import { ConfigError, DataError } from '../errors.js';
import type { InputKind } from '../types.js';
import { compileDateFormat, type CellValue, type DateFormat } from './datetime.js';
import { checkMappedValues } from './mapped-values.js';

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

// ───────────────────────────── the mapping file ─────────────────────────────

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const tableMappingSchema = z
  .object({
    columns: z.record(z.string(), z.string()).optional(),
    formats: z.record(z.string(), z.string()).optional(),
    values: z.record(z.string(), z.record(z.string(), scalar)).optional(),
    constants: z.record(z.string(), scalar).optional(),
    derive: z
      .record(
        z.string(),
        z.object({ from: z.string(), map: z.record(z.string(), z.string()), default: z.string().optional() }).strict(),
      )
      .optional(),
    dont_know: z.array(z.union([z.string(), z.number()])).optional(),
    items: z.record(z.string(), z.string()).optional(),
    encoding: z.string().optional(),
    sheet: z.string().optional(),
  })
  .strict();
const mappingFileSchema = z
  .object({
    cases: tableMappingSchema.optional(),
    survey: tableMappingSchema.optional(),
    ratings: tableMappingSchema.optional(),
    units: tableMappingSchema.optional(),
  })
  .strict();

export type TableMapping = z.infer<typeof tableMappingSchema>;
export type MappingFile = z.infer<typeof mappingFileSchema>;

/**
 * Validates a parsed mapping file.
 * @param where the file (for the error's location)
 * @throws ConfigError naming the path of the first problem, e.g. `cases.values.urgency`: an unknown key, a wrong
 *   type, a field the table does not have, a date format on a non-date field or a malformed format, a value-map,
 *   derive or constant output that is not a valid value of its field (mapped-values.ts)
 * @example parseMappingFile({ cases: { columns: { case_id: 'Unique Key' } } }, 'map.yaml').cases?.columns?.case_id // → 'Unique Key'
 */
export function parseMappingFile(obj: unknown, where: string): MappingFile {
  const r = mappingFileSchema.safeParse(obj ?? {});
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = formatConfigPath(issue.path);
    const detail = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    const allowed = path === '' ? ' (allowed: cases, survey, ratings, units)' : '';
    throw new ConfigError(`invalid column mapping: ${detail}${allowed}`, { file: where, path: path || undefined });
  }
  const file = r.data;
  for (const kind of ['cases', 'survey', 'ratings', 'units'] as const) {
    const t = file[kind];
    if (!t) continue;
    const known = new Map(FIELDS[kind].map((s) => [s.id, s]));
    const fieldKeys: [string, Record<string, unknown> | undefined][] = [
      ['columns', t.columns],
      ['formats', t.formats],
      ['values', t.values],
      ['constants', t.constants],
      ['derive', t.derive],
    ];
    for (const [section, rec] of fieldKeys) {
      for (const field of Object.keys(rec ?? {})) {
        if (!known.has(field)) {
          throw new ConfigError(`unknown ${kind} field "${field}" (known: ${[...known.keys()].join(', ')})`, {
            file: where,
            path: `${kind}.${section}.${field}`,
          });
        }
      }
    }
    for (const [field, fmt] of Object.entries(t.formats ?? {})) {
      if (known.get(field)?.type !== 'datetime') {
        throw new ConfigError(`a date format applies only to date-time fields, not ${field}`, { file: where, path: `${kind}.formats.${field}` });
      }
      try {
        compileDateFormat(fmt);
      } catch (e) {
        throw new ConfigError((e as Error).message, { file: where, path: `${kind}.formats.${field}` });
      }
    }
    // Value maps, derivations and constants must produce values the row readers accept (issue 12).
    checkMappedValues(kind, t, where);
  }
  return file;
}

/**
 * Reads a YAML mapping file.
 * @throws ConfigError if the file cannot be read, is not YAML, or fails parseMappingFile
 */
export async function loadMappingFile(path: string): Promise<MappingFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read the column mapping file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: path });
  }
  let obj: unknown;
  try {
    obj = parseYaml(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`the column mapping file is not valid YAML: ${(e as Error).message.split('\n')[0]}`, { file: path });
  }
  return parseMappingFile(obj, path);
}

// ───────────────────────────── applying a mapping to a header ─────────────────────────────

/** How one canonical field's cell is obtained from a row: computed once per file, applied per row. */
export interface FieldSource {
  spec: FieldSpec;
  /** Index of the column in the row, -1 when there is none. */
  index: number;
  /** The header it came from (for ledger entries), or a description of the constant / derivation. */
  column: string;
  /** Cell of this field in a row (constant, derived, or the column, after the value map). */
  get: (cells: CellValue[]) => CellValue;
  format: DateFormat | null;
  /** The cell itself (`cells[index]`), with no value map, derivation or constant between. */
  plain: boolean;
  /**
   * The file gives this field: a column, a constant or a derivation. An absent optional field reads as empty in
   * every row; the metrics it feeds are then missing, not computed from blanks (design §4).
   */
  present: boolean;
}

export interface ColumnPlan {
  fields: Record<string, FieldSource>;
  /** Survey item id → column index. */
  items: Record<string, number>;
  /** "Don't know" codes, label-folded. */
  dontKnow: Set<string>;
}

const fold = (s: string) => s.trim().toLowerCase();

function cellKey(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v.trim().toLowerCase();
  if (typeof v === 'number') return String(v);
  return v.toISOString();
}

function listColumns(header: string[]): string {
  return header.filter((h) => h !== '').join(', ');
}

/**
 * Matches a file's header against the fields of its kind.
 * @throws DataError listing the columns the file has when the mapping names an absent column or a required field
 *   has no source
 */
export function planColumns(kind: InputKind, header: string[], mapping: TableMapping | null, file: string, itemIds: string[] = []): ColumnPlan {
  const folded = header.map(fold);
  const find = (name: string) => folded.indexOf(fold(name));
  const m = mapping ?? {};
  const absent = (name: string, what: string): never => {
    throw new DataError(`the column mapping names column "${name}" for ${what}, but the file has no such column; its columns are: ${listColumns(header)}`, {
      file,
      column: name,
    });
  };

  const fields: Record<string, FieldSource> = {};
  const taken = new Set<number>();
  for (const spec of FIELDS[kind]) {
    const valueMap = m.values?.[spec.id];
    const folds = valueMap ? new Map(Object.entries(valueMap).map(([k, v]) => [fold(k), v])) : null;
    const mapValue = folds
      ? (v: CellValue): CellValue => {
          const hit = folds.get(cellKey(v));
          if (hit === undefined) return v;
          return typeof hit === 'boolean' ? String(hit) : hit;
        }
      : null;
    const format = m.formats?.[spec.id] ? compileDateFormat(m.formats[spec.id]) : null;

    let index = -1;
    let column = '';
    let get: ((cells: CellValue[]) => CellValue) | null = null;
    const explicit = m.columns?.[spec.id];
    const constant = m.constants?.[spec.id];
    const derive = m.derive?.[spec.id];
    if (explicit !== undefined) {
      index = find(explicit);
      if (index < 0) absent(explicit, spec.id);
      column = header[index];
    } else if (constant !== undefined) {
      const c: CellValue = typeof constant === 'boolean' ? String(constant) : constant;
      const v = mapValue ? mapValue(c) : c;
      column = `(constant ${String(constant)})`;
      get = () => v;
    } else if (derive !== undefined) {
      const from = find(derive.from);
      if (from < 0) absent(derive.from, `${spec.id} (derive.from)`);
      const table = new Map(Object.entries(derive.map).map(([k, v]) => [fold(k), v]));
      const dflt = derive.default ?? null;
      column = header[from];
      index = from;
      get = (cells) => {
        const d = table.get(cellKey(cells[from] ?? null)) ?? dflt;
        return mapValue && d !== null ? mapValue(d) : d;
      };
    } else {
      for (const name of [spec.id, ...spec.aliases]) {
        const i = find(name);
        if (i >= 0 && !taken.has(i)) {
          index = i;
          column = header[i];
          break;
        }
      }
    }
    let plain = false;
    if (index >= 0 && get === null) {
      taken.add(index);
      const i = index;
      plain = mapValue === null;
      get = mapValue ? (cells) => mapValue(cells[i] ?? null) : (cells) => cells[i] ?? null;
    }
    const present = get !== null;
    if (get === null) {
      if (spec.required) {
        throw new DataError(
          `missing required column ${spec.label} (${spec.id}); name it in the column mapping (--map) or give a constant; the file's columns are: ${listColumns(header)}`,
          { file, column: spec.label },
        );
      }
      get = () => null;
    }
    fields[spec.id] = { spec, index, column, get, format, plain, present };
  }

  const items: Record<string, number> = {};
  for (const id of itemIds) {
    const name = m.items?.[id];
    const i = find(name ?? id);
    if (i < 0) {
      if (name !== undefined) absent(name, `survey item ${id}`);
      throw new DataError(`missing survey item column ${id}; name it under survey.items in the column mapping; the file's columns are: ${listColumns(header)}`, {
        file,
        column: id,
      });
    }
    items[id] = i;
  }
  for (const [id, name] of Object.entries(m.items ?? {})) {
    if (!(id in items) && find(name) < 0) absent(name, `survey item ${id}`);
  }
  const dontKnow = new Set((m.dont_know ?? []).map((c) => fold(String(c))));
  return { fields, items, dontKnow };
}
