/**
 * The case reader's part of repeat detection (design §4.1), for the main thread and the worker alike: the fields
 * the keys name (readCases checks them against the header: exit 2).
 * @example detectionContext(settings)?.fields[0] // → { field: 'caller', path: 'repeats.keys[0]' }
 */
import type { ReadContext } from '../io/input.js';
import type { MetricSettings } from '../types.js';

/** What the case reader needs for detection: the hasher, and the fields the keys name. */
export function detectionContext(settings: MetricSettings): ReadContext['detection'] {
  const r = settings.repeats;
  if (!r) return null;
  const fields = [
    ...r.keys.map((field, i) => ({ field, path: `repeats.keys[${i}]` })),
    ...r.mergeKeys.map((field, i) => ({ field, path: `repeats.merge_keys[${i}]` })),
  ];
  return { fields };
}

