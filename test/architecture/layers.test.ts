/**
 * Data flows one way (issue 13: "no import from a lower layer to a higher one"): config and findings sit below
 * robustness and report, so the assessment file's raw schemas live in config (robustness reads the parsed value)
 * and the findings round numbers with src/format, not the report. Read from the source text, as
 * model-layer.test.ts does, so a new upward import fails here before it becomes a folder cycle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/version.js';

const SRC = join(PACKAGE_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** `from` file → imported src file, both relative to src/ (type-only imports included: they tie the layers too). */
function imports(): [string, string][] {
  return sourceFiles(SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map(
      (m) => [relative(SRC, file), relative(SRC, resolve(dirname(file), m[1]))] as [string, string],
    ),
  );
}

/** Folders above config and findings: the engine's later stages, the report, the pipeline and the commands. */
const ABOVE = ['robustness/', 'report/', 'pipeline/', 'commands/', 'cli.'];

const upward = (lower: string, higher: readonly string[]) =>
  imports()
    .filter(([from, to]) => from.startsWith(lower) && higher.some((h) => to.startsWith(h)))
    .map(([from, to]) => `${from} → ${to}`);

describe('the layers (issue 13)', () => {
  it('config imports nothing from robustness, report, findings, pipeline or the commands', () => {
    expect(upward('config/', [...ABOVE, 'findings/'])).toEqual([]);
  });

  it('findings import nothing from robustness, report, pipeline or the commands', () => {
    expect(upward('findings/', ABOVE)).toEqual([]);
  });

  // Repeat detection sits below the metric stage that calls it (metrics/cases.ts) and below the readers that are
  // handed its key fields: the exclusion rules (custom-metric expressions) live in metrics/, and the readers'
  // detection context in pipeline/.
  it('repeat detection imports nothing from metrics, io, config, pipeline or above', () => {
    expect(upward('repeats/', ['metrics/', 'io/', 'config/', 'scoring/', 'findings/', ...ABOVE])).toEqual([]);
  });

  it('the reading finds imports at all (the report reads the findings, downward, so this list is not empty)', () => {
    expect(upward('report/', ['findings/']).length).toBeGreaterThan(0);
  });
});
