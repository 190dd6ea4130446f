import { vi } from 'vitest';

/** Runs a command function and returns what it wrote to stdout (nothing reaches the terminal). */
export async function captured(f: () => Promise<void>): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await f();
  } finally {
    spy.mockRestore();
  }
  return out;
}
