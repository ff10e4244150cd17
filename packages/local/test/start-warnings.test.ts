import { describe, expect, it } from "vitest";
import { originWarnings, portInUseMessage } from "../src/start-warnings.ts";

const ports = { app: 3000, api: 3001, cognito: 9229, dynamodb: 8000, ses: 8005 };

describe("the start command's warnings", () => {
  it("name the service and the setting when a port is taken", () => {
    const error = Object.assign(new Error("listen EADDRINUSE"), { code: "EADDRINUSE", port: 8000 });
    expect(portInUseMessage(error, ports)).toBe(
      "port 8000 (dynamodb) is in use: stop what holds it, or set LATCHKEY_LOCAL_DYNAMODB_PORT to another port (0 takes a free one)",
    );
    expect(portInUseMessage({ code: "EADDRINUSE", port: 1 }, ports)).toBe("port 1 is in use: stop what holds it");
  });

  it("leave every other failure to its own message", () => {
    expect(portInUseMessage(new Error("boom"), ports)).toBeUndefined();
    expect(portInUseMessage(undefined, ports)).toBeUndefined();
    expect(portInUseMessage({ code: "EACCES", port: 80 }, ports)).toBeUndefined();
  });

  it("warn of origins on an IP address, where passkeys cannot work, and of no other", () => {
    expect(
      originWarnings(["http://127.0.0.1:5173", "http://localhost:5173", "http://[::1]:3000", "https://app.test"]),
    ).toEqual([
      "http://127.0.0.1:5173: passkeys do not work on an IP address; open http://localhost:5173 instead (email sign-in works on both)",
      "http://[::1]:3000: passkeys do not work on an IP address; open http://localhost:3000 instead (email sign-in works on both)",
    ]);
  });
});
