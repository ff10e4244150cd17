/** The body of POST /sms-codes. */
export interface SmsCodeRequest {
  /** E.164: `+`, the country code and the number, digits only, e.g. +447700900123. */
  phoneNumber: string;
  /**
   * base64url SHA-256 of a verifier the requesting browser keeps: the code can be tried only with that
   * verifier (ClientMetadata.smsVerifier), so nobody else can use up its tries.
   */
  bindingHash: string;
  /** The app client the code is for; default: the first configured one. */
  clientId?: string;
}

/** The one 202 body of POST /sms-codes, whether or not the number belongs to anyone. */
export interface SmsCodeAccepted {
  status: "accepted";
}
