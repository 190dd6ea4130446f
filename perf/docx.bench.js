// What the narrative report (.docx, issue 15) adds to `govscore assess`: the sample assessment with a seeded case
// log of --rows rows (default 1M, generated once into perf/data/ as for metrics.bench.js), timed in its own process
// with the workbook and the JSON, then with the .docx as well; best of --runs (default 3) each.
// Usage: npm run bench -- docx [--rows 1000000] [--runs 3]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

function option(args, name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

function stage(...args) {
  const out = execFileSync(process.execPath, ['--max-old-space-size=4096', join(here, 'stage.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop());
}

export async function run(args) {
  const rows = Number(option(args, 'rows', '1000000').split(',')[0]);
  const runs = Number(option(args, 'runs', '3'));
  // With callers and addresses: the sample's indicator system detects repeats (issue 14), which needs those columns.
  const file = join(here, 'data', `cases-residents-${rows}.csv`);
  if (!existsSync(file)) {
    const { writeCaseLogCsv } = await import('../dist-support/test/support/synth/case-log.js');
    mkdirSync(join(here, 'data'), { recursive: true });
    await writeCaseLogCsv(file, { rows, seed: 20261123, period: '2026Q3', faultRate: 0.01, outOfPeriodRate: 0.01, residents: true });
  }
  const out = join(here, 'data', 'out');
  mkdirSync(out, { recursive: true });
  const assessment = join(root, 'samples', 'assessment.yaml');
  const base = [];
  const withDocx = [];
  // Alternated, so that a busy spell of the machine weighs on both alike.
  for (let i = 0; i < runs; i++) {
    base.push(stage('assess', file, assessment, join(out, 'docx-base.xlsx'), join(out, 'docx-base.json')));
    withDocx.push(stage('assess+docx', file, assessment, join(out, 'docx-with.xlsx'), join(out, 'docx-with.json'), join(out, 'docx-with.docx')));
  }
  const best = (xs) => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const b = best(base);
  const d = best(withDocx);
  console.log(`${rows.toLocaleString('en-US')} rows, best of ${runs}`);
  console.log(`assess (workbook + JSON)          ${(b.ms / 1000).toFixed(2)} s  peak RSS ${b.maxRssMB} MB`);
  console.log(`assess + --docx                   ${(d.ms / 1000).toFixed(2)} s  peak RSS ${d.maxRssMB} MB`);
  console.log(`the .docx adds                    ${((d.ms - b.ms) / 1000).toFixed(2)} s`);
}
