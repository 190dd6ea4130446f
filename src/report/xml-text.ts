/**
 * Text that goes into an XML part of a report (workbook cells and shared strings, the hand-written rows of the
 * data-quality tail, chart XML; later the docx), cleaned so that every part stays well-formed (design §7.6).
 *
 * XML 1.0 §2.2 allows only Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]: the
 * C0 controls other than tab, LF and CR, U+FFFE, U+FFFF and lone surrogates (UTF-16 halves without their partner,
 * which cannot even be encoded as UTF-8) are not allowed anywhere, not even escaped as `&#xFFFE;`. One such
 * character in a unit name made LibreOffice show every later shared string empty (issue 12), so they are removed,
 * and the run says so with a warning (`xml_text_cleaned`).
 *
 * Excel reads `_xHHHH_` in a string as the character U+HHHH (ECMA-376 Part 1, §22.9.2.19 ST_Xstring); text that
 * looks like that escape gets its underscore escaped as `_x005F_` so that it shows as written.
 */
import type { RunWarning } from '../types.js';

/** Characters XML 1.0 cannot hold (see above). Global: use with replace, or reset lastIndex. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const FORBIDDEN_ONE = new RegExp(FORBIDDEN.source);

/**
 * True when `s` holds a character XML cannot hold.
 * @example hasXmlForbidden('云湖\uFFFE社区') // → true
 */
export function hasXmlForbidden(s: string): boolean {
  return FORBIDDEN_ONE.test(s);
}

/**
 * `s` without the characters XML cannot hold; everything else (tab, LF, CR, astral characters, U+FFFD) is kept.
 * @example cleanXmlText('a\u0001b\uFFFEc\uD800d') // → 'abcd'
 */
export function cleanXmlText(s: string): string {
  return hasXmlForbidden(s) ? s.replace(FORBIDDEN, '') : s;
}

/**
 * Escapes text that Excel would read as its `_xHHHH_` character escape: every `_` that starts `_xHHHH_` becomes
 * `_x005F_` (the escape of `_` itself). Overlapping forms are handled: `_x005F_x0041_` → `_x005F_x005F_x005F_x0041_`,
 * which Excel reads back as `_x005F_x0041_`.
 * @example escapeExcelEscapes('_x0041_') // → '_x005F_x0041_'
 */
export function escapeExcelEscapes(s: string): string {
  return s.includes('_x') || s.includes('_X') ? s.replace(/_(?=[xX][0-9A-Fa-f]{4}_)/g, '_x005F_') : s;
}

/**
 * XML text and attribute escaping, with the characters XML cannot hold removed first.
 * @example escapeXmlText('a<b & "c"\uFFFF') // → 'a&lt;b &amp; &quot;c&quot;'
 */
export function escapeXmlText(s: string): string {
  return cleanXmlText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The removed characters made visible for a message: `云湖⟨U+FFFE⟩社区`. */
export function showForbidden(s: string): string {
  return s.replace(FORBIDDEN, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

/**
 * Where texts were cleaned: paths into the cleaned value (`units[2].name`, removed characters shown as ⟨U+FFFE⟩),
 * how many distinct texts, and the first three of them as they were (shown the same way).
 */
export interface CleanedTexts {
  paths: string[];
  distinct: number;
  samples: string[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of a plain data value (objects, arrays, strings, numbers …, as a JSON result is) in which every string —
 * object keys included, since units, categories and departments are keys too — is cleaned for XML. Parts that
 * need no cleaning are shared, not copied, so a clean 100,000-issue result costs one walk and no copy. Values that
 * are not plain data (class instances, Maps) are kept as they are.
 * @example cleanStringsDeep({ units: [{ name: 'a\uFFFE' }] }, 'result') // → { value: { units: [{ name: 'a' }] }, cleaned: { paths: ['result.units[0].name'], … } }
 */
export function cleanStringsDeep<T>(value: T, root = ''): { value: T; cleaned: CleanedTexts } {
  const cleaned: CleanedTexts = { paths: [], distinct: 0, samples: [] };
  const seen = new Set<string>();
  const note = (path: string, s: string) => {
    cleaned.paths.push(showForbidden(path));
    if (seen.has(s)) return;
    seen.add(s);
    cleaned.distinct++;
    if (cleaned.samples.length < 3) cleaned.samples.push(showForbidden(s));
  };
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      if (!hasXmlForbidden(v)) return v;
      note(path, v);
      return cleanXmlText(v);
    }
    if (Array.isArray(v)) {
      let out: unknown[] | null = null;
      for (let i = 0; i < v.length; i++) {
        const w = walk(v[i], `${path}[${i}]`);
        if (w !== v[i]) (out ??= v.slice())[i] = w;
      }
      return out ?? v;
    }
    if (isPlainObject(v)) {
      let out: Record<string, unknown> | null = null;
      const keys = Object.keys(v);
      for (const k of keys) {
        const p = path ? `${path}.${k}` : k;
        const w = walk(v[k], p);
        let key = k;
        if (hasXmlForbidden(k)) {
          note(`${p} (key)`, k);
          key = cleanXmlText(k);
        }
        if (w !== v[k] || key !== k) {
          if (!out) {
            // Rebuild in the original key order, so a cleaned key keeps its place.
            out = {};
            for (const k2 of keys) {
              if (k2 === k) break;
              out[k2] = v[k2];
            }
          }
        }
        if (out) out[key] = w;
      }
      return out ?? v;
    }
    return v;
  };
  return { value: walk(value, root) as T, cleaned };
}

/**
 * The warning of a run whose report texts were cleaned (design §7.5), or null when none was.
 * @example cleanedTextWarning({ paths: ['units[0].name'], distinct: 1, samples: ['a⟨U+FFFE⟩'] }, 'report.xlsx')?.code // → 'xml_text_cleaned'
 */
export function cleanedTextWarning(cleaned: CleanedTexts, output: string, extraParts: string[] = []): RunWarning | null {
  const n = cleaned.paths.length;
  if (n === 0 && extraParts.length === 0) return null;
  const shown = cleaned.paths.slice(0, 5).join(', ') + (n > 5 ? ` and ${n - 5} more` : '');
  const where = [shown, ...extraParts.map((p) => `${output}:${p}`)].filter(Boolean).join('; ');
  const sample = cleaned.samples.map((s) => `"${s}"`).join(', ') + (cleaned.distinct > cleaned.samples.length ? ', …' : '');
  const what = n > 0 ? `${cleaned.distinct} text${cleaned.distinct === 1 ? '' : 's'}${n > cleaned.distinct ? ` (in ${n} places)` : ''}` : `text in ${extraParts.join(', ')}`;
  return {
    code: 'xml_text_cleaned',
    message:
      `${what} held characters a workbook cannot hold (control characters, U+FFFE/U+FFFF or lone surrogates); ` +
      `they were removed in ${output}` +
      (sample ? `: ${sample}` : '') +
      '. The JSON result keeps the texts as they were.',
    where,
    params: { count: cleaned.distinct, places: n, output },
  };
}
