const ratio = (ours: number, sample: number) => (sample === 0 ? null : Math.round((ours / sample) * 100) / 100);

/**
 * Prints the figures as a table on stderr, where `pnpm bench` shows it (it keeps stdout for the JSON),
 * and returns them with their ratios ours/sample.
 */
export function printTable(figures: Record<string, { ours: number; sample: number }>) {
  const width = Math.max(...Object.keys(figures).map((figure) => figure.length));
  const cell = (value: number | null) => String(value ?? "-").padStart(9);
  const lines = [`${"figure".padEnd(width)}      ours    sample  ours/sample`];
  const withRatios: Record<string, { ours: number; sample: number; ratio: number | null }> = {};
  for (const [figure, { ours, sample }] of Object.entries(figures)) {
    withRatios[figure] = { ours, sample, ratio: ratio(ours, sample) };
    lines.push(`${figure.padEnd(width)} ${cell(ours)} ${cell(sample)} ${cell(ratio(ours, sample))}`);
  }
  console.error(`\n${lines.join("\n")}\n`);
  return withRatios;
}
