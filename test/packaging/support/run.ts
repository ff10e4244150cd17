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

/** npm as an app developer runs it, quiet about audits and funding. */
export const npm = (cwd: string, ...args: string[]) =>
  run("npm", [...args, "--prefer-online", "--no-audit", "--no-fund", "--loglevel=error"], { cwd });
