import { vi } from "vitest";

/**
 * While a fuzz run lasts: the info lines of the api, triggers and emulator (thousands of refusals)
 * kept out of the test output, and every error line kept, because one means something failed inside
 * even when the answer looked ordinary.
 */
export function captureLogs() {
  const errors: string[] = [];
  const info = vi.spyOn(console, "info").mockImplementation(() => {});
  const error = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args.map((arg) => (arg instanceof Error ? (arg.stack ?? arg.message) : String(arg))).join(" "));
  });
  return {
    errors,
    restore() {
      info.mockRestore();
      error.mockRestore();
    },
  };
}
