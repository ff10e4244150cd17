import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * @simplewebauthn/server is ~425 KB and ~100 ms to load: no answer pays for it but a passkey answer with
 * a credential stored before its SPKI key was kept (its COSE key is decoded with the library's helpers,
 * once). This bundles the trigger Lambda as esbuild would deploy it, with code splitting, and follows
 * static imports from each path: the handler (define, create), the email verifiers and the passkey
 * verifier must not reach the library.
 */
async function bundle(): Promise<Metafile> {
  const result = await build({
    entryPoints: [new URL("../lambda.ts", import.meta.url).pathname],
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    outdir: "/virtual-out",
    write: false,
    metafile: true,
    logLevel: "silent",
    external: ["@aws-sdk/*"],
  });
  return result.metafile;
}

/** Inputs reachable from `output` through static imports only. */
function staticClosure(meta: Metafile, output: string): string[] {
  const seen = new Set<string>();
  const inputs: string[] = [];
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const chunk = meta.outputs[path];
    if (!chunk) return;
    inputs.push(...Object.keys(chunk.inputs));
    for (const imported of chunk.imports) if (imported.kind === "import-statement") visit(imported.path);
  };
  visit(output);
  return inputs;
}

const chunkWith = (meta: Metafile, input: RegExp) =>
  Object.keys(meta.outputs).find((path) => Object.keys(meta.outputs[path]?.inputs ?? {}).some((i) => input.test(i)));

describe("lazy @simplewebauthn/server", () => {
  it("stays off every path's static imports, and is there for older passkeys", { timeout: 60_000 }, async () => {
    const meta = await bundle();
    const webauthn = /@simplewebauthn[+/]server/;
    const entry = Object.keys(meta.outputs).find((path) => meta.outputs[path]?.entryPoint);
    expect(entry).toBeDefined();
    expect(staticClosure(meta, entry as string).filter((input) => webauthn.test(input))).toEqual([]);
    for (const verifier of [
      /verify-magic-link-answer\.ts$/,
      /verify-email-code-answer\.ts$/,
      /verify-passkey-answer\.ts$/,
    ]) {
      const chunk = chunkWith(meta, verifier);
      expect(chunk).toBeDefined();
      expect(staticClosure(meta, chunk as string).filter((input) => webauthn.test(input))).toEqual([]);
    }
    expect(chunkWith(meta, webauthn)).toBeDefined();
  });
});
