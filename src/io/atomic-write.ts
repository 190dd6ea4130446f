import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile, open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * (A run's outputs go through src/io/output-set.ts, which checks them first and writes them all or none; this is
 * for a lone file outside such a set.)
 * Write an output atomically: the bytes go to a temporary file in the same folder, which is renamed over the
 * target only once it is complete. A failed run leaves the previous output (if any) untouched and no partial file.
 */
export async function writeFileAtomic(target: string, produce: (tmpPath: string) => Promise<void>): Promise<void> {
  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.govscore-tmp-${basename(target)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await produce(tmp);
    // Flush to disk before the rename so a crash cannot leave a renamed but empty file.
    const fh = await open(tmp, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Atomic write of a string or bytes. */
export async function writeAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await writeFileAtomic(target, (tmp) => writeFile(tmp, data));
}
