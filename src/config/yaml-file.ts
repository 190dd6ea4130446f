/**
 * Reading a YAML configuration file: the text, its SHA-256 (the report prints the config checksum), and the
 * parsed document, with a YAML syntax error turned into a ConfigError that names the line and column.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { ConfigError } from '../errors.js';

/** Parses YAML text; duplicate keys are errors (a second `weight:` silently winning would hide a mistake). */
export function parseYamlText(text: string, file: string): unknown {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = e.linePos?.[0];
    const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    // Location.row means a spreadsheet row; a YAML position is a line, so it goes in the message.
    const at = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    throw new ConfigError(`not valid YAML${at}: ${message}`, { file });
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (e) {
    // The yaml library throws a ReferenceError when aliases expand past the limit (a "billion laughs" file).
    if (e instanceof ReferenceError) {
      throw new ConfigError(
        `too many YAML aliases (*name) expand here: more than ${MAX_ALIAS_COUNT} copies, which looks like an alias bomb`,
        { file },
        'write the repeated parts out, or use fewer aliases',
      );
    }
    throw e;
  }
}

/**
 * How far aliases may expand: the yaml library counts each alias use times the aliases inside what it refers to.
 * 100 (the library's default) lets a real configuration reuse a scoring block on every leaf of a large system, and
 * stops the "billion laughs" file (9 levels of 9 aliases) at its second level.
 */
export const MAX_ALIAS_COUNT = 100;

/** Reads a YAML file: its parsed content, its text and the SHA-256 of its bytes. */
export async function readYamlFile(path: string): Promise<{ data: unknown; text: string; sha256: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(e)})`, { file: path });
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = bytes.toString('utf8');
  return { data: parseYamlText(text, path), text, sha256 };
}
