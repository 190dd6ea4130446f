/**
 * LibreOffice headless for the workbook tests: a private user profile whose registrymodifications.xcu sets
 * Calc's "recalculation on file load" for OOXML and ODF to 0 = always (org.openoffice.Office.Calc/Formula/Load,
 * OOXMLRecalcMode / ODFRecalcMode), so a conversion recalculates every formula instead of keeping the cached
 * results. Without soffice on PATH the tests that need it are skipped and say why.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function which(cmd: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

export const SOFFICE = which('soffice') ?? which('libreoffice');
export const hasSoffice = SOFFICE !== null;
export const hasPoppler = which('pdfinfo') !== null && which('pdftoppm') !== null;

if (!hasSoffice) {
  console.warn('govscore report tests: LibreOffice (soffice) is not installed — the recalculation, PDF and repair tests are SKIPPED. Install libreoffice-calc-nogui (.ci/run does) to run them.');
}

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

let profile: Promise<string> | null = null;

/** The private profile folder (created once per test process). */
function profileDir(): Promise<string> {
  profile ??= (async () => {
    const dir = join(tmpdir(), `govscore-lo-profile-${process.pid}`);
    await mkdir(join(dir, 'user'), { recursive: true });
    await writeFile(join(dir, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
    return dir;
  })();
  return profile;
}

/**
 * Converts `input` with LibreOffice (`xlsx`, `pdf`, …) into `outDir`, recalculating on load; returns the output
 * path. Throws when LibreOffice fails or writes nothing (a file it cannot open without repair fails here).
 */
export async function convert(input: string, format: string, outDir: string): Promise<string> {
  const dir = await profileDir();
  const { stdout, stderr } = await run(SOFFICE!, [`-env:UserInstallation=file://${dir}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, input], {
    timeout: 120_000,
  });
  const ext = format.split(':')[0];
  const out = join(outDir, basename(input).replace(/\.[^.]+$/, `.${ext}`));
  if (!/convert .* -> /.test(stdout)) throw new Error(`LibreOffice did not convert ${input}: ${stdout} ${stderr}`);
  return out;
}

export async function pdfPages(pdf: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdf]);
  return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? NaN);
}

/** Text of each page of a PDF (pdftotext, page by page). */
export async function pdfPageTexts(pdf: string, pages: number): Promise<string[]> {
  const out: string[] = [];
  for (let p = 1; p <= pages; p++) out.push((await run('pdftotext', ['-f', String(p), '-l', String(p), '-layout', pdf, '-'])).stdout);
  return out;
}
