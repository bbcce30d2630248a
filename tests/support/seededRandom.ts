/**
 * A small, fast, deterministic pseudo-random generator (mulberry32): generated meetings,
 * benchmark libraries, typing rhythms and fuzz payloads come out the same on every run, so a
 * failure can be replayed and figures compared.
 */

/** Returns a generator of numbers in [0, 1) determined by `seed`. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
