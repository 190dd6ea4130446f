/**
 * Issue 13 item 7: a scoring module's doc comment sits on the function it documents (where editors and TypeDoc
 * show it), not above the imports, where it documents nothing. The one module-level comment allowed is that of a
 * file of several small helpers each documented on its own (weights/matrix-checks.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../src/scoring/', import.meta.url));
const MODULE_LEVEL = new Set(['weights/matrix-checks.ts']);
const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !MODULE_LEVEL.has(f.replaceAll('\\', '/')));

describe('doc comments in src/scoring/ are attached to their function', () => {
  it.each(files)('%s has no doc comment above its imports', (file) => {
    const text = readFileSync(root + file, 'utf8');
    const leading = /^\/\*\*[\s\S]*?\*\/\s*\n(?:\s*\n)*import /.test(text);
    expect(leading, `${file}: move the doc comment below the imports, onto the export it documents`).toBe(false);
  });
});
