import { SESv2ServiceException } from "@aws-sdk/client-sesv2";
import { afterEach, describe, expect, it, vi } from "vitest";
import { errorFields, log } from "./log.ts";

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("log", () => {
  it("masks every email address and phone number in a line, a dependency's words and causes included", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    // SES's refusal in its sandbox names the recipient; End User Messaging's may name the number.
    const rejected = new SESv2ServiceException({
      name: "MessageRejected",
      $fault: "client",
      $metadata: {},
      message:
        "Email address is not verified. The following identities failed the check in region EU-WEST-1: alice.smith@example.com",
    });
    const wrapped = new Error("Could not send the text to +447700900123; try again later.", { cause: rejected });
    log("error", "request failed", { ...errorFields(wrapped), to: ["bob@example.org"] });
    const line = String(error.mock.calls[0]?.[0]);
    for (const address of ["alice.smith@example.com", "bob@example.org", "+447700900123"]) {
      expect(line).not.toContain(address);
    }
    const parsed = JSON.parse(line);
    expect(parsed.message).toBe("Could not send the text to +44•••23; try again later.");
    expect(parsed.cause.message).toContain("failed the check in region EU-WEST-1: a•••h@example.com");
    expect(parsed.to).toEqual(["b•••b@example.org"]);
  });

  it("writes through the global console, where tests and the local stack read it", () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    log("info", "hello", { n: 1 });
    expect(info.mock.calls).toEqual([['{"level":"info","msg":"hello","n":1}']]);
  });

  it("writes each line as it is to the process's stdout under Lambda's JSON log format, which would wrap console output", () => {
    vi.stubEnv("AWS_LAMBDA_LOG_FORMAT", "JSON");
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const written: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    log("info", "request", { flow: "health" });
    expect(info).not.toHaveBeenCalled();
    expect(written).toEqual(['{"level":"info","msg":"request","flow":"health"}\n']);
  });
});
