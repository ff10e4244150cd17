import { generateKeyPairSync, sign } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { answerJson, readJsonBody } from "./aws-json-exchange.ts";

/** The key a fake KMS holds, as Latchkey's config names it (LATCHKEY_KMS_KEY_ID). */
export const FAKE_KMS_KEY_ID = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/**
 * AWS KMS cannot run here: this server speaks just enough of its JSON 1.1 protocol (X-Amz-Target
 * TrentService.*) for what Latchkey's KMS signer calls, with one real ECC_NIST_P256 key: GetPublicKey
 * (the SPKI DER key) and Sign (ECDSA_SHA_256 over the RAW message, DER-encoded, as KMS signs). Blobs
 * travel base64, as the protocol carries them. Anything else is a ValidationException.
 */
export async function startFakeKms() {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const server = createServer(async (req, res) => {
    const operation = String(req.headers["x-amz-target"] ?? "");
    const input = await readJsonBody(req).catch(() => undefined);
    if (!input || input.KeyId !== FAKE_KMS_KEY_ID) {
      answerJson(res, 400, { __type: "NotFoundException", message: "Key not found." });
    } else if (operation === "TrentService.GetPublicKey") {
      answerJson(res, 200, {
        KeyId: FAKE_KMS_KEY_ID,
        KeySpec: "ECC_NIST_P256",
        KeyUsage: "SIGN_VERIFY",
        SigningAlgorithms: ["ECDSA_SHA_256"],
        PublicKey: publicKey.export({ format: "der", type: "spki" }).toString("base64"),
      });
    } else if (
      operation === "TrentService.Sign" &&
      input.SigningAlgorithm === "ECDSA_SHA_256" &&
      input.MessageType === "RAW" &&
      typeof input.Message === "string"
    ) {
      const signature = sign("sha256", Buffer.from(input.Message, "base64"), privateKey);
      answerJson(res, 200, {
        KeyId: FAKE_KMS_KEY_ID,
        SigningAlgorithm: "ECDSA_SHA_256",
        Signature: signature.toString("base64"),
      });
    } else {
      answerJson(res, 400, { __type: "ValidationException", message: `${operation} is not supported here.` });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
