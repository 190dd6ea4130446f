/**
 * `govscore demo [-o DIR]`: runs the shipped sample quarter (samples/assessment.yaml: 云湖街道 2026Q3, the
 * community-refinement indicator system) exactly as `govscore assess` would, with the outputs redirected into
 * DIR (default govscore-demo/, created if needed): DIR/report.xlsx, DIR/report.docx (the narrative report) and DIR/result.json, then prints the ranking
 * and where the files are. The sample files are found relative to the installed package, so the command works
 * from any folder; they are only read.
 *
 * @throws whatever the assessment throws (ConfigError / DataError with their exit codes)
 * @example await runDemo({ output: 'out' }) // → { workbook: '/abs/out/report.xlsx', json: '/abs/out/result.json', docx: '/abs/out/report.docx' }
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { createProgress } from '../format/progress.js';
import { checkOutputFolder } from '../io/output-set.js';
import { runAssessment } from '../pipeline/run-assessment.js';
import { langOption, parseOptions } from '../pipeline/run-options.js';
import { PACKAGE_ROOT } from '../version.js';
import { printRun, renderRanking } from './assess.js';

const demoOptionsSchema = z.object({
  output: z.string().optional(),
  lang: langOption,
  /** Values only, every sheet protected, 定稿 on the cover (as `assess --final`). */
  final: z.boolean().optional(),
  quiet: z.boolean().optional(),
  verbose: z.boolean().optional(),
});
export type DemoOptions = z.input<typeof demoOptionsSchema>;

/** The sample assessment inside the package. */
export const DEMO_ASSESSMENT = join(PACKAGE_ROOT, 'samples', 'assessment.yaml');

export async function runDemo(opts: DemoOptions | Record<string, unknown> = {}): Promise<{ workbook: string | null; json: string | null; docx: string | null }> {
  const started = Date.now();
  const { output, lang, final, quiet, verbose } = parseOptions(demoOptionsSchema, opts);
  // A file there is a usage error (exit 2); the folder itself is made when the outputs are written.
  await checkOutputFolder(output ?? 'govscore-demo', '-o');
  const dir = resolve(output ?? 'govscore-demo');
  const run = await runAssessment(
    DEMO_ASSESSMENT,
    { output: join(dir, 'report.xlsx'), json: join(dir, 'result.json'), docx: join(dir, 'report.docx'), lang: lang ?? 'zh', final, quiet, verbose },
    () => createProgress('cases', Boolean(quiet)),
  );
  printRun(run, started, Boolean(quiet));
  const { result, workbook, json, issuesCsv, docx } = run;
  if (!quiet) {
    process.stdout.write(
      renderRanking(result) +
        `\nSample quarter: ${DEMO_ASSESSMENT}\n` +
        (workbook ? `workbook:    ${workbook}\n` : '') +
        (issuesCsv ? `issues CSV:  ${issuesCsv}\n` : '') +
        (docx ? `report text: ${docx}\n` : '') +
        (json ? `JSON result: ${json}\n` : '') +
        `Run it on your own data: govscore init my-assessment\n`,
    );
  }
  return { workbook, json, docx };
}
