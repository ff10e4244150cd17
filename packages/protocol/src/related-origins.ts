/**
 * The body of GET /.well-known/webauthn: the origins outside the first RP ID's domain that may use it
 * (WebAuthn related origin requests). Browsers fetch it from https://<RP ID>/.well-known/webauthn.
 */
export interface RelatedOrigins {
  origins: string[];
}
