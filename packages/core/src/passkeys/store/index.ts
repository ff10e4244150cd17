export { consumeChallenge } from "./consume-challenge.ts";
export { deleteCredential } from "./delete-credential.ts";
export { getCredential } from "./get-credential.ts";
export { listCredentials } from "./list-credentials.ts";
export { putCredential } from "./put-credential.ts";
export { readAddressOwner } from "./read-address-owner.ts";
export { MAX_REDEEMED_CHALLENGES, recordSignIn } from "./record-sign-in.ts";
export { renameCredential } from "./rename-credential.ts";
