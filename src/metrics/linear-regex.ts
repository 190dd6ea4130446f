/**
 * Regular expressions of custom metrics on a linear-time engine (RE2, through the `re2js` package), so that a
 * pattern such as `^((\w+)+)+X$` — which makes JavaScript's backtracking RegExp run for hours on a 30-character
 * case id — takes time proportional to the text instead (issue 12).
 *
 * arquero's `op.match` and `op.replace` call String.prototype.match/replace, i.e. JavaScript's RegExp. They are
 * replaced here, once, for the whole process (arquero's `addFunction` with `override`: custom metrics are the only
 * arquero expressions govscore evaluates), by functions with the same results on the RE2 engine:
 * - `op.match(value, pattern, index?)`: pattern a text (read as a regular expression, as String.prototype.match
 *   does) or a regex literal with flags i, m, s, g, u; the result array, its `index`/`groups`, the `g` list of
 *   whole matches and the optional index are those of arquero's own op;
 * - `op.replace(value, pattern, replacement)`: a text pattern is literal and replaces its first occurrence (as in
 *   JavaScript, no regular expression involved); a regex literal replaces the first match, or all with `g`;
 *   `$&`, `$1`, `$<name>` and `$$` in the replacement as in JavaScript.
 * What RE2 cannot run in linear time — backreferences (`\1`), lookahead and lookbehind — is refused when the
 * indicator system is loaded (checkPattern, called by custom.ts for every literal pattern), never at run time.
 *
 * @example linearMatch('GD2026-001', '(\\d{4})-(\\d+)', 2) // → '001'
 */
import { RE2JS } from 're2js';

/** Flags of a JavaScript regex literal that have an RE2 meaning ('g' is the op's, 'u' is RE2's default). */
const FLAG_BITS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL, g: 0, u: 0 };

interface LinearPattern {
  re: RE2JS;
  global: boolean;
  named: [string, number][];
}

const cache = new Map<string, LinearPattern>();

/**
 * Compiles a pattern (text, or a RegExp from a regex literal) for RE2.
 * @throws Error saying why RE2 cannot run it (unsupported syntax such as a backreference or lookaround, or a flag
 *   other than i, m, s, g, u)
 */
export function checkPattern(pattern: string | RegExp): LinearPattern {
  const source = typeof pattern === 'string' ? pattern : pattern.source;
  const flags = typeof pattern === 'string' ? '' : pattern.flags;
  const key = `${flags}/${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let bits = 0;
  for (const f of flags) {
    if (!(f in FLAG_BITS)) throw new Error(`the regex flag "${f}" is not supported (use i, m, s, g or u)`);
    bits |= FLAG_BITS[f];
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(source), bits);
  } catch (e) {
    throw new Error(
      `the linear-time regex engine (RE2) cannot run /${source}/: ${(e as Error).message} (backreferences and lookaround are not supported)`,
      { cause: e },
    );
  }
  const compiled: LinearPattern = { re, global: flags.includes('g'), named: Object.entries(re.namedGroups()) };
  cache.set(key, compiled);
  return compiled;
}

/** arquero's `op.match` on RE2 (see the file comment). */
export function linearMatch(value: unknown, regexp: string | RegExp, index?: number | string | null): unknown {
  if (value === null || value === undefined) return value;
  const p = checkPattern(regexp);
  const s = String(value);
  const m = p.re.matcher(s);
  let result: RegExpMatchArray | string[] | null;
  if (p.global) {
    const all: string[] = [];
    while (m.find()) all.push(m.group(0) ?? '');
    result = all.length > 0 ? all : null;
  } else if (!m.find()) {
    result = null;
  } else {
    const groups: (string | undefined)[] = [];
    for (let g = 0; g <= m.groupCount(); g++) groups.push(m.group(g) ?? undefined);
    const arr = groups as unknown as RegExpMatchArray;
    arr.index = m.start();
    arr.input = s;
    arr.groups = p.named.length > 0 ? Object.fromEntries(p.named.map(([name]) => [name, m.group(name) ?? undefined])) as Record<string, string> : undefined;
    result = arr;
  }
  if (index === null || index === undefined || result === null) return result;
  if (typeof index === 'number') return result[index];
  return (result as RegExpMatchArray).groups ? (result as RegExpMatchArray).groups![index] : null;
}

/** arquero's `op.replace` on RE2 for regex patterns; a text pattern is literal, as in JavaScript. */
export function linearReplace(value: unknown, pattern: string | RegExp, replacement: unknown): unknown {
  if (value === null || value === undefined) return value;
  const s = String(value);
  if (typeof pattern === 'string') return s.replace(pattern, String(replacement));
  const p = checkPattern(pattern);
  const m = p.re.matcher(s);
  return p.global ? m.replaceAll(String(replacement)) : m.replaceFirst(String(replacement));
}
