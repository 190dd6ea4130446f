/**
 * Property (issue 12, design §7.6): arbitrary Unicode in every text input that reaches the workbook — unit ids and
 * names, categories, departments, the title, client and evaluator, the evaluator's texts, indicator names, the
 * data-quality list (exceljs cells and the XML-written tail) — gives a package whose every XML part is UTF-8 and
 * well-formed XML (checked with saxes, the parser exceljs itself uses), and a warning `xml_text_cleaned` exactly
 * when some text held a character XML cannot hold. The strings mix every code point, lone surrogates, the
 * characters of the original report (U+FFFE in a unit name) and text that looks like Excel's `_xHHHH_` escape.
 */
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { workbookOutputs } from '../../src/report/workbook.js';
import { hasXmlForbidden } from '../../src/report/xml-text.js';
import type { AssessmentResult } from '../../src/model/result.js';
import { propertyParams, runsFactor } from '../helpers/property-params.js';
import { makeFixture, UNITS } from './fixture.js';
import { assertWellFormed } from './helpers.js';

/** One "character": any code point (lone surrogates included), or a piece known to have caused trouble. */
const unit = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).map((cp) => (cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp))) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((cp) => String.fromCharCode(cp)) },
  { weight: 2, arbitrary: fc.constantFrom('\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '_x0041_', '_x005F_', '&', '<', ']]>', '"', ' ', '社区') },
);
const text = fc.string({ unit, maxLength: 12 });

const CATEGORIES = ['噪音扰民', '环境卫生'];
const DEPARTMENTS = ['城管中队'];

/** Every string (value or key) equal to a key of `rename` replaced, so ids stay consistent across the result. */
function renameAll<T>(v: T, rename: Map<string, string>): T {
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return rename.get(x) ?? x;
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, y]) => [rename.get(k) ?? k, walk(y)]));
    return x;
  };
  return walk(v) as T;
}

async function xmlParts(bytes: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const out: string[] = [];
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  for (const name of Object.keys(zip.files)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const xml = utf8.decode(await zip.file(name)!.async('uint8array'));
    try {
      assertWellFormed(xml);
    } catch (e) {
      throw new Error(`${name}: ${(e as Error).message}`);
    }
    out.push(name);
  }
  return out;
}

describe('workbook XML with arbitrary Unicode in every text input', () => {
  it('is well-formed in every part, and warns exactly when a text was cleaned', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          units: fc.array(text, { minLength: UNITS.length, maxLength: UNITS.length }),
          names: fc.array(text, { minLength: UNITS.length, maxLength: UNITS.length }),
          categories: fc.array(text, { minLength: CATEGORIES.length, maxLength: CATEGORIES.length }),
          department: text,
          title: text,
          client: text,
          background: text,
          conclusions: text,
          indicator: text,
          issueValue: text,
          issueReason: text,
          tail: fc.boolean(),
        }),
        async (g) => {
          const base = makeFixture();
          const rename = new Map<string, string>();
          // Distinct suffixes keep the ids distinct after cleaning; the prefix keeps them off '__proto__'.
          UNITS.forEach((u, i) => rename.set(u, `u${g.units[i]}#${i}`));
          CATEGORIES.forEach((c, i) => rename.set(c, `c${g.categories[i]}#${i}`));
          rename.set(DEPARTMENTS[0], `d${g.department}`);
          const result: AssessmentResult = renameAll({ ...base, findings: null }, rename);
          result.metrics.units.forEach((u, i) => (u.name = g.names[i]));
          result.units.forEach((u, i) => (u.name = g.names[i]));
          result.assessment.title = g.title;
          result.assessment.client = g.client;
          result.assessment.texts = { ...result.assessment.texts, background: g.background, conclusions: g.conclusions };
          result.indicators[1].name = { zh: g.indicator, en: g.indicator };
          const issues = result.data_quality.issues;
          if (issues.length > 0) {
            issues[0] = { ...issues[0], value: g.issueValue, reason: g.issueReason };
            issues[issues.length - 1] = { ...issues[issues.length - 1], value: g.issueValue, file: g.title };
          }
          const inputs = [...g.units, ...g.names, ...g.categories, g.department, g.title, g.client, g.background, g.conclusions, g.indicator];
          if (issues.length > 0) inputs.push(g.issueValue, g.issueReason);

          // issueCellRows 1 sends all but the first issue row through the hand-written XML of the tail.
          const { files } = await workbookOutputs(result, 'report.xlsx', { lang: 'zh', issueCellRows: g.tail ? 1 : undefined });
          const parts = await xmlParts(files[0].data as Buffer);
          expect(parts).toContain('xl/sharedStrings.xml');
          const warned = result.warnings.some((w) => w.code === 'xml_text_cleaned');
          expect(warned).toBe(inputs.some(hasXmlForbidden));
        },
      ),
      // Each run builds a whole workbook (~0.5 s), hence few runs; the seed is the suite's (test/setup/fast-check.ts).
      propertyParams(12),
    );
  }, 180_000 * runsFactor());
});
