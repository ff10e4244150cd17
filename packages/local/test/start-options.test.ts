import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseStartOptions, StartOptionsError } from "../src/start-options.ts";

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseStartOptions(argv, env, "/repo/.local-stack.json");

describe("the start command's options", () => {
  it("runs on the documented ports with the default state file and no extra origin", () => {
    expect(parse([])).toEqual({
      ports: { app: 3000, api: 3001, admin: 3002, cognito: 9229, dynamodb: 8000, ses: 8005, sms: 8006, events: 8007 },
      origins: [],
      env: {},
      stateFile: "/repo/.local-stack.json",
    });
  });

  it("takes origins from --origin (both spellings) and LATCHKEY_LOCAL_ORIGINS", () => {
    const options = parse(["--origin", "http://localhost:5173", "--origin=https://app.test:8443/"], {
      LATCHKEY_LOCAL_ORIGINS: "http://127.0.0.1:4200",
    });
    expect(options.origins).toEqual(["http://127.0.0.1:4200", "http://localhost:5173", "https://app.test:8443"]);
  });

  it("passes every LATCHKEY_* setting but the local stack's own to the config", () => {
    const options = parse([], {
      LATCHKEY_RP_NAME: "Mine",
      LATCHKEY_LINK_BINDING: "same-browser",
      LATCHKEY_LOCAL_API_PORT: "4001",
      LATCHKEY_LOCAL_STATE_FILE: "/tmp/state.json",
      LATCHKEY_LOCAL_DATA_DIR: "/tmp/data",
      PATH: "/usr/bin",
    });
    expect(options.env).toEqual({ LATCHKEY_RP_NAME: "Mine", LATCHKEY_LINK_BINDING: "same-browser" });
    expect(options.ports?.api).toBe(4001);
    expect(options.stateFile).toBe("/tmp/state.json");
    expect(options.dataDir).toBe("/tmp/data");
  });

  it("takes LATCHKEY_* settings from --set after the environment's, and a demo directory", () => {
    const options = parse(["--set", "LATCHKEY_RP_NAME=Flag", "--set=LATCHKEY_LOCALE=de", "--demo", "examples/web"], {
      LATCHKEY_RP_NAME: "Env",
    });
    expect(options.env).toEqual({ LATCHKEY_RP_NAME: "Flag", LATCHKEY_LOCALE: "de" });
    expect(options.demo).toBe(resolve("examples/web"));
  });

  it("takes paths from the current directory", () => {
    const options = parse([], { LATCHKEY_LOCAL_STATE_FILE: "state.json", LATCHKEY_LOCAL_DATA_DIR: "data" });
    expect(options.stateFile).toBe(resolve("state.json"));
    expect(options.dataDir).toBe(resolve("data"));
  });

  it("answers --help with the usage alone", () => {
    expect(parse(["--origin", "http://localhost:5173", "--help"])).toEqual({
      stateFile: "/repo/.local-stack.json",
      help: true,
    });
  });

  it.each([
    [["--origin", "localhost:5173"], "--origin localhost:5173: give an origin only, e.g. http://localhost:5173"],
    [["--origin", "not a url"], "--origin not a url: not a URL (expected e.g. http://localhost:5173)"],
    [
      ["--origin", "http://localhost:5173/app"],
      "--origin http://localhost:5173/app: give an origin only, e.g. http://localhost:5173",
    ],
    [["--origin"], "--origin : not a URL (expected e.g. http://localhost:5173)"],
    [["--port", "1"], "unknown option --port (see --help)"],
    [["--set", "RP_NAME=x"], "--set RP_NAME=x: give a LATCHKEY_* setting as NAME=VALUE, e.g. LATCHKEY_RP_NAME=Mine"],
    [
      ["--set", "LATCHKEY_LOCAL_API_PORT=1"],
      "--set LATCHKEY_LOCAL_API_PORT=1: give a LATCHKEY_* setting as NAME=VALUE, e.g. LATCHKEY_RP_NAME=Mine",
    ],
    [
      ["--set", "LATCHKEY_RP_NAME"],
      "--set LATCHKEY_RP_NAME: give a LATCHKEY_* setting as NAME=VALUE, e.g. LATCHKEY_RP_NAME=Mine",
    ],
    [["--demo"], "--demo: give the demo app's directory"],
  ])("refuses %j with a message for the terminal", (argv, message) => {
    expect(() => parse(argv)).toThrow(new StartOptionsError(message));
  });

  it("refuses a port that is not one", () => {
    expect(() => parse([], { LATCHKEY_LOCAL_APP_PORT: "http" })).toThrow(
      new StartOptionsError("LATCHKEY_LOCAL_APP_PORT=http: not a port"),
    );
  });
});
