/**
 * A small seeded pseudo-random number generator for the synthetic data (sample quarter, benchmarks).
 * mulberry32: a 32-bit state advanced by the odd constant 0x6D2B79F5 and mixed by two multiply–xorshift
 * rounds; period 2^32, plenty for synthetic rows and fully deterministic across platforms (only 32-bit
 * integer arithmetic via Math.imul), so the same seed writes the same bytes everywhere.
 * Not for cryptography.
 *
 * @example const r = new Prng(42); r.next(); // → 0.6011037519201636 (always, for seed 42)
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal draw (Box–Muller; one of the pair is discarded for simplicity and determinism). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1], so the log is finite
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal draw with the given median and log-scale spread σ (median · e^{σZ}). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** An element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Index drawn with probability proportional to weights (non-negative, not all zero). */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}

/**
 * Cumulative sampler for repeated draws from one fixed discrete distribution (faster than weightedIndex
 * when the same weights are used millions of times).
 */
export class WeightedTable<T> {
  private readonly cumulative: number[];
  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || items.length !== weights.length) throw new Error('WeightedTable: items and weights must be non-empty and of equal length');
    let total = 0;
    this.cumulative = weights.map((w) => (total += w));
    if (!(total > 0)) throw new Error('WeightedTable: weights must not all be zero');
    this.cumulative = this.cumulative.map((c) => c / total);
  }
  draw(r: Prng): T {
    const x = r.next();
    const c = this.cumulative;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x < c[mid]) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}
