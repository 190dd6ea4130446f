/** Clips a score to the 0..100 range every leaf score lives in. @example clipScore(104) // → 100 */
export function clipScore(x: number): number {
  return x < 0 ? 0 : x > 100 ? 100 : x;
}

/** The non-null values of a column, for methods that compare units with each other. */
export function present(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null);
}
