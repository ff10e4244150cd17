import { randomInt } from "node:crypto";

/**
 * The seed of this run: LATCHKEY_FUZZ_SEED when set (to replay a failure), else a fresh one, so that
 * every run explores new inputs and a failure names the seed that reproduces it.
 */
export function fuzzSeed(): number {
  const given = process.env.LATCHKEY_FUZZ_SEED;
  if (given === undefined || given === "") return randomInt(2 ** 31);
  const seed = Number(given);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`LATCHKEY_FUZZ_SEED=${given}: not a seed`);
  return seed;
}

/** How a failing run is replayed: with the seed it printed. */
export const replayHint = (seed: number, file: string) =>
  `seed ${seed}; replay with LATCHKEY_FUZZ_SEED=${seed} pnpm vitest run ${file}`;

/** A small, fast, seeded generator (sfc32): the same seed gives the same inputs, on every machine. */
export function seededRandom(seed: number) {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();

  const int = (max: number) => Math.floor(next() * max);
  return {
    /** 0 <= n < max. */
    int,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error("pick from nothing");
      return items[int(items.length)] as T;
    },
    bytes: (length: number) => Uint8Array.from({ length }, () => int(256)),
    /** An independent generator for one part of the run, so parts do not shift each other's inputs. */
    fork: () => seededRandom(int(2 ** 31)),
  };
}

export type Random = ReturnType<typeof seededRandom>;
