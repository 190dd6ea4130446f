/**
 * Address normalisation for merge detection (design §4.1): NFKC (full-width letters, digits and signs become
 * half-width), then every white space and punctuation character removed; no case folding. An address with nothing
 * left is no address: the case takes no part in merge detection by address.
 * @example normaliseAddress('幸福路 １２号（东门）') // → '幸福路12号东门'
 */
export function normaliseAddress(raw: string | null): string | null {
  if (raw === null) return null;
  const s = raw.normalize('NFKC').replace(/[\s\p{P}]+/gu, '');
  return s === '' ? null : s;
}
