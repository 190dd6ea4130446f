#!/usr/bin/env node
// Regenerates the sample quarter's data files (cases, survey, ratings, units) from fixed seeds, so they can be
// rebuilt byte for byte: `npm run build:support && node samples/generate.mjs` (the generators are test support,
// test/support/synth/, not part of the shipped engine). The YAML files here are written by hand.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSampleQuarter } from '../dist-support/test/support/synth/sample-quarter.js';

const dir = dirname(fileURLToPath(import.meta.url));
const summary = await writeSampleQuarter(dir);
const faults = Object.entries(summary.cases.faults)
  .filter(([, n]) => n > 0)
  .map(([k, n]) => `${k} ${n}`)
  .join(', ');
process.stdout.write(`cases.csv: ${summary.cases.rows} rows (GBK), faulty: ${faults}; received before the period: ${summary.cases.outOfPeriod}; open: ${summary.cases.open}\n`);
process.stdout.write(`survey.csv: ${summary.respondents} respondents; ratings.csv, ratings-nanhu.csv, units.csv written\n`);
