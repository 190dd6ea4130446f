/**
 * Configuration-file paths and the conversion of schema (zod) issues into ConfigErrors that name them.
 *
 * A path is written the way a user reads the YAML: `indicators[2].children[0].scoring.target`. Every message is
 * plain and says what was expected ("expected a number"), so `govscore` can print `file, path: message`.
 */
import type { z } from 'zod';
import { ConfigError } from '../errors.js';

/** A path as zod reports it: object keys and array indices from the document root. */
export type ConfigPath = readonly PropertyKey[];

/**
 * Formats a path: keys joined by dots, indices in brackets.
 * @example formatConfigPath(['indicators', 2, 'children', 0, 'scoring', 'target']) // → 'indicators[2].children[0].scoring.target'
 */
export function formatConfigPath(path: ConfigPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += (out === '' ? '' : '.') + String(key);
  }
  return out;
}

const EXPECTED_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a text',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  array: 'a list',
  tuple: 'a list',
  nan: 'a number',
};

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/** One zod issue as a user-facing sentence and the path it belongs to. */
export function describeIssue(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string } {
  const path = [...issue.path];
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return { path, message: `missing; expected ${expected}` };
      return { path, message: `expected ${expected}` };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array') return { path, message: `expected at least ${min} entr${min === 1 ? 'y' : 'ies'}` };
      if (issue.origin === 'string') return { path, message: 'expected a non-empty text' };
      return { path, message: `expected a number ${issue.inclusive ? '≥' : '>'} ${min}` };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array') return { path, message: `expected at most ${max} entries` };
      if (issue.origin === 'string') return { path, message: `expected at most ${max} characters` };
      return { path, message: `expected a number ${issue.inclusive ? '≤' : '<'} ${max}` };
    }
    case 'unrecognized_keys': {
      // Point at the unknown key itself: a typo such as `wieght` is the commonest mistake in a YAML file.
      const key = issue.keys[0];
      const more = issue.keys.length > 1 ? ` (also ${issue.keys.slice(1).map((k) => `"${k}"`).join(', ')})` : '';
      return { path: [...path, key], message: `unknown key "${key}"${more}` };
    }
    case 'invalid_value':
      return {
        path,
        message:
          issue.values.length === 1
            ? `expected ${JSON.stringify(issue.values[0])}`
            : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'invalid_union': {
      if (issue.discriminator && 'options' in issue && issue.options) {
        // zod reports the discriminator's path and value in some versions and the object's in others.
        const atKey = path[path.length - 1] === issue.discriminator;
        const input = issue.input as Record<string, unknown> | undefined;
        const given = input && typeof input === 'object' ? input[issue.discriminator] : atKey ? issue.input : undefined;
        const options = issue.options.map((v) => JSON.stringify(v)).join(', ');
        return {
          path: atKey ? path : [...path, issue.discriminator],
          message: given === undefined ? `missing; expected one of ${options}` : `expected one of ${options}, got ${describeValue(given)}`,
        };
      }
      // A union of alternatives (e.g. a text or a {zh, en} mapping): report the alternative that got furthest.
      const deepest = issue.errors
        .map((errs) => errs[0])
        .filter((e): e is z.core.$ZodIssue => e !== undefined)
        .sort((a, b) => b.path.length - a.path.length)[0];
      if (deepest && deepest.path.length > 0) {
        const inner = describeIssue(deepest);
        return { path: [...path, ...inner.path], message: inner.message };
      }
      return { path, message: issue.message.startsWith('Invalid') ? `unexpected value ${describeValue(issue.input)}` : issue.message };
    }
    default:
      return { path, message: issue.message };
  }
}

/**
 * A ConfigError for a failed zod parse: the first issue names the path; the others follow on their own lines so a
 * user fixes several mistakes in one pass.
 */
export function configErrorFromZod(error: z.ZodError, file: string, pathPrefix: ConfigPath = []): ConfigError {
  const described = error.issues.map((i) => {
    const d = describeIssue(i);
    return { path: formatConfigPath([...pathPrefix, ...d.path]), message: d.message };
  });
  const [first, ...rest] = described;
  const also = rest.slice(0, 9).map((d) => `\n  also ${d.path}: ${d.message}`);
  if (rest.length > 9) also.push(`\n  … and ${rest.length - 9} more`);
  return new ConfigError(first.message + also.join(''), { file, path: first.path });
}

/** A ConfigError at one path, for the checks a schema cannot express (references, AHP consistency …). */
export function configErrorAt(file: string, path: ConfigPath, message: string, hint?: string): ConfigError {
  return new ConfigError(message, { file, path: formatConfigPath(path) }, hint);
}
