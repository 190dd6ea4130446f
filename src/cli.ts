/**
 * Wires commander and nothing else: each command's action lazily imports its module from src/commands/
 * and calls one function. Errors become exit codes here, in one place (src/errors.ts has the table).
 */
import { Command, CommanderError } from 'commander';
import { EXIT, UsageError, exitCodeOf, isGovscoreError } from './errors.js';
import * as log from './log.js';
import { VERSION } from './version.js';
import { MATRIX_WEIGHT_METHOD_IDS } from './scoring/weights/weight-methods.js';

/** Every input is optional (design §3.1); the command needs at least one of --cases, --survey, --ratings. */
function addInputOptions(cmd: Command): Command {
  return cmd
    .option('--cases <file>', 'case log (CSV in UTF-8/GBK, or XLSX)')
    .option('--survey <file>', 'resident satisfaction survey (one row per respondent)')
    .option('--ratings <file>', 'qualitative ratings (unit, indicator, rater, value)')
    .option('--units <file>', 'unit registry (unit, name, parent, population)')
    .option('--period <p>', 'assessment period: 2026Q3, 2026-09 or 2026-09-01..2026-10-31 (inclusive)')
    .option('--as-of <datetime>', 'cut-off (default: end of the period)')
    .option('--calendar <file>', 'working-day calendar JSON {"holidays": [...], "workdays": [...]} merged on the built-in one')
    .option('--weekends-only', 'outside the built-in calendar years, treat only Saturdays and Sundays as non-working days')
    .option('--map <file>', 'column mapping file (YAML): headers, value maps, date formats, constants')
    .option('--indicators <file>', 'indicator system (YAML) whose time limits and levels the metrics use')
    .option('--encoding <enc>', 'force the CSV encoding (utf8, gbk, gb18030); detected when omitted')
    .option('--sheet <name>', 'XLSX sheet to read (default: the first)')
    // No commander default: it would override an assessment file's max_reject; 5 is applied after merging.
    .option('--max-reject <percent>', "stop (exit 3) if more than this share of a file's rows is rejected (default: the assessment file's max_reject, else 5)")
    .option('--threads <n>', 'threads for a CSV case log of 32 MiB or more: 1 reads it in one pass, 2 reads its halves in parallel (default: 2 on a multi-core machine)')
    .option('--json <path>', 'write the JSON result to a file, or - for stdout');
}

function addCommonFlags(cmd: Command): Command {
  return cmd.option('-q, --quiet', 'no progress or summary on stderr').option('-v, --verbose', 'more detail; stack traces on unexpected errors');
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('govscore')
    .description('Third-party assessment of grassroots social governance: metrics, indicator scoring, robustness and an Excel report.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  addCommonFlags(
    addInputOptions(
      program.command('metrics').description('compute the per-unit case, survey and rating metrics'),
    ),
  ).action(async (opts: Record<string, unknown>) => {
    const { runMetrics } = await import('./commands/metrics.js');
    await runMetrics(opts);
  });

  addCommonFlags(
    addInputOptions(
      program
        .command('assess')
        .description('run a whole assessment from its assessment file: scores, grades, ranks, workbook and JSON')
        .argument('<assessment>', 'assessment file (YAML)'),
    ),
  )
    .option('-o, --output <file>', 'workbook to write (.xlsx)')
    .option('--lang <lang>', 'report language: zh or en')
    .option('--final', 'final version to sign: values only, every sheet protected, 定稿 on the cover')
    .option('--docx <file>', 'also write the narrative report (报告正文) as a Word document (.docx)')
    .option('--docx-font <name>', 'body font of the .docx (default 仿宋; e.g. 宋体); headings are 黑体')
    .option('--chart-font <file>', 'CJK font file the .docx charts are drawn with (default: Noto Sans CJK of fonts-noto-cjk)')
    .option('--previous <file>', 'JSON result of an earlier period, for deltas')
    .option('--seed <n>', 'seed of the Monte Carlo robustness check')
    .option('--draws <n>', 'Monte Carlo draws (default 1000; 0 turns the check off)')
    .option('--perturbation <x>', 'relative size of the weight perturbation (default 0.2)')
    .action(async (file: string, opts: Record<string, unknown>) => {
      const { runAssess } = await import('./commands/assess.js');
      await runAssess(file, opts);
    });

  addCommonFlags(
    addInputOptions(
      program
        .command('sensitivity')
        .description('run an assessment with the uncertainty and sensitivity analysis: what moves the ranks (issue 16)')
        .argument('<assessment>', 'assessment file (YAML); robustness.uncertainty sets what to vary'),
    ),
  )
    .option('-o, --output <file>', 'workbook to write (.xlsx)')
    .option('--lang <lang>', 'report language: zh or en')
    .option('--samples <n>', 'N base samples of the Saltelli design (draws = N × (inputs + 2); default 256)')
    .option('--seed <n>', 'seed of the sampling')
    .option('--draws <n>', 'Monte Carlo draws of the weight-only check (default 1000; 0 turns it off)')
    .action(async (file: string, opts: Record<string, unknown>) => {
      const { runSensitivity } = await import('./commands/sensitivity.js');
      await runSensitivity(file, opts);
    });

  addCommonFlags(
    program
      .command('demo')
      .description('run the shipped sample quarter and write its workbook and JSON result')
      .option('-o, --output <dir>', 'output folder', 'govscore-demo')
      .option('--lang <lang>', 'report language: zh or en', 'zh')
      .option('--final', 'final version to sign: values only, every sheet protected, 定稿 on the cover'),
  ).action(async (opts: Record<string, unknown>) => {
    const { runDemo } = await import('./commands/demo.js');
    await runDemo(opts);
  });

  addCommonFlags(
    program
      .command('init')
      .description('write a starter assessment file, an indicator system and a column-mapping template to edit')
      .argument('[dir]', 'folder to write into', '.')
      .option('--force', 'overwrite existing files'),
  ).action(async (dir: string, opts: Record<string, unknown>) => {
    const { runInit } = await import('./commands/init.js');
    await runInit(dir, opts);
  });

  addCommonFlags(
    program
      .command('weights')
      .description(`weights from a plain matrix: ahp (pairwise matrices), ${MATRIX_WEIGHT_METHOD_IDS.slice(0, -1).join(', ')} or ${MATRIX_WEIGHT_METHOD_IDS.at(-1)} (units × indicators CSV)`)
      .argument('<method>', ['ahp', ...MATRIX_WEIGHT_METHOD_IDS].join(' | '))
      .argument('<file>', 'CSV or YAML')
      .option('--cost <cols>', 'comma-separated cost (smaller-is-better) columns')
      .option('--ahp-method <m>', 'AHP weights: eigenvector (default), sum_product (和积法), geometric (方根法)')
      .option('--ri <table>', 'AHP random-index table: saaty (default) or chinese')
      .option('--allow-inconsistent', 'report CR ≥ 0.10 instead of failing')
      .option('--json <path>', 'write JSON to a file, or - for stdout'),
  ).action(async (method: string, file: string, opts: Record<string, unknown>) => {
    const { runWeights } = await import('./commands/weights.js');
    await runWeights(method, file, opts);
  });

  addCommonFlags(
    program
      .command('rank')
      .description('rank the rows of a units × indicators CSV by weighted sum, TOPSIS, VIKOR, grey relational analysis or RSR')
      .argument('<file>', 'CSV: first column row labels, header the indicator names')
      .requiredOption('--weights <list>', 'COL=W,… (normalised)')
      .option('--cost <cols>', 'comma-separated cost (smaller-is-better) columns')
      .option('--method <m>', 'wsm (weighted sum of min–max scores), topsis, vikor, gra (grey relational) or rsr (rank-sum ratio)', 'wsm')
      .option('--v <v>', 'VIKOR: weight of group utility against individual regret, 0..1 (default 0.5)')
      .option('--rho <rho>', 'grey relational analysis: distinguishing coefficient, (0, 1] (default 0.5)')
      .option('--tiers <k>', 'RSR: number of 档 for the probit grouping, 2..10 (default 3)')
      .option('--json <path>', 'write JSON to a file, or - for stdout'),
  ).action(async (file: string, opts: Record<string, unknown>) => {
    const { runRank } = await import('./commands/rank.js');
    await runRank(file, opts);
  });

  addCommonFlags(
    addInputOptions(
      program
        .command('compare')
        .description('compare alternative weightings (scenarios) of an assessment side by side')
        .argument('<assessment>', 'assessment file (YAML)'),
    ),
  )
    .requiredOption('--scenarios <file>', 'scenarios file (YAML)')
    .option('-o, --output <file>', 'comparison workbook (.xlsx)')
    .option('--lang <lang>', 'report language: zh or en')
    .action(async (file: string, opts: Record<string, unknown>) => {
      const { runCompare } = await import('./commands/compare.js');
      await runCompare(file, opts);
    });

  for (const cmd of program.commands) {
    cmd.exitOverride().showSuggestionAfterError(true);
    cmd.hook('preAction', (_this, action) => log.setLogLevel(action.opts()));
  }
  return program;
}

/** Runs the CLI and sets process.exitCode; never calls process.exit so pending output is flushed. */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    process.exitCode = process.exitCode ?? EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version arrive here as "errors" with exit code 0.
      process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    if (isGovscoreError(e)) {
      log.error(e.describe());
    } else {
      const err = e as Error;
      log.error(`unexpected failure: ${err?.message ?? String(e)}`);
      if (log.isVerbose() && err?.stack) process.stderr.write(err.stack + '\n');
      else process.stderr.write('  (run again with --verbose for the stack trace)\n');
    }
    process.exitCode = exitCodeOf(e);
  }
}

export { UsageError };
