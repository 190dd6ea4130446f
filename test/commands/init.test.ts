/**
 * `govscore init`: writes the three starter files, refuses to overwrite without --force (usage error, exit 2,
 * nothing written), overwrites with it; the templates are valid for their loaders.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runInit, mappingTemplate } from '../../src/commands/init.js';
import { parseAssessment } from '../../src/config/assessment.js';
import { parseIndicatorSystem } from '../../src/config/indicator-system.js';
import { UsageError, exitCodeOf } from '../../src/errors.js';
import { FIELDS } from '../../src/io/input-fields.js';
import { parseMappingFile } from '../../src/io/mapping.js';

const root = mkdtempSync(join(tmpdir(), 'govscore-init-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('runInit', () => {
  it('writes assessment.yaml, indicators.yaml and mapping.yaml into a new folder', async () => {
    const dir = join(root, 'fresh', 'nested');
    const { written } = await runInit(dir, { quiet: true });
    expect(written).toEqual(['assessment.yaml', 'indicators.yaml', 'mapping.yaml'].map((f) => join(dir, f)));
    expect(readdirSync(dir).sort()).toEqual(['assessment.yaml', 'indicators.yaml', 'mapping.yaml']); // no temporary files left
    // The copied indicator system loads.
    const system = parseIndicatorSystem(readFileSync(join(dir, 'indicators.yaml'), 'utf8'), 'indicators.yaml');
    expect(system.indicators.length).toBeGreaterThan(0);
    // The assessment file passes the assessment loader and names the other two files beside it.
    const assessment = parseAssessment(readFileSync(join(dir, 'assessment.yaml'), 'utf8'), join(dir, 'assessment.yaml'));
    expect(assessment.indicatorSystem).toBe(join(dir, 'indicators.yaml'));
    expect(assessment.map).toBe(join(dir, 'mapping.yaml'));
    expect(assessment.period.from).toBe('2026-07-01');
  });

  it('refuses to overwrite an existing file without --force, writing nothing', async () => {
    const dir = join(root, 'existing');
    await runInit(dir, { quiet: true });
    writeFileSync(join(dir, 'mapping.yaml'), 'my edits');
    rmSync(join(dir, 'assessment.yaml'));
    const err = await runInit(dir, { quiet: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(exitCodeOf(err)).toBe(2);
    expect((err as UsageError).message).toContain(join(dir, 'mapping.yaml'));
    expect((err as UsageError).hint).toMatch(/--force/);
    // Nothing written: the user's edits survive and the removed file was not recreated.
    expect(readFileSync(join(dir, 'mapping.yaml'), 'utf8')).toBe('my edits');
    expect(readdirSync(dir).sort()).toEqual(['indicators.yaml', 'mapping.yaml']);
  });

  it('overwrites with --force', async () => {
    const dir = join(root, 'forced');
    await runInit(dir, { quiet: true });
    writeFileSync(join(dir, 'mapping.yaml'), 'my edits');
    await runInit(dir, { force: true, quiet: true });
    expect(readFileSync(join(dir, 'mapping.yaml'), 'utf8')).toBe(mappingTemplate());
  });
});

describe('mappingTemplate', () => {
  it('is a valid mapping file as written', () => {
    const parsed = parseMappingFile(parseYaml(mappingTemplate()), 'mapping.yaml');
    expect(parsed.survey?.dont_know).toEqual([9, '不清楚']);
  });

  it('lists every canonical field with all its aliases', () => {
    const text = mappingTemplate();
    for (const specs of Object.values(FIELDS)) {
      for (const f of specs) expect(text).toContain(`recognised: ${[f.id, ...f.aliases].join(', ')}`);
    }
  });

  it('stays valid when the column lines of the case log are uncommented', () => {
    // Uncomment the `cases:` header, `columns:` and every field line of the cases section.
    const lines = mappingTemplate().split('\n');
    const start = lines.indexOf('# cases:');
    const end = lines.findIndex((l, i) => i > start && l.startsWith('#   formats:'));
    const uncommented = lines.map((l, i) => (i >= start && i < end ? l.replace(/^# ?/, '') : l)).join('\n');
    const parsed = parseMappingFile(parseYaml(uncommented), 'mapping.yaml');
    expect(parsed.cases?.columns?.received_at).toBe('受理时间');
    expect(Object.keys(parsed.cases?.columns ?? {})).toEqual(FIELDS.cases.map((f) => f.id));
  });
});
