/**
 * `govscore init [DIR]`: writes the three files an evaluator edits to set up an assessment —
 *   assessment.yaml  the quarter's job: client, evaluator, title, period, inputs, indicator system, outputs;
 *   indicators.yaml  a copy of a shipped indicator system (the 12345 case-handling one, which needs only a case
 *                    log), to adapt;
 *   mapping.yaml     a column-mapping template listing every canonical field with the headers recognised
 *                    without mapping, all commented out but the survey's "don't know" codes.
 * Existing files are never overwritten without --force; nothing at all is written when one exists. The three are
 * written as one set (src/io/output-set.ts): all or none, never half a file.
 *
 * @throws UsageError (exit 2) when a file exists and force is not set, naming the files, or when DIR is a file
 * @example await runInit('my-assessment', {}) // → { written: ['my-assessment/assessment.yaml', …] }
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { displayWidth } from '../format/table.js';
import { checkOutputFolder, checkOutputPaths, writeOutputSet } from '../io/output-set.js';
import { FIELDS, type FieldSpec } from '../io/input-fields.js';
import * as log from '../log.js';
import type { InputKind } from '../types.js';
import { PACKAGE_ROOT } from '../version.js';

export interface InitOptions {
  force?: boolean;
  quiet?: boolean;
}

/** The shipped indicator system copied into a new assessment. */
export const STARTER_SYSTEM = 'indicators/hotline-12345.yaml';

const KIND_TITLES: Record<InputKind, string> = {
  cases: 'the case log (工单), design §3.1',
  survey: 'the resident survey, one row per respondent, design §3.2',
  ratings: 'the qualitative ratings (unit, indicator, rater, value), design §3.3',
  units: 'the unit registry (unit, name, parent, population), design §3.4',
};

const TYPE_WORDS: Record<FieldSpec['type'], string> = {
  text: 'text',
  datetime: 'date-time',
  urgency: '紧急/一般/复杂/咨询 or urgent/general/complex/consult',
  boolean: '是/否, 1/0, true/false',
  satisfaction: '非常满意…非常不满意 or 5..1',
  count: 'whole number ≥ 0',
  number: 'number',
  rating: 'grade label or 0..100',
};

/** Examples of the other sections, per input, shown commented out. */
const SECTION_EXAMPLES: Record<InputKind, string[]> = {
  cases: [
    '  formats:                        # a date format per column when the export writes dates its own way',
    '    received_at: MM/DD/YYYY hh:mm:ss A   # tokens: YYYY MM M DD D HH H hh h mm ss A',
    '  values:                         # your labels → canonical values',
    '    urgency: {特急: urgent, 普通: general, 疑难: complex, 求助: consult}',
    '    resolved: {已办理: true, 未办理: false}',
    '  constants:                      # a field the export lacks, the same for every row',
    '    urgency: general',
    '  derive:                         # a field the export lacks, looked up from another column (by header)',
    '    urgency: {from: 诉求类别, map: {燃气泄漏: urgent, 政策咨询: consult}, default: general}',
    '  encoding: gbk                   # force the CSV encoding (detected when omitted)',
  ],
  survey: ['  items:                          # indicator system item id → column header, when they differ', '    q1: 第1题'],
  ratings: [],
  units: [],
};

/** The column-mapping template: every canonical field with its aliases, commented out (design §3). */
export function mappingTemplate(): string {
  const out: string[] = [
    '# Column mapping (列名映射) for govscore.',
    '#',
    '# Headers are matched to the canonical fields by the canonical id or the Chinese aliases listed below, so',
    '# a mapping is needed only when your export names a column differently, writes dates or labels its own',
    '# way, or lacks a required field. Uncomment the lines you need (with their section headers).',
    '# Then name this file in assessment.yaml (inputs.mapping) or pass it with --map.',
    '',
  ];
  for (const kind of Object.keys(FIELDS) as InputKind[]) {
    out.push(`# ── ${kind}: ${KIND_TITLES[kind]} ──`);
    const active = kind === 'survey';
    out.push(active ? `${kind}:` : `# ${kind}:`);
    out.push(`#   columns:                        # canonical field: the header in your export`);
    for (const f of FIELDS[kind]) {
      const line = `#     ${f.id}: ${f.label}`;
      const pad = ' '.repeat(Math.max(1, 36 - displayWidth(line)));
      const known = [f.id, ...f.aliases].join(', ');
      out.push(`${line}${pad}# ${f.required ? 'required' : 'optional'}, ${TYPE_WORDS[f.type]}; recognised: ${known}`);
    }
    for (const line of SECTION_EXAMPLES[kind]) out.push(`# ${line}`);
    if (active) {
      out.push('  # Answers 1..5 (5 = 非常满意) or the five labels; these codes mean "don\'t know" and count as missing, not zero.');
      out.push('  dont_know: [9, 不清楚]');
    }
    out.push('');
  }
  return out.join('\n');
}

/** The starter assessment file (the quarter's job), pointing at indicators.yaml and mapping.yaml beside it. */
export function assessmentTemplate(): string {
  return `# Assessment file: one quarter's job for govscore. Run it with
#   govscore assess assessment.yaml
# Command-line flags of \`govscore assess\` override the values here (e.g. --period 2026Q4, -o other.xlsx).
# Relative paths are relative to this file.

title: 2026年第三季度社区治理第三方评估报告
client: 某某区社会治理委员会          # 委托方 (optional)
evaluator: 某某第三方评估机构          # 评估机构 (optional)
# report_no: PG-2026-Q3-01            # 报告编号 on the cover (optional)
# date_of_issue: 2026-10-20           # 出具日期; default the day of the run
# signature: {project_lead: 某某, reviewer: 某某}   # names in the cover's signature block (optional)
period: 2026Q3                        # 2026Q3, 2026-09, 2026-07-01..2026-09-30 or {from: …, to: …}
# as_of: 2026-10-08T00:00:00          # cut-off; default the end of the period
indicator_system: indicators.yaml     # shipped systems: govscore's indicators/ folder
map: mapping.yaml                     # column mapping (see the comments in it)
# calendar: calendar.json             # extra holidays / working days: {"holidays": [...], "workdays": [...]}
# weekends_only: true                 # for years the built-in calendar does not know
max_reject: 5                         # stop (exit 3) if more than 5 % of a file's rows are rejected

inputs:
  cases: data/cases.csv               # 12345 / grid case log: CSV (UTF-8 or GBK) or XLSX
  # cases: {path: data/cases.xlsx, sheet: 工单明细, encoding: gbk, mapping: {columns: {case_id: 工单流水号}}}
  # survey: data/survey.csv           # resident survey, one row per respondent
  # ratings: data/ratings.csv         # expert ratings: unit, indicator, rater, value
  # units: data/units.csv             # unit registry: unit, name, parent, population

outputs:
  workbook: out/report.xlsx
  json: out/result.json
  lang: zh                            # report language: zh or en
  # final: true                       # the version to sign: values only, every sheet protected, 定稿 on the cover

robustness:
  draws: 1000                         # Monte Carlo weight perturbations (0 turns the check off)
  perturbation: 0.2                   # relative size of each weight's perturbation
  seed: 1
  top_k: 3

# Texts the evaluator writes for the report.
texts:
  background: 基本概况：（评估对象、评估范围和数据来源。）
  organisation: 组织实施情况：（评估方法、数据采集和质量控制。）
  method_notes: 评估方法说明：（权重、评分和稳健性检验。）
  conclusions: 评估结论：（总体结论。）
  suggestions: 意见建议：（改进建议。）
`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export async function runInit(dir: string, opts: InitOptions | Record<string, unknown> = {}): Promise<{ written: string[] }> {
  const { force, quiet } = opts as InitOptions;
  const system = await readFile(join(PACKAGE_ROOT, STARTER_SYSTEM), 'utf8');
  const files: [string, string][] = [
    ['assessment.yaml', assessmentTemplate()],
    [
      'indicators.yaml',
      `# Copied by \`govscore init\` from govscore's ${STARTER_SYSTEM}; edit freely.\n` +
        `# Other shipped systems: indicators/community-refinement.yaml, indicators/nanhu-five-jing.yaml.\n` +
        system,
    ],
    ['mapping.yaml', mappingTemplate()],
  ];
  const targets = files.map(([name, text]) => ({ path: join(dir, name), text }));
  await checkOutputFolder(dir, 'init');
  await checkOutputPaths(targets.map((t) => ({ path: t.path, what: 'init' })), []);
  if (!force) {
    const present: string[] = [];
    for (const t of targets) if (await exists(t.path)) present.push(t.path);
    if (present.length > 0) {
      throw new UsageError(`not overwriting ${present.join(', ')}`, {}, 'pass --force to overwrite, or choose another folder');
    }
  }
  await writeOutputSet(targets.map((t) => ({ path: t.path, data: t.text, what: t.path })));
  const written = targets.map((t) => t.path);
  if (!quiet) {
    log.info(`wrote ${written.join(', ')}`);
    log.info(`next: put your case log at ${join(dir, 'data', 'cases.csv')} (or edit inputs in assessment.yaml), then run: govscore assess ${join(dir, 'assessment.yaml')}`);
  }
  return { written };
}
