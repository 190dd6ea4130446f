/**
 * The outputs of a column mapping's value maps, derivations and constants must be values the row readers accept
 * for their field (design §3; issue 12): a map to `emergency` for urgency, or `derive … default: 不存在`, would
 * otherwise reject or blank every row it touches, thousands of rows later. Each output is read with the very parser
 * the readers use (src/io/values.ts, src/io/datetime.ts), so the two can never disagree.
 *
 * What is checked, per field type: urgency, boolean, satisfaction (five-level), count (integer ≥ 0), number,
 * datetime (the built-in forms or the field's `formats:` entry). Text fields take anything. Rating values are not
 * checked here: the grade labels they may name come from the indicator system's scale, which a mapping file does
 * not know. A blank output is allowed everywhere: it means "missing", which is a legitimate thing to map a code to.
 *
 * A derivation's output and a constant pass through the field's value map before the parser (planColumns applies it
 * in that order), so they are valid when their mapped value is.
 *
 * @throws ConfigError naming the mapping file and the path of the first bad output, e.g. `cases.values.urgency.一般`,
 *   `cases.derive.urgency.default`, `cases.derive.urgency.map.噪音`, `cases.constants.repeat`
 * @example checkMappedValues('cases', { values: { urgency: { 一般: 'general' } } }, 'map.yaml') // → undefined
 */
import { ConfigError } from '../errors.js';
import type { InputKind } from '../types.js';
import { compileDateFormat, parseDateTime, type CellValue } from './datetime.js';
import { FIELDS, type FieldType } from './input-fields.js';
import type { TableMapping } from './mapping-schema.js';
import { BOOLEAN_WORDS, INVALID, SATISFACTION_WORDS, URGENCY_WORDS, labelOf, parseBoolean, parseCount, parseNumber, parseSatisfaction, parseUrgency } from './values.js';

type Check = { valid: (v: CellValue, format: string | undefined) => boolean; expected: string };

const parsedBy =
  (parse: (v: CellValue) => unknown) =>
  (v: CellValue): boolean =>
    parse(v) !== INVALID;

const CHECKS: Partial<Record<FieldType, Check>> = {
  urgency: { valid: parsedBy(parseUrgency), expected: `an urgency class: ${URGENCY_WORDS.join(', ')}` },
  boolean: { valid: parsedBy(parseBoolean), expected: `a yes/no value: ${BOOLEAN_WORDS.join(', ')}` },
  satisfaction: { valid: parsedBy(parseSatisfaction), expected: `a satisfaction level: ${SATISFACTION_WORDS.join(', ')}` },
  count: { valid: parsedBy(parseCount), expected: 'a whole number ≥ 0' },
  number: { valid: parsedBy(parseNumber), expected: 'a number' },
  datetime: {
    valid: (v, format) => labelOf(v) === '' || parseDateTime(v, format ? compileDateFormat(format) : null) !== null,
    expected: 'a date-time such as 2026-07-14 09:30 (or in the field\'s format)',
  },
};

/** A mapping scalar as the cell the readers would see (planColumns turns booleans into their text). */
function asCell(v: string | number | boolean): CellValue {
  return typeof v === 'boolean' ? String(v) : v;
}

export function checkMappedValues(kind: InputKind, t: TableMapping, file: string): void {
  const types = new Map(FIELDS[kind].map((s) => [s.id, s.type]));
  const foldedMaps = new Map<string, Map<string, string | number | boolean>>();
  for (const [field, map] of Object.entries(t.values ?? {})) {
    foldedMaps.set(field, new Map(Object.entries(map).map(([k, v]) => [labelOf(k), v])));
  }
  /** The value the parser sees for an output that goes through the field's value map (derive, constants). */
  const throughValueMap = (field: string, v: CellValue): CellValue => {
    const hit = foldedMaps.get(field)?.get(labelOf(v));
    return hit === undefined ? v : asCell(hit);
  };

  const check = (field: string, out: CellValue, path: string, viaValueMap: boolean) => {
    const c = CHECKS[types.get(field) as FieldType];
    if (!c) return;
    const v = viaValueMap ? throughValueMap(field, out) : out;
    if (c.valid(v, t.formats?.[field])) return;
    const shown = v === out ? JSON.stringify(out) : `${JSON.stringify(out)} (mapped to ${JSON.stringify(v)})`;
    throw new ConfigError(`${shown} is not a valid ${field}: expected ${c.expected}`, { file, path });
  };

  for (const [field, map] of Object.entries(t.values ?? {})) {
    for (const [from, to] of Object.entries(map)) check(field, asCell(to), `${kind}.values.${field}.${from}`, false);
  }
  for (const [field, d] of Object.entries(t.derive ?? {})) {
    for (const [from, to] of Object.entries(d.map)) check(field, to, `${kind}.derive.${field}.map.${from}`, true);
    if (d.default !== undefined) check(field, d.default, `${kind}.derive.${field}.default`, true);
  }
  for (const [field, c] of Object.entries(t.constants ?? {})) check(field, asCell(c), `${kind}.constants.${field}`, true);
}
