// A Node 16-style ESM TypeScript module: every import resolves through the packages' exports maps.
import {
  configure,
  getAuthState,
  type LatchkeyClientConfig,
  LatchkeyClientError,
  memoryStorage,
  type SignInMethod,
  signInWithPasskey,
  type Tokens,
} from "@latchkey/client";
import type { ErrorCode } from "@latchkey/protocol";

const config: LatchkeyClientConfig = {
  cognito: { userPoolId: "eu-west-1_AbC123", clientId: "1example23456789" },
  apiUrl: "https://api.example.com",
  storage: memoryStorage(),
};
configure(config);

const method: SignInMethod = "PASSKEY";
export async function signIn(): Promise<Tokens | ErrorCode> {
  try {
    return await signInWithPasskey();
  } catch (error) {
    if (error instanceof LatchkeyClientError) return "BAD_REQUEST";
    throw error;
  }
}
console.log(JSON.stringify({ status: getAuthState().status, method }));
