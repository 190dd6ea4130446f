// Repeat detection's cost in the metric stage (issue 14): the same case log with callers, addresses and an exclusion
// column, read with detection on and off, each in its own process (its peak RSS its own). Target: on within 1.5 × of
// off, peak RSS ≤ 1 GB at 10M rows. Options: --rows 1000000 (default; 10000000 for the 10M figure), --runs 1.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

function stage(name, file) {
  const out = execFileSync(process.execPath, ['--max-old-space-size=4096', join(here, 'stage.js'), name, file, '2026Q3'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop());
}

export async function run(args) {
  const sizes = option(args, 'rows', '1000000').split(',').map(Number);
  const runs = Number(option(args, 'runs', '1'));
  const { writeCaseLogCsv } = await import('../dist-support/test/support/synth/case-log.js');
  mkdirSync(join(here, 'data'), { recursive: true });
  for (const rows of sizes) {
    const file = join(here, 'data', `cases-residents-${rows}.csv`);
    if (!existsSync(file)) {
      const t0 = performance.now();
      await writeCaseLogCsv(file, { rows, seed: 20261123, period: '2026Q3', faultRate: 0.01, outOfPeriodRate: 0.01, residents: true });
      console.log(`generated ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    console.log(`\n${rows.toLocaleString('en-US')} rows with callers and addresses, ${(statSync(file).size / 1e6).toFixed(0)} MB`);
    let off = null;
    let on = null;
    for (let i = 0; i < runs; i++) {
      const a = stage('metrics', file);
      const b = stage('metrics:detect', file);
      if (!off || a.ms < off.ms) off = a;
      if (!on || b.ms < on.ms) on = b;
    }
    console.log('stage              time s   peak RSS MB');
    for (const r of [off, on]) console.log(`${(r.stage === 'metrics' ? 'detection off' : 'detection on').padEnd(17)} ${(r.ms / 1000).toFixed(2).padStart(7)}  ${String(r.maxRssMB).padStart(11)}`);
    console.log(`on ÷ off: ${(on.ms / off.ms).toFixed(2)} ×`);
  }
}
