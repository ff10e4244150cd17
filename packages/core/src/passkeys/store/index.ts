export { consumeChallenge } from "./consume-challenge.ts";
export { deleteCredential } from "./delete-credential.ts";
export { getCredential } from "./get-credential.ts";
export { listCredentials } from "./list-credentials.ts";
export { putCredential } from "./put-credential.ts";
export { recordCredentialUse } from "./record-credential-use.ts";
export { renameCredential } from "./rename-credential.ts";
