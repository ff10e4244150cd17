import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { extname, join, normalize } from "node:path";
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
  smsUrl: string;
}

// The installed client package: its sources in this workspace, its build where the stack is installed.
const clientEntry = createRequire(import.meta.url).resolve("@latchkey/client");
const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** A browser bundle of `entry`: its JavaScript, and the CSS it imports (esbuild puts that beside it). */
async function bundle(entry: string, globalName?: string): Promise<{ js: string; css: string | undefined }> {
  const result = await build({
    entryPoints: { app: entry },
    bundle: true,
    write: false,
    outdir: "bundle",
    format: globalName ? "iife" : "esm",
    ...(globalName && { globalName }),
    platform: "browser",
    target: "es2022",
    jsx: "automatic",
    sourcemap: "inline",
    logLevel: "silent",
  });
  const output = (extension: string) => result.outputFiles.find((file) => file.path.endsWith(extension))?.text;
  return { js: output(".js") ?? "", css: output(".css") };
}

export interface AppServerOptions {
  port: number;
  config: BrowserConfig;
  /**
   * A demo app's directory: its public/ files, and the bundle of its src/main.tsx as /app.js, with
   * the CSS that imports (a UI kit's stylesheet, its own) as /app.css.
   */
  demo?: string | undefined;
}

/**
 * Serves /latchkey-config.json, the client library as the global `Latchkey`, configured, in
 * /latchkey-client.js and on /blank.html (for tests and quick experiments), and a demo app if given.
 */
export async function startAppServer(options: AppServerOptions) {
  const configJson = JSON.stringify(options.config);
  const configure = `Latchkey.configure({cognito:{userPoolId:${JSON.stringify(options.config.userPoolId)},clientId:${JSON.stringify(options.config.clientId)},endpoint:${JSON.stringify(options.config.cognitoEndpoint)}},apiUrl:${JSON.stringify(options.config.apiUrl)}});`;
  const { demo } = options;
  const [clientJs, demoBundle] = await Promise.all([
    bundle(clientEntry, "Latchkey").then(({ js }) => `${js}\n${configure}\n`),
    demo ? bundle(join(demo, "src/main.tsx")) : Promise.resolve(undefined),
  ]);
  const routes: Record<string, [string, string]> = {
    "/latchkey-config.json": [types[".json"] as string, configJson],
    "/latchkey-client.js": [types[".js"] as string, clientJs],
    "/blank.html": [
      types[".html"] as string,
      '<!doctype html><meta charset="utf-8"><title>Latchkey</title><script src="/latchkey-client.js"></script>',
    ],
  };
  if (demoBundle) routes["/app.js"] = [types[".js"] as string, demoBundle.js];
  if (demoBundle?.css !== undefined) routes["/app.css"] = [types[".css"] as string, demoBundle.css];

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const fixed = routes[path];
    if (fixed) {
      res.writeHead(200, { "content-type": fixed[0], "cache-control": "no-store" });
      res.end(fixed[1]);
      return;
    }
    // Static files of the demo; every other path is the single-page app's index.html.
    const target = demo && demoFile(join(demo, "public"), path);
    if (!target) {
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

/** The public file a path names, else the single-page app's index.html; undefined when neither exists. */
function demoFile(root: string, path: string): string | undefined {
  const file = normalize(join(root, path));
  const target = file.startsWith(root) && extname(file) && existsSync(file) ? file : join(root, "index.html");
  return existsSync(target) ? target : undefined;
}
