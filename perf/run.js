// `npm run bench`: runs every perf/*.bench.js (each exports `run(args)` or a default function), printing figures.
// Usage: npm run bench [-- name …] [-- --rows 1000000,10000000]; names filter the bench files (e.g. metrics, robustness).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('--') && !/^[\d,]+$/.test(a));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => names.length === 0 || names.some((n) => f.startsWith(n)))
  .sort();
for (const f of files) {
  console.log(`\n== ${f}`);
  const mod = await import(pathToFileURL(join(here, f)).href);
  await (mod.run ?? mod.default)(args);
}
