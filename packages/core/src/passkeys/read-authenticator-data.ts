/** The parts of an assertion's authenticator data that sign-in checks. */
export interface AssertionAuthenticatorData {
  rpIdHash: Uint8Array;
  flags: { up: boolean; uv: boolean; be: boolean; bs: boolean };
  counter: number;
}

const FIXED_LENGTH = 37;
const ATTESTED_CREDENTIAL_DATA = 0x40;
const EXTENSION_DATA = 0x80;
const CBOR_MAP = 0xa0;

/**
 * An assertion's authenticator data read as WebAuthn lays it out: rpIdHash (32 bytes), flags (1), the
 * big-endian signature counter (4), then extensions when the ED flag says so; undefined when it is not
 * that. An assertion carries no attested credential data, so the AT flag is refused. The extensions are
 * never read (the signature covers them): with ED they must start as a CBOR map, without it nothing may
 * follow the counter.
 */
export function readAuthenticatorData(data: Uint8Array): AssertionAuthenticatorData | undefined {
  if (data.length < FIXED_LENGTH) return undefined;
  const flags = data[32] as number;
  if (flags & ATTESTED_CREDENTIAL_DATA) return undefined;
  const extended = (flags & EXTENSION_DATA) !== 0;
  if (extended ? ((data[FIXED_LENGTH] ?? 0) & 0xe0) !== CBOR_MAP : data.length !== FIXED_LENGTH) return undefined;
  return {
    rpIdHash: data.subarray(0, 32),
    flags: { up: (flags & 0x01) !== 0, uv: (flags & 0x04) !== 0, be: (flags & 0x08) !== 0, bs: (flags & 0x10) !== 0 },
    counter: new DataView(data.buffer, data.byteOffset + 33, 4).getUint32(0),
  };
}
