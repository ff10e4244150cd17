import {
  constants,
  createHash,
  generateKeyPairSync,
  type KeyObject,
  privateEncrypt,
  randomBytes,
  sign,
} from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { answerJson, FAKE_KMS_KEY_ID, readJsonBody } from "@latchkey/testkit/faults";

/** The AWS sample's link-signing key, as its CDK stack names its KMS key (an alias). */
export const SAMPLE_KMS_KEY_ID = "alias/passwordless-bench";

interface BenchKey {
  spec: string;
  algorithm: string;
  messageType: "RAW" | "DIGEST";
  privateKey: KeyObject;
  publicKey: KeyObject;
  sign(message: Buffer, key: KeyObject): Buffer;
}

/**
 * AWS KMS cannot run here, and testkit's fake KMS holds only Latchkey's key. This one speaks the same
 * slice of KMS's JSON 1.1 protocol (GetPublicKey, Sign) for both stacks under bench, so both pay a KMS
 * round trip per link as they do in AWS: Latchkey's ECC_NIST_P256 key (ECDSA_SHA_256 over the RAW
 * message) and the sample's RSA_2048 key (RSASSA_PSS_SHA_512 over a SHA-512 DIGEST it sends).
 */
export async function startBenchKms() {
  const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keys: Record<string, BenchKey> = {
    [FAKE_KMS_KEY_ID]: {
      spec: "ECC_NIST_P256",
      algorithm: "ECDSA_SHA_256",
      messageType: "RAW",
      ...ec,
      sign: (message, key) => sign("sha256", message, key),
    },
    [SAMPLE_KMS_KEY_ID]: {
      spec: "RSA_2048",
      algorithm: "RSASSA_PSS_SHA_512",
      messageType: "DIGEST",
      ...rsa,
      sign: pssSignDigest,
    },
  };
  const server = createServer(async (req, res) => {
    const operation = String(req.headers["x-amz-target"] ?? "");
    const input = await readJsonBody(req).catch(() => undefined);
    const key = typeof input?.KeyId === "string" ? keys[input.KeyId] : undefined;
    if (!input || !key) return answerJson(res, 400, { __type: "NotFoundException", message: "Key not found." });
    if (operation === "TrentService.GetPublicKey") {
      return answerJson(res, 200, {
        KeyId: input.KeyId,
        KeySpec: key.spec,
        KeyUsage: "SIGN_VERIFY",
        SigningAlgorithms: [key.algorithm],
        PublicKey: key.publicKey.export({ format: "der", type: "spki" }).toString("base64"),
      });
    }
    if (
      operation === "TrentService.Sign" &&
      input.SigningAlgorithm === key.algorithm &&
      input.MessageType === key.messageType &&
      typeof input.Message === "string"
    ) {
      const signature = key.sign(Buffer.from(input.Message, "base64"), key.privateKey);
      return answerJson(res, 200, {
        KeyId: input.KeyId,
        SigningAlgorithm: key.algorithm,
        Signature: signature.toString("base64"),
      });
    }
    return answerJson(res, 400, { __type: "ValidationException", message: `${operation} is not supported here.` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * RSASSA-PSS over a digest KMS is handed (RFC 8017 9.1.1, SHA-512, MGF1-SHA-512, a 64-byte salt):
 * node:crypto only signs whole messages with PSS, so the encoding is made here and the raw RSA
 * operation done by privateEncrypt without padding. The sample verifies it with node's RSA-SHA512 PSS.
 */
function pssSignDigest(digest: Buffer, key: KeyObject): Buffer {
  const emLength = 256;
  const salt = randomBytes(64);
  const h = createHash("sha512")
    .update(Buffer.concat([Buffer.alloc(8), digest, salt]))
    .digest();
  const db = Buffer.concat([Buffer.alloc(emLength - salt.length - h.length - 2), Buffer.of(1), salt]);
  const mask = mgf1(h, db.length);
  for (let i = 0; i < db.length; i++) db[i] = (db[i] as number) ^ (mask[i] as number);
  db[0] = (db[0] as number) & 0x7f;
  const encoded = Buffer.concat([db, h, Buffer.of(0xbc)]);
  return privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, encoded);
}

function mgf1(seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * 64 < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    blocks.push(
      createHash("sha512")
        .update(Buffer.concat([seed, c]))
        .digest(),
    );
  }
  return Buffer.concat(blocks).subarray(0, length);
}
