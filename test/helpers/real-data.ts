/**
 * Where the real data that lives outside the repository is (../shared/realdata, see its README): beside the
 * repository's checkout, or one level further up when the checkout is a work tree in a folder of its own
 * (/work/wt/<name> next to /work/shared). Null when neither has it: the tests that need it are skipped.
 */
import { existsSync } from 'node:fs';

export function realDataFile(name: string): string | null {
  for (const dir of ['../shared/realdata', '../../shared/realdata']) {
    const path = `${dir}/${name}`;
    if (existsSync(path)) return path;
  }
  return null;
}
