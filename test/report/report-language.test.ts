/**
 * Every text of the report in the report's language (issue 11 item 5, design §7.1): for each shipped sample
 * assessment, the built CLI writes a zh and an en workbook, and every cell of every sheet is scanned.
 * - zh: no Latin word outside an allow-list — the inputs' own strings (unit names and ids, categories, raters,
 *   survey item ids, rejected values, file names, the evaluators' texts), standard abbreviations and symbols (AHP,
 *   CR, CI, RI, TOPSIS, CRITIC, Kendall's W, Cronbach's α, Spearman, λmax, n, N), the tool's name, checksums and
 *   timestamps.
 * - en: no CJK text that is not one of the inputs' own strings (unit names, categories, departments, raters, the
 *   evaluators' texts and the values of rejected rows).
 * The narrative report (.docx, issue 15) written by the same runs is held to the same two rules, its every text run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssessmentResult } from '../../src/model/result.js';
import JSZip from 'jszip';
import { load } from './helpers.js';

const root = resolve(__dirname, '../..');
const SAMPLES = ['assessment.yaml', 'assessment-hotline.yaml', 'assessment-nanhu.yaml'];
const STANDARD = new Set(['AHP', 'CR', 'CI', 'RI', 'TOPSIS', 'CRITIC', 'Kendall', 'W', 'Cronbach', 'Spearman', 'Saaty', 'max', 'min', 'n', 'N', 'govscore', 'SHA', 'UTC']);

function run(sample: string, lang: 'zh' | 'en') {
  const out = mkdtempSync(join(tmpdir(), 'govscore-lang-'));
  const xlsx = join(out, 'report.xlsx');
  const json = join(out, 'result.json');
  const docx = join(out, 'report.docx');
  const r = spawnSync(process.execPath, [join(root, 'bin/govscore'), 'assess', join(root, 'samples', sample), '-o', xlsx, '--json', json, '--docx', docx, '--lang', lang, '-q'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return { xlsx, docx, result: JSON.parse(readFileSync(json, 'utf8')) as AssessmentResult };
}

/** Every paragraph of the .docx (body, header, footer), as text, with where it is. */
async function docxTexts(path: string): Promise<{ where: string; text: string }[]> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const out: { where: string; text: string }[] = [];
  for (const name of Object.keys(zip.files).filter((n) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    for (const [i, p] of [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].entries()) {
      const text = [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
      if (text) out.push({ where: `${name}#p${i}`, text });
    }
  }
  return out;
}

/** Every string cell of the workbook, with its address. */
async function cells(path: string): Promise<{ where: string; text: string }[]> {
  const wb = await load(path);
  const out: { where: string; text: string }[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const v = c.value as unknown;
        const t = typeof v === 'string' ? v : v && typeof v === 'object' && 'result' in v && typeof (v as { result: unknown }).result === 'string' ? (v as { result: string }).result : null;
        if (t) out.push({ where: `${ws.name}!${c.address}`, text: t });
      }),
    );
  }
  return out;
}

/** The strings the inputs themselves bring into the report (names, keys, values, evaluator texts, file names). */
function inputStrings(r: AssessmentResult): string[] {
  const m = r.metrics;
  return [
    r.assessment.title,
    r.assessment.client ?? '',
    r.assessment.evaluator ?? '',
    r.assessment.report_no ?? '',
    ...Object.values(r.assessment.signature ?? {}).map((v) => String(v ?? '')),
    ...Object.values(r.assessment.texts),
    ...r.units.flatMap((u) => [u.unit, u.name ?? '', u.parent ?? '']),
    ...m.breakdowns.category.map((b) => b.key),
    ...m.breakdowns.department.map((b) => b.key),
    ...Object.values(m.ratings?.indicators ?? {}).flatMap((i) => i.raters),
    ...(m.survey?.items.map((i) => i.id) ?? []),
    // A field is the file's header, then the canonical id in brackets, which the zh report leaves out.
    ...r.data_quality.issues.flatMap((i) => [i.value ?? '', (i.field ?? '').replace(/ \([a-z_]+\)$/, ''), i.file]),
    ...r.data_quality.files.map((f) => f.path),
    r.config.indicator_system.path,
    r.config.assessment?.path ?? '',
    'report.issues.csv',
    // Repeats and exclusions (issue 14): case ids, key values (addresses, categories), exclusion reasons and rule ids
    // come from the inputs; the CSVs beside the workbook are named in its notes.
    ...(m.repeats?.links.flatMap((l) => [l.case, l.linked_case, ...Object.values(l.keys)]) ?? []),
    ...(m.repeats?.exclusions.flatMap((e) => [e.case, e.reason, e.rule]) ?? []),
    'report.links.csv',
    'report.exclusions.csv',
  ];
}

describe('the report speaks one language', () => {
  for (const sample of SAMPLES) {
    it(`zh: no Latin words outside the inputs and the standard abbreviations (${sample})`, async () => {
      const { xlsx, docx, result } = run(sample, 'zh');
      const allowed = new Set<string>(STANDARD);
      for (const s of inputStrings(result)) for (const w of s.match(/[A-Za-z]+/g) ?? []) allowed.add(w);
      const bad: string[] = [];
      for (const { where, text } of [...(await cells(xlsx)), ...(await docxTexts(docx))]) {
        // Checksums, caller hashes and timestamps are not words.
        const t = text.replace(/\b[0-9a-f]{64}\b/g, ' ').replace(/\b[0-9a-f]{16}\b/g, ' ').replace(/\d{4}-\d{2}-\d{2}[T ][\d:.]+Z?/g, ' ');
        for (const w of t.match(/[A-Za-z]+/g) ?? []) if (!allowed.has(w)) bad.push(`${where} "${w}": ${text.slice(0, 120)}`);
      }
      expect(bad.slice(0, 20)).toEqual([]);
    }, 60_000);

    it(`en: no CJK text that is not the inputs' own (${sample})`, async () => {
      const { xlsx, docx, result } = run(sample, 'en');
      // The evaluators' texts appear without the spaces a YAML folded block leaves between Chinese characters.
      const haystack = inputStrings(result).join('\n') + '\n' + inputStrings(result).join('\n').replace(/\s+/g, '');
      const bad: string[] = [];
      for (const { where, text } of [...(await cells(xlsx)), ...(await docxTexts(docx))]) {
        // Runs of CJK characters (punctuation and quotes split them, since generated text may join input names).
        for (const run of text.match(/[\u3400-\u9fff]+/g) ?? []) if (!haystack.includes(run)) bad.push(`${where} "${run}": ${text.slice(0, 120)}`);
      }
      expect(bad.slice(0, 20)).toEqual([]);
    }, 60_000);
  }
});
