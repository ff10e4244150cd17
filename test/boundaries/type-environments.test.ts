/**
 * Each package is type-checked for the runtime it ships to: the client with the browser's globals and
 * no Node types, the server packages with Node's and no DOM. A probe file, compiled with a package's
 * own tsconfig as if it sat in its src, finds only its runtime's globals.
 */
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

/** Parsed declaration files (lib, @types/node), shared by the programs below: parsing them is the slow part. */
const parsedFiles = new Map<string, ts.SourceFile | undefined>();

/**
 * The type errors of each probe (file name to code) in `<package>/src`, compiled together with the
 * package's tsconfig.json.
 */
function typeErrors(pkg: string, probes: Record<string, string>): Record<string, string[]> {
  const configFile = join(root, pkg, "tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  });
  if (!parsed) throw new Error(`${configFile} does not parse`);
  const files = new Map(Object.entries(probes).map(([name, code]) => [join(dirname(configFile), "src", name), code]));
  const options = { ...parsed.options, composite: false, emitDeclarationOnly: false, incremental: false, noEmit: true };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, language, ...rest) => {
    const code = files.get(file);
    if (code !== undefined) return ts.createSourceFile(file, code, language);
    if (!parsedFiles.has(file)) parsedFiles.set(file, getSourceFile(file, language, ...rest));
    return parsedFiles.get(file);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => files.has(file) || fileExists(file);
  const program = ts.createProgram({ rootNames: [...files.keys()], options, host });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return Object.fromEntries(
    [...files.keys()].map((file) => [
      file.slice(file.lastIndexOf("/") + 1),
      diagnostics
        .filter((diagnostic) => diagnostic.file?.fileName === file)
        .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")),
    ]),
  );
}

const usesNode = "export const node = [process.env.HOME, Buffer.from(''), __dirname];\n";
const usesDom = "export const dom = [document.title, window.location.href, navigator.credentials];\n";
const usesShared = "export const shared = [fetch, crypto.randomUUID(), new URL('https://example.com'), TextEncoder];\n";

describe("type environments", () => {
  it("give the client the browser's globals and no Node types", () => {
    expect(typeErrors("packages/client", { "own.ts": usesDom + usesShared, "foreign.ts": usesNode })).toEqual({
      "own.ts": [],
      "foreign.ts": [
        expect.stringMatching(/^Cannot find name 'process'/),
        expect.stringMatching(/^Cannot find name 'Buffer'/),
        expect.stringMatching(/^Cannot find name '__dirname'/),
      ],
    });
  });

  it("give the protocol neither Node's globals nor the DOM's", () => {
    expect(typeErrors("packages/protocol", { "node.ts": usesNode, "dom.ts": usesDom })).toEqual({
      "node.ts": [
        expect.stringMatching(/^Cannot find name 'process'/),
        expect.stringMatching(/^Cannot find name 'Buffer'/),
        expect.stringMatching(/^Cannot find name '__dirname'/),
      ],
      "dom.ts": [
        expect.stringMatching(/^Cannot find name 'document'/),
        expect.stringMatching(/^Cannot find name 'window'/),
        expect.stringMatching(/^Cannot find name 'navigator'/),
      ],
    });
  });

  for (const pkg of ["core", "triggers", "api", "local", "cdk"]) {
    it(`give ${pkg} Node's globals and no DOM`, () => {
      expect(typeErrors(`packages/${pkg}`, { "own.ts": usesNode + usesShared, "foreign.ts": usesDom })).toEqual({
        "own.ts": [],
        "foreign.ts": [
          expect.stringMatching(/^Cannot find name 'document'/),
          expect.stringMatching(/^Cannot find name 'window'/),
          expect.stringMatching(/^Cannot find name 'navigator'/),
        ],
      });
    });
  }
});
