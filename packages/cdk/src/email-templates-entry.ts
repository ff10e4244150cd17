import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildSync } from "esbuild";
import { handlerEntries } from "./handler-entries.ts";

const problemsModule = new URL("./email-template-problems.ts", import.meta.url).pathname;
const TEMPLATE_NAMES = ["magicLinkEmail", "stepUpEmail", "passkeyNoticeEmail"];

/**
 * Renders the templates module in a Node process of its own (synthesis is synchronous, and the module
 * may be TypeScript) and fails the synthesis with every problem emailTemplateProblems finds.
 */
export function checkEmailTemplates(modulePath: string): string {
  const path = resolve(modulePath);
  if (!existsSync(path)) throw new Error(`Latchkey: email.templates: no such file ${path}`);
  let code: string;
  try {
    const built = buildSync({
      stdin: {
        contents: [
          `import * as templates from ${JSON.stringify(path)};`,
          `import { emailTemplateProblems } from ${JSON.stringify(problemsModule)};`,
          "console.log(JSON.stringify(emailTemplateProblems({ ...templates })));",
        ].join("\n"),
        loader: "ts",
        resolveDir: tmpdir(),
      },
      bundle: true,
      platform: "node",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    code = built.outputFiles[0]?.text ?? "";
  } catch (error) {
    throw new Error(`Latchkey: email.templates: ${path} does not build: ${(error as Error).message}`);
  }
  let output: string;
  try {
    output = execFileSync(process.execPath, ["--input-type=module"], {
      input: code,
      encoding: "utf8",
      stdio: ["pipe", "pipe", "pipe"],
    });
  } catch (error) {
    throw new Error(
      `Latchkey: email.templates: ${path} fails to load: ${(error as { stderr?: string }).stderr ?? error}`,
    );
  }
  const problems = JSON.parse(output.trim().split("\n").at(-1) ?? "[]") as string[];
  if (problems.length > 0) throw new Error(`Latchkey: email.templates (${path}): ${problems.join("; ")}`);
  return path;
}

/**
 * The api's Lambda entry with the module's templates: a file that passes them to the api's
 * lambdaHandler. It lies in a directory named for its content, so the same templates bundle to the
 * same code (and asset hash) on every synthesis.
 */
export function templatedApiEntry(templatesPath: string): string {
  const source = [
    `import { lambdaHandler } from ${JSON.stringify(handlerEntries.apiHandler)};`,
    `import * as templates from ${JSON.stringify(templatesPath)};`,
    `export const handler = lambdaHandler({ ${TEMPLATE_NAMES.map((name) => `${name}: templates.${name}`).join(", ")} });`,
    "",
  ].join("\n");
  const dir = join(tmpdir(), "latchkey-api-entries", createHash("sha256").update(source).digest("hex").slice(0, 16));
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, "index.ts");
  writeFileSync(entry, source);
  return entry;
}
