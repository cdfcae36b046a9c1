/** Seeded PRNG (mulberry32) so every run seeds the same rows. */
export function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The value whose share of the weights `r` (0 to 1) falls in; the last one past their sum. */
export function pick<T>(r: number, weighted: [T, number][]): T {
  let acc = 0;
  for (const [value, weight] of weighted) if (r < (acc += weight)) return value;
  return weighted.at(-1)![0];
}
