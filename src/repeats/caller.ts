/**
 * Callers (design §4.1): compared as a keyed hash of their digits, never kept or written in clear.
 *
 * Normalisation: NFKC (full-width digits become ASCII), then digits only — spaces, dashes, brackets and any other
 * character removed — and a leading `+86` or `86` (the country code) dropped (`+86 138-0013-8000` and `13800138000` are
 * one caller). A cell with no digit left is no caller: the case takes no part in repeat detection.
 * Hash: HMAC-SHA256(key, digits), its first 64 bits in hex (16 characters) — the "short hash" every output shows.
 * With the same key (`repeats.salt` or GOVSCORE_SALT) hashes match across runs.
 * @example normaliseCaller('+86 138-0013-8000') // → '13800138000'
 * @example new CallerHasher('k').hash('13800138000') // → 16 hex characters, the same for every run with key 'k'
 */
import { createHmac, randomBytes } from 'node:crypto';

/** The digits of a caller cell, without a leading +86/86; null when none is left. */
export function normaliseCaller(raw: string | null): string | null {
  if (raw === null) return null;
  let s = raw;
  // Full-width digits (０-９) and the full-width plus fold to ASCII; the common case is ASCII already.
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      s = s.normalize('NFKC');
      break;
    }
  }
  let digits = s.replace(/\D+/g, '');
  // The country code, written +86 or 86 (as §4.1 reads: a leading 86 is removed).
  if (digits.startsWith('86')) digits = digits.slice(2);
  return digits === '' ? null : digits;
}

/** Hashes normalised callers with one key; remembers recent ones (callers come back, which is the point). */
export class CallerHasher {
  private readonly key: Buffer;
  private cache = new Map<string, string>();

  constructor(key: string) {
    this.key = Buffer.from(key, 'utf8');
  }

  hash(digits: string): string {
    let h = this.cache.get(digits);
    if (h === undefined) {
      h = createHmac('sha256', this.key).update(digits).digest('hex').slice(0, 16);
      if (this.cache.size >= 200_000) this.cache = new Map();
      this.cache.set(digits, h);
    }
    return h;
  }

  /** A caller cell straight to its hash; null when it has no digits. */
  hashCell(raw: string | null): string | null {
    const d = normaliseCaller(raw);
    return d === null ? null : this.hash(d);
  }
}

/** A random per-run key, for a run without `repeats.salt` or GOVSCORE_SALT (hashes then differ between runs). */
export function randomCallerKey(): string {
  return randomBytes(32).toString('hex');
}
