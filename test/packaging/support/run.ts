import { spawn } from "node:child_process";

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs a command to its end; resolves with its output, rejects with it (and the exit status) on failure. */
export function run(command: string, args: string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: "pipe" });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(" ")} (in ${options.cwd}) exited with ${code}:\n${output}`));
    });
  });
}

/**
 * Installs resolve as the registry stood on this day: the test does not move with every new release of
 * what it installs beside our packages, nor break on a release whose own dependencies the registry does
 * not carry yet (seen: an @aws-sdk client requiring a codec version that was not there).
 */
export const REGISTRY_AS_OF = "2026-11-20";

/**
 * A registry request that stalls is given up after this long and tried again (npm's own default waits
 * five minutes, which is all of a test's time).
 */
const FETCH_TIMEOUT_MS = 30_000;

/** npm as an app developer runs it, quiet about audits and funding, on fresh registry metadata. */
export const npm = (cwd: string, ...args: string[]) =>
  run(
    "npm",
    [
      ...args,
      `--before=${REGISTRY_AS_OF}`,
      "--prefer-online",
      `--fetch-timeout=${FETCH_TIMEOUT_MS}`,
      "--fetch-retries=4",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
    ],
    { cwd },
  );
