/**
 * Exclusions (design §4.2, 减负): a case is excluded when its `exclusion` cell is non-empty (that reason wins) or an
 * `exclusions:` rule of the indicator system matches it (the first that does). Rules are arquero row filters over
 * the same fields as custom metrics (custom.ts), checked when the configuration is loaded and evaluated row by row
 * with arquero's own compiled expression (the function a table filter would call), so a rule means what it would
 * mean in `table.filter(…)`.
 *
 * @throws ConfigError from compileExclusionRules naming `exclusions[i].when` and the offending field or call
 * @example
 *   const judge = new ExclusionJudge(compileExclusionRules([{ id: 'not_ours', name: { zh: '非本级职责', en: 'Not ours' },
 *     when: "d.category === '市政设施'" }]));
 *   judge.judge(rec, timing) // → { rule: 'not_ours', reason: '非本级职责' } for a 市政设施 case
 */
import * as aq from 'arquero';
import { ConfigError } from '../errors.js';
import { checkExpression, FIELD_GETTERS, type CustomField, type FieldValue } from './custom.js';
import type { CaseTiming } from './deadlines.js';
import type { CaseRecord, ExclusionRule } from '../types.js';

type RowFn = (row: number, data: Record<string, { at: (row: number) => FieldValue }>) => unknown;

export interface CompiledExclusionRule {
  id: string;
  reason: string;
  test: RowFn;
}

/**
 * Checks the rules (ids unique, filters over known fields and arquero op functions only) and compiles them.
 * @throws ConfigError naming the rule's path
 */
export function compileExclusionRules(rules: readonly ExclusionRule[]): { rules: CompiledExclusionRule[]; fields: CustomField[] } {
  const ids = new Set<string>();
  const fields = new Set<CustomField>();
  const compiled = rules.map((rule, i) => {
    const path = `exclusions[${i}]`;
    if (ids.has(rule.id)) throw new ConfigError(`exclusion rule "${rule.id}" is defined twice`, { path: `${path}.id` });
    ids.add(rule.id);
    try {
      for (const f of checkExpression(rule.id, 'filter', rule.when, `${path}.when`)) fields.add(f);
    } catch (e) {
      if (e instanceof ConfigError) throw new ConfigError(e.message.replace(/^custom metric/, 'exclusion rule'), e.location, e.hint);
      throw e;
    }
    const test = (aq.parse({ when: rule.when }) as unknown as { exprs: RowFn[] }).exprs[0];
    return { id: rule.id, reason: rule.name.zh, test };
  });
  return { rules: compiled, fields: [...fields] };
}

/** Decides each case's exclusion: its cell first, then the first matching rule. */
export class ExclusionJudge {
  private rec: CaseRecord | null = null;
  private timing: CaseTiming | null = null;
  private readonly data: Record<string, { at: () => FieldValue }> = {};

  constructor(private readonly compiled: { rules: CompiledExclusionRule[]; fields: CustomField[] }) {
    for (const f of compiled.fields) {
      const get = FIELD_GETTERS[f];
      this.data[f] = { at: () => get(this.rec as CaseRecord, this.timing as CaseTiming) };
    }
  }

  get hasRules(): boolean {
    return this.compiled.rules.length > 0;
  }

  /** The exclusion of a case, or null when it is counted. */
  judge(rec: CaseRecord, timing: CaseTiming): { rule: string; reason: string } | null {
    if (rec.exclusion) return { rule: 'column', reason: rec.exclusion };
    if (this.compiled.rules.length === 0) return null;
    this.rec = rec;
    this.timing = timing;
    try {
      for (const r of this.compiled.rules) if (r.test(0, this.data)) return { rule: r.id, reason: r.reason };
      return null;
    } finally {
      this.rec = null;
      this.timing = null;
    }
  }
}
