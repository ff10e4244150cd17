import { describe, expect, it } from "vitest";
import { newCode } from "./new-code.ts";

/** Pearson's chi-squared statistic of observed counts against a uniform expectation. */
function chiSquared(counts: number[], total: number): number {
  const expected = total / counts.length;
  return counts.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
}

describe("newCode", () => {
  it("draws six digits, each position uniform over 0-9 (chi-squared over 60,000 codes)", () => {
    const draws = 60_000;
    const byPosition = Array.from({ length: 6 }, () => new Array<number>(10).fill(0));
    const halves = [0, 0];
    for (let i = 0; i < draws; i++) {
      const code = newCode();
      expect(code).toMatch(/^\d{6}$/);
      byPosition.forEach((counts, position) => {
        counts[Number(code[position])] = (counts[Number(code[position])] ?? 0) + 1;
      });
      halves[Number(code) < 500_000 ? 0 : 1] = (halves[Number(code) < 500_000 ? 0 : 1] ?? 0) + 1;
    }
    // 9 degrees of freedom: P(chi2 > 40) is about 7.6e-6, so with six positions a fair source fails
    // about once in 20,000 runs, while one that never draws a 9 (randomInt(0, 9) per digit) scores 6,667.
    for (const counts of byPosition) {
      expect(Math.min(...counts)).toBeGreaterThan(0);
      expect(chiSquared(counts, draws)).toBeLessThan(40);
    }
    // And the whole range: codes below 500000 as often as above (1 degree of freedom, P(> 25) < 1e-6).
    expect(chiSquared(halves, draws)).toBeLessThan(25);
  });
});
