/**
 * Runs every bench/*.ts in its own fresh Node process (cold-start figures need one) and writes what
 * each prints (one JSON object of figures) to bench-results/results.json.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const only = process.argv.slice(2);
const benches = readdirSync("bench")
  .filter((file) => file.endsWith(".ts"))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

const results: Record<string, unknown> = {};
for (const file of benches) {
  const name = file.replace(/\.ts$/, "");
  process.stdout.write(`bench ${name} ... `);
  const output = execFileSync(process.execPath, ["--import", "tsx", join("bench", file)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lastLine = output.trim().split("\n").at(-1) ?? "{}";
  results[name] = JSON.parse(lastLine);
  process.stdout.write("done\n");
  console.log(JSON.stringify(results[name], null, 2));
}

mkdirSync("bench-results", { recursive: true });
writeFileSync(join("bench-results", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
console.log("figures written to bench-results/results.json");
