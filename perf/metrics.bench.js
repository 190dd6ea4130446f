// The metric stage against bare CSV parsing, and the whole assessment, at 1M and 10M rows (issues 2 and 7).
// Each stage runs in its own process so its peak RSS is its own. Case logs are generated once, seeded, into
// perf/data/ (git-ignored). Options: --rows 1000000,10000000 (default), --runs 1 (best of N).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

function stage(name, file, ...rest) {
  const out = execFileSync(process.execPath, ['--max-old-space-size=4096', join(here, 'stage.js'), name, file, ...rest], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

function best(runs, name, file, ...rest) {
  let r = null;
  for (let i = 0; i < runs; i++) {
    const x = stage(name, file, ...rest);
    if (!r || x.ms < r.ms) r = x;
  }
  return r;
}

export async function run(args) {
  const sizes = option(args, 'rows', '1000000,10000000').split(',').map(Number);
  const runs = Number(option(args, 'runs', '1'));
  const { writeCaseLogCsv } = await import('../dist-support/test/support/synth/case-log.js');
  mkdirSync(join(here, 'data'), { recursive: true });
  for (const rows of sizes) {
    const file = join(here, 'data', `cases-${rows}.csv`);
    if (!existsSync(file)) {
      const t0 = performance.now();
      await writeCaseLogCsv(file, { rows, seed: 20261123, period: '2026Q3', faultRate: 0.01 });
      console.log(`generated ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const mb = statSync(file).size / 1e6;
    console.log(`\n${rows.toLocaleString('en-US')} rows, ${mb.toFixed(0)} MB`);
    const results = [
      best(runs, 'parse:csv-parse', file),
      best(runs, 'parse:udsv', file),
      best(runs, 'parse:papaparse', file),
      best(runs, 'parse:tokenizer', file),
      best(runs, 'metrics:1-thread', file, '2026Q3'),
      best(runs, 'metrics', file, '2026Q3'),
    ];
    const outDir = join(here, 'data', 'out');
    mkdirSync(outDir, { recursive: true });
    try {
      results.push(best(runs, 'assess', file, join(root, 'samples', 'assessment.yaml'), join(outDir, `report-${rows}.xlsx`), join(outDir, `result-${rows}.json`)));
    } catch (e) {
      console.log(`assess stage failed: ${e.message.split('\n')[0]}`);
    }
    const fastestParse = Math.min(...results.filter((r) => r.stage.startsWith('parse:')).map((r) => r.ms));
    const csvParse = results.find((r) => r.stage === 'parse:csv-parse').ms;
    console.log('stage              rows        time s   rows/s        peak RSS MB  × fastest parse  × csv-parse');
    for (const r of results) {
      console.log(
        `${r.stage.padEnd(18)} ${String(r.rows).padStart(10)}  ${(r.ms / 1000).toFixed(2).padStart(8)}  ${Math.round(r.rows / (r.ms / 1000))
          .toLocaleString('en-US')
          .padStart(12)}  ${String(r.maxRssMB).padStart(11)}  ${(r.ms / fastestParse).toFixed(2).padStart(15)}  ${(r.ms / csvParse).toFixed(2).padStart(10)}`,
      );
    }
  }
}
