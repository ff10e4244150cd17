import type { ClientErrorCode, LinkRefusal } from "@latchkey/client";
import type { ErrorCode } from "@latchkey/protocol";

/** The literal members of a string union, without its catch-all `string & {}`. */
type Literal<T> = T extends string ? (string extends T ? never : T) : never;

/** Every code the api or the client can fail with; any other (a new one, a Cognito name) reads as `unknownError`. */
export type KnownErrorCode = ErrorCode | Literal<ClientErrorCode>;

/** What the person was doing when a sign-in was refused: Cognito refuses every wrong answer alike. */
export type Attempt = "passkey" | "code" | "link";

/**
 * Every word the kit shows, for one language. Values that depend on something are functions, so each
 * language words its own plurals and order.
 */
export interface Strings {
  /** BCP 47 tag of the language, as the `lang` of what the kit renders. */
  lang: string;
  cancel: string;
  close: string;
  tryAgain: string;

  signInTitle: string;
  signInIntro: string;
  emailLabel: string;
  emailMissing: string;
  sendLink: string;
  sending: string;
  or: string;
  passkeyButton: string;
  passkeyWaiting: string;
  passkeyCancelled: string;

  checkEmailTitle: string;
  checkEmailSent: (email: string) => string;
  checkEmailHow: string;
  codeLabel: string;
  codeHint: string;
  codeIncomplete: string;
  codeSubmit: string;
  codeChecking: string;
  codeWrong: (triesLeft: number) => string;
  codeNoTriesLeft: string;
  resend: string;
  resendIn: (seconds: number) => string;
  resent: string;
  otherEmail: string;

  smsTitle: string;
  smsIntro: string;
  phoneLabel: string;
  phoneHint: string;
  phoneMissing: string;
  sendCode: string;
  checkPhoneTitle: string;
  checkPhoneSent: (phoneNumber: string) => string;
  checkPhoneHow: string;
  smsCodeIncomplete: string;
  smsNoTriesLeft: string;
  resendCode: string;
  resentCode: string;
  otherNumber: string;

  linkSigningIn: string;
  linkChecking: string;
  linkRefusedTitle: string;
  linkUnreachableTitle: string;
  linkRefused: Record<LinkRefusal, string>;
  linkBack: string;
  confirmTitle: (account: string) => string;
  confirmOtherBrowser: string;
  confirmOtherUser: (signedInAs: string) => string;
  confirmContinue: (account: string) => string;

  passkeysTitle: string;
  passkeysLoading: string;
  passkeysEmpty: string;
  addPasskey: string;
  adding: string;
  unsupported: string;
  thisDevice: string;
  synced: string;
  created: (date: string) => string;
  lastUsed: (date: string) => string;
  neverUsed: string;
  rename: string;
  renameNamed: (name: string) => string;
  nameLabel: string;
  nameMissing: string;
  save: string;
  saving: string;
  remove: string;
  removeNamed: (name: string) => string;
  removeQuestion: (name: string) => string;
  removeConfirm: string;
  removing: string;
  keep: string;
  added: (name: string) => string;
  renamed: (name: string) => string;
  removed: (name: string) => string;
  /** The name a new passkey gets when its authenticator is not one the AAGUID list knows. */
  deviceName: (browser: string, platform: string) => string;

  offerTitle: string;
  offerBody: string;
  offerAdd: string;
  offerLater: string;

  reverifyTitle: string;
  reverifyIntro: string;
  reverifyPasskey: string;
  reverifySms: string;
  reverifySmsSent: (phoneNumber: string) => string;
  reverifyEmail: string;
  reverifyCodeSent: (email: string) => string;
  reverifyDone: string;

  errors: Record<KnownErrorCode, string>;
  signInFailed: Record<Attempt, string>;
  rateLimited: (seconds: number) => string;
  unknownError: string;
}
