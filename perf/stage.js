// One measured stage in its own process, so its peak RSS is its own: prints one JSON line
// {stage, rows, ms, maxRssMB}. Called by perf/metrics.bench.js; not meant for users.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const [stage, file, ...rest] = process.argv.slice(2);
const t0 = performance.now();
let rows = 0;

async function parseWithCsvParse() {
  const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }));
  for await (const _ of parser) rows++;
  rows--; // header
}

async function parseWithUdsv() {
  const { inferSchema, initParser } = await import('udsv');
  let parser = null;
  const count = () => {
    rows++;
  };
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) {
    if (!parser) parser = initParser(inferSchema(chunk));
    parser.chunk(chunk, parser.stringArrs, count);
  }
  parser.end();
}

async function parseWithPapaparse() {
  const Papa = (await import('papaparse')).default;
  await new Promise((resolve, reject) => {
    Papa.parse(createReadStream(file), {
      step: () => {
        rows++;
      },
      complete: resolve,
      error: reject,
    });
  });
  rows--;
}

async function parseWithTokenizer() {
  // govscore's own tokenizer alone: read, decode and split into records (no hashing, no validation).
  const { CsvTokenizer } = await import('../dist/io/csv-tokenizer.js');
  const t = new CsvTokenizer();
  const count = () => {
    rows++;
  };
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) t.write(chunk, count);
  t.end(count);
  rows--;
}

async function metrics(threads, detection = false) {
  const { computeMetrics } = await import('../dist/pipeline/compute-metrics.js');
  const { DEFAULT_METRIC_SETTINGS } = await import('../dist/metrics/defaults.js');
  const { parsePeriod } = await import('../dist/period.js');
  const period = parsePeriod(rest[0] ?? '2026Q3');
  const m = await computeMetrics({
    cases: { path: file, mapping: null },
    survey: null,
    ratings: null,
    units: null,
    period,
    calendar: {},
    settings: detection
      ? {
          ...DEFAULT_METRIC_SETTINGS,
          // Repeat detection with the defaults of design §4.1 (issue 14).
          repeats: { keys: ['caller', 'category'], window: { amount: 30, unit: 'days' }, mergeKeys: ['address', 'category'], mergeWindow: { amount: 72, unit: 'hours' }, basis: 'cases', salt: 'bench' },
        }
      : DEFAULT_METRIC_SETTINGS,
    maxRejectShare: 1,
    threads,
  });
  const f = m.dataQuality.files[0];
  rows = f.rows;
}

async function assess(docx) {
  const { runAssessment } = await import('../dist/pipeline/run-assessment.js');
  const r = await runAssessment(rest[0], { cases: file, quiet: true, output: rest[1], json: rest[2], docx: docx ?? null });
  rows = r.result.data_quality.files.find((f) => f.kind === 'cases').rows;
}

const stages = { 'parse:csv-parse': parseWithCsvParse, 'parse:udsv': parseWithUdsv, 'parse:papaparse': parseWithPapaparse, 'parse:tokenizer': parseWithTokenizer, metrics: () => metrics(undefined), 'metrics:1-thread': () => metrics(1), 'metrics:detect': () => metrics(undefined, true), assess: () => assess(), 'assess+docx': () => assess(rest[3]) };
if (!stages[stage]) {
  console.error(`unknown stage ${stage}`);
  process.exit(2);
}
await stages[stage]();
const ms = performance.now() - t0;
const maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ stage, rows, ms: Math.round(ms), maxRssMB: Math.round(maxRssMB) }));
