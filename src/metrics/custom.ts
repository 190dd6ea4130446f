/**
 * Custom case metrics without code (design §4): per unit, over the cases kept by an optional row filter,
 *   rate  = (rows where expr is truthy) ÷ (filtered rows)          — null when no row passes the filter;
 *   mean  = Σ expr ÷ (rows where expr is a finite number or boolean) — null/NaN/text values are skipped, booleans
 *                                                                    count as 1/0; null when none is left;
 *   count = filtered rows                                           — 0 for a unit without such rows.
 * Expressions are arquero table expressions over one row `d` with snake_case fields: the canonical fields
 * (case_id, unit, received_at, urgency, first_contact_at, closed_at, verified_at, deadline_at, resolved,
 * satisfaction, returned_count, repeat, category, department, channel, grid; datetimes as wall-time
 * milliseconds) and the derived ones (closed, on_time, contacted_in_time, close_workdays, close_hours,
 * verified). on_time / contacted_in_time are true when met, false when missed (late, or overdue while open)
 * and null while the deadline is still pending, so `rate` of `d.on_time` filtered by `d.on_time != null`
 * equals cases.on_time_close_rate.
 *
 * Expressions are checked when the configuration is loaded, never executed before: they may read only the
 * fields above and call only arquero's `op` row functions (no aggregate or window functions, no other calls,
 * no statement bodies).
 *
 * @throws ConfigError from compileCustomMetrics naming the metric id and the offending field or function
 * @example
 *   compileCustomMetrics([{ id: 'noise_on_time', source: 'cases', filter: "d.category === '噪音扰民'",
 *                           aggregate: 'rate', expr: 'd.on_time === true' }])
 */
import * as aq from 'arquero';
import { ConfigError } from '../errors.js';
import type { CaseRecord, CustomMetricSpec } from '../types.js';
import type { CaseTiming } from './deadlines.js';
import { metDeadline } from './deadlines.js';
import { checkPattern, linearMatch, linearReplace } from './linear-regex.js';

// Regular expressions run on RE2, in linear time (issue 12): see linear-regex.ts.
aq.addFunction('match', linearMatch, { override: true });
aq.addFunction('replace', linearReplace, { override: true });

export const CANONICAL_FIELDS = [
  'case_id', 'unit', 'received_at', 'urgency', 'first_contact_at', 'closed_at', 'verified_at', 'deadline_at',
  'resolved', 'satisfaction', 'returned_count', 'repeat', 'category', 'department', 'channel', 'grid',
] as const;
export const DERIVED_FIELDS = ['closed', 'on_time', 'contacted_in_time', 'close_workdays', 'close_hours', 'verified'] as const;
export type CustomField = (typeof CANONICAL_FIELDS)[number] | (typeof DERIVED_FIELDS)[number];

export type FieldValue = string | number | boolean | null;
export const FIELD_GETTERS: Record<CustomField, (r: CaseRecord, t: CaseTiming) => FieldValue> = {
  case_id: (r) => r.caseId,
  unit: (r) => r.unit,
  received_at: (r) => r.receivedAt,
  urgency: (r) => r.urgency,
  first_contact_at: (r) => r.firstContactAt,
  closed_at: (r) => r.closedAt,
  verified_at: (r) => r.verifiedAt,
  deadline_at: (r) => r.deadlineAt,
  resolved: (r) => r.resolved,
  satisfaction: (r) => r.satisfaction,
  returned_count: (r) => r.returnedCount,
  repeat: (r) => r.repeat,
  category: (r) => r.category,
  department: (r) => r.department,
  channel: (r) => r.channel,
  grid: (r) => r.grid,
  closed: (_r, t) => t.closed,
  on_time: (_r, t) => metDeadline(t.closeStatus),
  contacted_in_time: (_r, t) => metDeadline(t.contactStatus),
  close_workdays: (_r, t) => t.closeWorkdays,
  close_hours: (_r, t) => t.closeHours,
  verified: (_r, t) => t.verified,
};
const KNOWN_FIELDS = new Set<string>(Object.keys(FIELD_GETTERS));

export interface CompiledCustomSpec {
  id: string;
  filter: string | null;
  aggregate: 'rate' | 'mean' | 'count';
  expr: string | null;
}

export interface CompiledCustom {
  specs: CompiledCustomSpec[];
  /** Fields any expression reads, plus `unit`: only these are buffered. */
  fields: CustomField[];
}

/**
 * Checks custom metric specs and returns them ready for evaluation.
 * @throws ConfigError naming the metric id and the problem (unknown field, disallowed call, bad syntax,
 *   missing expr for rate/mean, duplicate id)
 */
export function compileCustomMetrics(specs: CustomMetricSpec[]): CompiledCustom {
  const fields = new Set<CustomField>(['unit']);
  const ids = new Set<string>();
  const compiled = specs.map((spec, i): CompiledCustomSpec => {
    const path = `custom[${i}]`;
    if (typeof spec.id !== 'string' || spec.id.trim() === '') throw new ConfigError('a custom metric needs an id', { path: `${path}.id` });
    if (ids.has(spec.id)) throw new ConfigError(`custom metric "${spec.id}" is defined twice`, { path: `${path}.id` });
    ids.add(spec.id);
    if (spec.source !== 'cases') {
      throw new ConfigError(`custom metric "${spec.id}": source must be "cases", not ${JSON.stringify(spec.source)}`, { path: `${path}.source` });
    }
    if (spec.aggregate !== 'rate' && spec.aggregate !== 'mean' && spec.aggregate !== 'count') {
      throw new ConfigError(`custom metric "${spec.id}": aggregate must be rate, mean or count, not ${JSON.stringify(spec.aggregate)}`, {
        path: `${path}.aggregate`,
      });
    }
    const filter = blankToNull(spec.filter);
    const expr = spec.aggregate === 'count' ? null : blankToNull(spec.expr);
    if (spec.aggregate !== 'count' && expr === null) {
      throw new ConfigError(`custom metric "${spec.id}": aggregate ${spec.aggregate} needs an expr`, { path: `${path}.expr` });
    }
    if (filter !== null) for (const f of checkExpression(spec.id, 'filter', filter, `${path}.filter`)) fields.add(f);
    if (expr !== null) for (const f of checkExpression(spec.id, 'expr', expr, `${path}.expr`)) fields.add(f);
    return { id: spec.id, filter, aggregate: spec.aggregate, expr };
  });
  return { specs: compiled, fields: [...fields] };
}

function blankToNull(s: string | null | undefined): string | null {
  return typeof s === 'string' && s.trim() !== '' ? s : null;
}

/**
 * Parses one expression with arquero's parser (which refuses calls to anything but its `op` functions) and
 * walks the parsed tree: only known fields, op calls and plain operators are let through.
 * Returns the fields it reads.
 */
export function checkExpression(id: string, role: 'filter' | 'expr', text: string, path: string): Set<CustomField> {
  const fail = (what: string): never => {
    throw new ConfigError(`custom metric "${id}": ${role} ${what}`, { path });
  };
  let root: AstNode;
  try {
    root = (aq.parse({ e: text }, { ast: true, aggregate: false, window: false }) as { exprs: AstNode[] }).exprs[0];
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    const call = /^Invalid function call: "([\s\S]*)"$/.exec(msg);
    if (call) {
      const callee = call[1].slice(0, call[1].indexOf('(') >= 0 ? call[1].indexOf('(') : undefined).trim();
      return fail(`calls ${callee || call[1]}, which is not one of arquero's op functions (op.abs, op.includes, …)`);
    }
    const special = /^(Aggregate|Window) function not allowed: "([\s\S]*)"$/.exec(msg);
    if (special) return fail(`uses the ${special[1].toLowerCase()} function ${special[2]}: only row functions are allowed here`);
    return fail(`is not a valid row expression: ${msg}`);
  }
  const used = new Set<CustomField>();
  const walk = (node: AstNode | null): void => {
    if (node === null) return;
    switch (node.type) {
      case 'Literal':
      case 'Constant':
      case 'TemplateElement':
        return;
      case 'Column': {
        const name = String(node.name);
        if (!KNOWN_FIELDS.has(name)) {
          fail(`reads unknown field "${name}" (known: ${[...KNOWN_FIELDS].join(', ')})`);
        }
        used.add(name as CustomField);
        return;
      }
      case 'BinaryExpression':
      case 'LogicalExpression':
        walk(node.left as AstNode);
        walk(node.right as AstNode);
        return;
      case 'UnaryExpression':
        if (node.operator === 'delete') fail('uses delete');
        walk(node.argument as AstNode);
        return;
      case 'ConditionalExpression':
        walk(node.test as AstNode);
        walk(node.consequent as AstNode);
        walk(node.alternate as AstNode);
        return;
      case 'ArrayExpression':
        for (const el of node.elements as (AstNode | null)[]) walk(el);
        return;
      case 'TemplateLiteral':
        for (const el of node.expressions as AstNode[]) walk(el);
        return;
      case 'CallExpression': {
        // arquero rewrites calls of its op functions to a callee of type Function; anything else is refused.
        const callee = node.callee as AstNode;
        if (callee.type !== 'Function') fail('calls something that is not an arquero op function');
        checkRegexArguments(String(callee.name), node.arguments as AstNode[], fail);
        for (const arg of node.arguments as AstNode[]) walk(arg);
        return;
      }
      case 'MemberExpression': {
        walk(node.object as AstNode);
        const prop = node.property as AstNode;
        if (node.computed) walk(prop);
        else if (typeof prop.name !== 'string' || prop.name.startsWith('__') || prop.name === 'constructor' || prop.name === 'prototype') {
          fail(`reads the property ${String(prop.name)}, which is not allowed`);
        }
        return;
      }
      case 'BlockStatement':
        return fail('must be a single expression such as "d => d.closed", not a function body in braces');
      case 'Identifier':
        return fail(`uses the name ${String(node.name)}, which is neither a field (d.<field>) nor an op function`);
      default:
        return fail(`uses unsupported syntax (${node.type})`);
    }
  };
  walk(root);
  return used;
}

/**
 * The pattern of op.match and op.replace must be written in the expression (a text or a regex literal) so that it is
 * compiled for the linear-time engine now, at load; op.split takes a plain text separator (a regex separator would
 * run on JavaScript's backtracking engine).
 */
function checkRegexArguments(name: string, args: AstNode[], fail: (what: string) => never): void {
  if (name !== 'match' && name !== 'replace' && name !== 'split') return;
  const pattern = args[1];
  if (name === 'split') {
    if (pattern !== undefined && (pattern.type !== 'Literal' || pattern.regex !== undefined)) {
      fail('splits by something other than a plain text: op.split takes a text separator such as \',\'');
    }
    return;
  }
  if (pattern === undefined || pattern.type !== 'Literal' || (typeof pattern.value !== 'string' && pattern.regex === undefined)) {
    fail(`gives op.${name} a pattern that is not written out: use a text such as '^GD\\d+' or a regex literal such as /^GD\\d+/i`);
  }
  const regex = pattern.regex as { pattern: string; flags: string } | undefined;
  // A text pattern of op.replace is literal (no regular expression), as in JavaScript.
  if (name === 'replace' && regex === undefined) return;
  try {
    checkPattern(regex ? new RegExp(regex.pattern, regex.flags) : String(pattern.value));
  } catch (e) {
    fail(`uses a pattern that cannot run: ${(e as Error).message}`);
  }
}

interface AstNode {
  type: string;
  [key: string]: unknown;
}

// ───────────────────────────── streaming evaluation ─────────────────────────────

export interface UnitTally {
  /** Rows that passed the filter. */
  n: number;
  /** rate: rows where expr is truthy; mean: Σ expr. */
  sum: number;
  /** mean: rows whose expr was a number or boolean. */
  valid: number;
}

/**
 * Evaluates compiled custom metrics over a stream of cases, a chunk at a time: rows are buffered as column
 * arrays (only the fields the expressions read), each full chunk becomes an arquero table that is filtered and
 * derived, and the result is tallied per unit. Memory is one chunk plus one tally per unit and metric.
 */
export class CustomMetricsEvaluator {
  private readonly getters: ((r: CaseRecord, t: CaseTiming) => FieldValue)[];
  private columns: FieldValue[][];
  private buffered = 0;
  private readonly tallies: Map<string, UnitTally>[];

  constructor(
    private readonly compiled: CompiledCustom,
    private readonly chunkSize = 50_000,
  ) {
    this.getters = compiled.fields.map((f) => FIELD_GETTERS[f]);
    this.columns = compiled.fields.map(() => []);
    this.tallies = compiled.specs.map(() => new Map());
  }

  add(rec: CaseRecord, timing: CaseTiming): void {
    for (let i = 0; i < this.getters.length; i++) this.columns[i].push(this.getters[i](rec, timing));
    if (++this.buffered >= this.chunkSize) this.flush();
  }

  /** custom metric id → unit → value, for every unit listed (units without rows: count 0, rate/mean null). */
  finish(units: string[]): Record<string, Record<string, number | null>> {
    this.flush();
    const out: Record<string, Record<string, number | null>> = {};
    this.compiled.specs.forEach((spec, s) => {
      const perUnit: Record<string, number | null> = {};
      const seen = new Set(units);
      const all = [...units, ...[...this.tallies[s].keys()].filter((u) => !seen.has(u)).sort()];
      for (const unit of all) {
        const t = this.tallies[s].get(unit);
        if (spec.aggregate === 'count') perUnit[unit] = t?.n ?? 0;
        else if (spec.aggregate === 'rate') perUnit[unit] = t && t.n > 0 ? t.sum / t.n : null;
        else perUnit[unit] = t && t.valid > 0 ? t.sum / t.valid : null;
      }
      out[spec.id] = perUnit;
    });
    return out;
  }

  /** Per metric, the tallies by unit so far: to join the evaluators of two threads (see absorb). */
  tallies_(): [string, UnitTally][][] {
    this.flush();
    return this.tallies.map((m) => [...m.entries()]);
  }

  /** Adds (sign 1) or takes away (sign −1) another evaluator's tallies, from `tallies_()`. */
  absorb(other: [string, UnitTally][][], sign: 1 | -1 = 1): void {
    this.flush();
    other.forEach((entries, s) => {
      const tallies = this.tallies[s];
      for (const [unit, o] of entries) {
        let t = tallies.get(unit);
        if (!t) tallies.set(unit, (t = { n: 0, sum: 0, valid: 0 }));
        t.n += sign * o.n;
        t.sum += sign * o.sum;
        t.valid += sign * o.valid;
        if (t.n === 0) tallies.delete(unit); // as if the unit's rows had never been seen
      }
    });
  }

  private flush(): void {
    if (this.buffered === 0) return;
    const cols: Record<string, FieldValue[]> = {};
    this.compiled.fields.forEach((f, i) => (cols[f] = this.columns[i]));
    const table = aq.table(cols);
    this.compiled.specs.forEach((spec, s) => {
      let view = spec.filter !== null ? table.filter(spec.filter) : table;
      if (spec.expr !== null) view = view.derive({ __value: spec.expr });
      const unitCol = view.array('unit') as ArrayLike<string>;
      const valueCol = spec.expr !== null ? (view.array('__value') as ArrayLike<unknown>) : null;
      const tallies = this.tallies[s];
      for (let i = 0; i < unitCol.length; i++) {
        let t = tallies.get(unitCol[i]);
        if (!t) tallies.set(unitCol[i], (t = { n: 0, sum: 0, valid: 0 }));
        t.n++;
        if (valueCol === null) continue;
        const v = valueCol[i];
        if (spec.aggregate === 'rate') {
          if (v) t.sum++;
        } else if (typeof v === 'boolean') {
          t.sum += v ? 1 : 0;
          t.valid++;
        } else if (typeof v === 'number' && Number.isFinite(v)) {
          t.sum += v;
          t.valid++;
        }
      }
    });
    this.columns = this.compiled.fields.map(() => []);
    this.buffered = 0;
  }
}
