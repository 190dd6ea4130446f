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
import { formatConfigPath } from '../config/config-path.js';
import { ConfigError, DataError } from '../errors.js';
import type { InputKind } from '../types.js';
import { compileDateFormat, type CellValue, type DateFormat } from './datetime.js';
import { FIELDS, type FieldSpec } from './input-fields.js';
import { checkMappedValues } from './mapped-values.js';
import { mappingFileSchema, type MappingFile, type TableMapping } from './mapping-schema.js';

// ───────────────────────────── the mapping file ─────────────────────────────

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
