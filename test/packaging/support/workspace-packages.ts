import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./run.ts";

const packagesDir = new URL("../../../packages/", import.meta.url).pathname;

export interface LibraryPackage {
  name: string;
  dir: string;
}

/** The workspace's published packages: every one under packages/ that is not private. */
export function libraryPackages(): LibraryPackage[] {
  return readdirSync(packagesDir)
    .map((entry) => join(packagesDir, entry))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name as string, dir }));
}

/**
 * `pnpm pack` of each library package into `destination` (its prepack script builds it first):
 * the tarballs as the registry would serve them, workspace versions resolved. By package name.
 */
export async function packLibraries(destination: string): Promise<Record<string, string>> {
  const packed = libraryPackages().map(async ({ name, dir }) => {
    const output = await run("pnpm", ["pack", "--pack-destination", destination], { cwd: dir });
    const tarball = output.trim().split("\n").at(-1);
    if (!tarball?.endsWith(".tgz")) throw new Error(`pnpm pack of ${name} named no tarball:\n${output}`);
    return [name, tarball] as const;
  });
  return Object.fromEntries(await Promise.all(packed));
}
