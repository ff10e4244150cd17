import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { closeServer, listen } from "./listen.ts";

/** What the browser needs to configure @latchkey/client against this stack. */
export interface BrowserConfig {
  region: string;
  userPoolId: string;
  clientId: string;
  cognitoEndpoint: string;
  apiUrl: string;
  sesUrl: string;
}

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const webRoot = join(repoRoot, "examples/web");
const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

async function bundle(entry: string, globalName?: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: globalName ? "iife" : "esm",
    ...(globalName && { globalName }),
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    sourcemap: "inline",
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

/**
 * Serves the demo (examples/web: public/ files and the bundle of src/main.tsx) and, for tests and
 * quick experiments, /blank.html with the client library as the global `Latchkey`, configured.
 */
export async function startAppServer(options: { port: number; config: BrowserConfig }) {
  const configJson = JSON.stringify(options.config);
  const configure = `Latchkey.configure({cognito:{userPoolId:${JSON.stringify(options.config.userPoolId)},clientId:${JSON.stringify(options.config.clientId)},endpoint:${JSON.stringify(options.config.cognitoEndpoint)}},apiUrl:${JSON.stringify(options.config.apiUrl)}});`;
  const clientEntry = fileURLToPath(new URL("../../client/src/index.ts", import.meta.url));
  const demoEntry = join(webRoot, "src/main.tsx");
  const [clientJs, demoJs] = await Promise.all([
    bundle(clientEntry, "Latchkey").then((js) => `${js}\n${configure}\n`),
    existsSync(demoEntry) ? bundle(demoEntry) : Promise.resolve(undefined),
  ]);
  const routes: Record<string, [string, string]> = {
    "/latchkey-config.json": [types[".json"] as string, configJson],
    "/latchkey-client.js": [types[".js"] as string, clientJs],
    "/blank.html": [
      types[".html"] as string,
      '<!doctype html><meta charset="utf-8"><title>Latchkey</title><script src="/latchkey-client.js"></script>',
    ],
  };
  if (demoJs) routes["/app.js"] = [types[".js"] as string, demoJs];

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const fixed = routes[path];
    if (fixed) {
      res.writeHead(200, { "content-type": fixed[0], "cache-control": "no-store" });
      res.end(fixed[1]);
      return;
    }
    // Static files of the demo; every other path is the single-page app's index.html.
    const file = normalize(join(webRoot, "public", path));
    const inside = file.startsWith(join(webRoot, "public"));
    const target = inside && extname(file) && existsSync(file) ? file : join(webRoot, "public/index.html");
    if (!existsSync(target)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": types[extname(target)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    res.end(readFileSync(target));
  });
  const port = await listen(server, options.port);
  return { url: `http://localhost:${port}`, close: () => closeServer(server) };
}
