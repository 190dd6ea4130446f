/**
 * A small seeded pseudo-random generator, so that a Monte Carlo run is reproducible from its seed on any
 * machine (Math.random cannot be seeded). xoshiro128** (Blackman & Vigna, 2018) over four 32-bit words, its
 * state filled from the seed by splitmix32 so that nearby seeds give unrelated streams.
 * uniform() = next 32-bit output / 2³², in [0, 1).
 * @throws RangeError if the seed is not a safe integer
 * @example const rng = new Xoshiro128(42); rng.uniform(); // → the same number on every run and machine
 */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`the seed must be an integer, got ${seed}`);
    // Fold the high bits of a seed above 2³² into the splitmix32 start so that every safe integer counts.
    let x = (seed >>> 0) ^ Math.imul(Math.floor(seed / 0x1_0000_0000) | 0, 0x9e3779b9);
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    // An all-zero state would emit zeros forever; splitmix32 makes it practically impossible, but be sure.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next 32-bit unsigned output. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
