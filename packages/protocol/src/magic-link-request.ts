/** The body of POST /magic-links. */
export interface MagicLinkRequest {
  email: string;
  /** The page the link opens; it must be on the api's allowlist. */
  redirectUri: string;
  /** base64url SHA-256 of a verifier the requesting browser keeps, for same-browser links. */
  bindingHash?: string;
  /** The app client the link is for (its audience); default: the first configured one. */
  clientId?: string;
  /** The email's language, a BCP 47 tag such as "de" or "pt-BR". */
  locale?: string;
}

/** The one 202 body of POST /magic-links, whether or not the address belongs to anyone. */
export interface MagicLinkAccepted {
  status: "accepted";
}
