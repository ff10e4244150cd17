import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { passkeyCountItemKey } from "@latchkey/core";
import { cognitoDirectory } from "@latchkey/core/aws";
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON } from "@latchkey/core/passkeys";
import { linkItemKey } from "@latchkey/core/table";
import type { LocalStack } from "@latchkey/local";
import type { ProxiedCall } from "@latchkey/testkit/faults";
import { type SoftAuthenticator, softAuthenticator } from "@latchkey/testkit/passkeys";
import { blankPageUrl } from "../../e2e/support/blank-page.ts";
import { cognitoClient, customAuthSignIn, type SignInOutcome } from "../../e2e/support/cognito.ts";
import { passkeyAssertion } from "../../e2e/support/passkey-api.ts";
import { nowSeconds, parseSignInMail, requestSignInMail, type SignInMail } from "../../e2e/support/sign-in-by-email.ts";
import { newBrowser, smsCode } from "../../e2e/support/sms.ts";
import { addressHashOf } from "./verdicts.ts";

/** What the api answered, and how long it took. */
export interface ApiAnswer {
  status: number;
  body: unknown;
  ms: number;
}

/** A call to the api from the app's origin, as a page there makes it, timed. */
export async function callApi(
  stack: LocalStack,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<ApiAnswer> {
  const started = performance.now();
  const response = await fetch(`${stack.urls.api}${path}`, {
    method,
    headers: {
      origin: stack.urls.app,
      ...(options.body !== undefined && { "content-type": "application/json" }),
      ...(options.token && { authorization: `Bearer ${options.token}` }),
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, ms: performance.now() - started };
}

/** POST /magic-links for `email`, redirecting to the stack's blank page. */
export const requestLink = (stack: LocalStack, email: string) =>
  callApi(stack, "POST", "/magic-links", { body: { email, redirectUri: blankPageUrl(stack) } });

/** The link and code a sign-in email held, from the SendEmail call that carried it (sent or not). */
export function mailOfCall(call: ProxiedCall): SignInMail {
  const input = JSON.parse(call.body) as { Content: { Simple: { Body: { Text: { Data: string } } } } };
  return parseSignInMail({
    at: 0,
    subject: "",
    destination: { to: [] },
    body: { text: input.Content.Simple.Body.Text.Data },
  });
}

let accounts = 0;

/** A new address, unique in this run. */
export const newEmail = (label: string) => `fault-${label}-${++accounts}-${process.pid}@example.com`;

/**
 * The pool, straight and by an admin client of the test's own: setting up and looking are not under
 * test, so they neither meet a fault nor the short timeouts.
 */
async function atPool<T>(stack: LocalStack, use: (pool: ReturnType<typeof cognitoDirectory>) => Promise<T>) {
  const admin = new CognitoIdentityProviderClient({
    region: stack.region,
    endpoint: stack.urls.cognito,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  try {
    return await use(cognitoDirectory(admin, stack.userPoolId));
  } finally {
    admin.destroy();
  }
}

/** A new account that may sign in, made as sign-up makes it but straight at the pool. */
export async function newAccount(stack: LocalStack, label: string) {
  const email = newEmail(label);
  const user = await atPool(stack, (pool) => pool.createUser(email));
  if (!user) throw new Error(`an account already holds ${email}`);
  return { email, username: user.username };
}

/** The account that signs in with `email`, as the pool has it now. */
export const poolAccount = (stack: LocalStack, email: string) => atPool(stack, (pool) => pool.findByEmail(email));

export type SignInMethod = "EMAIL_CODE" | "MAGIC_LINK" | "PASSKEY" | "SMS_CODE";

/** One CUSTOM_AUTH sign-in, as the browser makes it straight to the pool, timed. */
export async function signIn(
  stack: LocalStack,
  input: { login: string; signInMethod: SignInMethod; answer: string; clientMetadata?: Record<string, string> },
): Promise<{ outcome: SignInOutcome; ms: number }> {
  const cognito = cognitoClient(stack);
  const started = performance.now();
  try {
    const outcome = await customAuthSignIn(cognito, stack.clientId, input);
    return { outcome, ms: performance.now() - started };
  } finally {
    cognito.destroy();
  }
}

let numbers = 0;

/** A new account known by its verified phone number alone (a range of its own), made straight at the pool. */
export async function newPhoneAccount(stack: LocalStack) {
  const phoneNumber = `+4477${String(++numbers).padStart(4, "0")}0123`;
  const user = await atPool(stack, (pool) => pool.createPhoneUser(phoneNumber));
  if (!user) throw new Error(`an account already holds ${phoneNumber}`);
  return { phoneNumber, username: user.username, browser: newBrowser() };
}

export type PhoneAccount = Awaited<ReturnType<typeof newPhoneAccount>>;

/** POST /sms-codes for the account's number, from its browser. */
export const requestSmsCode = (stack: LocalStack, account: PhoneAccount) =>
  callApi(stack, "POST", "/sms-codes", {
    body: { phoneNumber: account.phoneNumber, bindingHash: account.browser.bindingHash },
  });

/** SMS_CODE sign-in with `code`, typed in the account's browser. */
export const signInBySms = (stack: LocalStack, account: PhoneAccount, code: string) =>
  signIn(stack, {
    login: account.phoneNumber,
    signInMethod: "SMS_CODE",
    answer: code,
    clientMetadata: { smsVerifier: account.browser.verifier },
  });

/** Signs in with the code of a new text: what a person does once the fault is gone. */
export async function signInByNewText(stack: LocalStack, account: PhoneAccount): Promise<SignInOutcome> {
  const since = nowSeconds();
  const asked = await requestSmsCode(stack, account);
  if (asked.status !== 202) throw new Error(`POST /sms-codes answered ${asked.status}`);
  return (await signInBySms(stack, account, await smsCode(stack, account.phoneNumber, since))).outcome;
}

/** Whether a sign-in issued tokens. */
export const signedIn = (outcome: SignInOutcome) => "tokens" in outcome;

/** Signs in with the code of a new sign-in email: what a person does once the fault is gone. */
export async function signInByNewMail(stack: LocalStack, email: string): Promise<SignInOutcome> {
  const { code } = await requestSignInMail(stack, email);
  return (await signIn(stack, { login: email, signInMethod: "EMAIL_CODE", answer: code })).outcome;
}

/** A new account signed in by an email code: its access token. */
export async function signedInAccount(stack: LocalStack, label: string) {
  const account = await newAccount(stack, label);
  const outcome = await signInByNewMail(stack, account.email);
  if (!("tokens" in outcome) || !outcome.tokens.AccessToken) throw new Error(`no sign-in: ${JSON.stringify(outcome)}`);
  return { ...account, accessToken: outcome.tokens.AccessToken };
}

export type SignedInAccount = Awaited<ReturnType<typeof signedInAccount>>;

/** Registration as the client makes it, up to the authenticator's response, which the caller sends. */
export async function registrationResponse(stack: LocalStack, account: SignedInAccount, softKey: SoftAuthenticator) {
  const options = await callApi(stack, "POST", "/passkeys/registration/options", {
    token: account.accessToken,
    body: {},
  });
  if (options.status !== 200) throw new Error(`registration options answered ${options.status}`);
  return softKey.register(options.body as PublicKeyCredentialCreationOptionsJSON, { origin: stack.urls.app });
}

export const verifyRegistration = (stack: LocalStack, account: SignedInAccount, response: unknown) =>
  callApi(stack, "POST", "/passkeys/registration/verify", { token: account.accessToken, body: { response } });

/** A signed-in account with one passkey, on a software authenticator. */
export async function accountWithPasskey(stack: LocalStack, label: string) {
  const account = await signedInAccount(stack, label);
  const softKey = softAuthenticator({ resident: true });
  const registered = await verifyRegistration(stack, account, await registrationResponse(stack, account, softKey));
  if (registered.status !== 201) {
    throw new Error(`registration answered ${registered.status} ${JSON.stringify(registered.body)}`);
  }
  return { ...account, softKey };
}

/** A usernameless passkey answer, and the challenge it signs (base64url, as the options carried it). */
export async function passkeyAnswer(stack: LocalStack, softKey: SoftAuthenticator) {
  const answer: AuthenticationResponseJSON = await passkeyAssertion(stack, softKey);
  const clientData = JSON.parse(Buffer.from(answer.response.clientDataJSON, "base64url").toString("utf8"));
  return { answer: JSON.stringify(answer), challenge: clientData.challenge as string };
}

/** The passkeys GET /passkeys lists for the account. */
export async function listedPasskeys(stack: LocalStack, account: SignedInAccount) {
  const listed = await callApi(stack, "GET", "/passkeys", { token: account.accessToken });
  if (listed.status !== 200) throw new Error(`GET /passkeys answered ${listed.status}`);
  return listed.body as { id: string; friendlyName: string }[];
}

/** How many passkey places the account's count says are taken (the cap's count, see reservePasskeySlot). */
export async function passkeyCount(stack: LocalStack, account: { username: string }): Promise<number> {
  const { Item } = await stack.clients.dynamodb.send(
    new GetItemCommand({
      TableName: stack.config.tableName,
      Key: passkeyCountItemKey(account.username),
      ConsistentRead: true,
    }),
  );
  return Number(Item?.passkeys?.N ?? 0);
}

/** Whom the address's lookup names (see lookUpAddress), if anyone: whom its next email goes to unasked. */
export async function lookupNames(stack: LocalStack, email: string): Promise<string | undefined> {
  const { Item } = await stack.clients.dynamodb.send(
    new GetItemCommand({
      TableName: stack.config.tableName,
      Key: linkItemKey({ addressHash: addressHashOf(stack, email) }),
      ConsistentRead: true,
    }),
  );
  return Item?.lookupUser?.S;
}
