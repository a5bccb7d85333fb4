// A software WebAuthn authenticator for the intake's Node suites: ES256 keys from node:crypto,
// 'none' attestation, a signature counter, and switches to play a broken or hostile client (wrong
// origin or rpId, no user verification, a counter that goes back). It answers the JSON the server's
// options ask for, in the shape a browser's PublicKeyCredential.toJSON() gives.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

const b64u = (b) => Buffer.from(b).toString('base64url');
const sha256 = (b) => createHash('sha256').update(b).digest();

/** A minimal CBOR encoder: unsigned and negative integers, byte and text strings, maps. */
function cbor(v) {
  const head = (major, n) => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 256) return Buffer.from([(major << 5) | 24, n]);
    if (n < 65536) return Buffer.from([(major << 5) | 25, n >> 8, n & 255]);
    throw new Error('cbor: too long');
  };
  if (typeof v === 'number') return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === 'string') {
    const b = Buffer.from(v, 'utf8');
    return Buffer.concat([head(3, b.length), b]);
  }
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return Buffer.concat([head(2, v.length), Buffer.from(v)]);
  if (v instanceof Map) return Buffer.concat([head(5, v.size), ...[...v].flatMap(([k, x]) => [cbor(k), cbor(x)])]);
  throw new Error(`cbor: cannot encode ${typeof v}`);
}

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

export function softAuthenticator({ origin, rpId } = {}) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const id = randomBytes(16);
  let counter = 0;
  const cose = cbor(
    new Map([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x, 'base64url')],
      [-3, Buffer.from(jwk.y, 'base64url')],
    ]),
  );
  const counterBytes = (n) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const clientData = (type, challenge, o) => Buffer.from(JSON.stringify({ type, challenge, origin: o, crossOrigin: false }));

  return {
    id: b64u(id),
    get counter() {
      return counter;
    },
    /** Answer registration options (navigator.credentials.create). */
    create(options, { origin: o = origin, rpId: r = rpId ?? options.rp.id, uv = true } = {}) {
      const authData = Buffer.concat([
        sha256(r),
        Buffer.from([UP | (uv ? UV : 0) | AT]),
        counterBytes(counter),
        Buffer.alloc(16),
        Buffer.from([id.length >> 8, id.length & 255]),
        id,
        cose,
      ]);
      const attestationObject = cbor(
        new Map([
          ['fmt', 'none'],
          ['attStmt', new Map()],
          ['authData', authData],
        ]),
      );
      return {
        id: b64u(id),
        rawId: b64u(id),
        type: 'public-key',
        response: {
          clientDataJSON: b64u(clientData('webauthn.create', options.challenge, o)),
          attestationObject: b64u(attestationObject),
          transports: ['internal'],
        },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      };
    },
    /** Answer authentication options (navigator.credentials.get); `counter` sets the signed counter. */
    get(options, { origin: o = origin, rpId: r = rpId ?? options.rpId, uv = true, counter: c } = {}) {
      counter = c ?? counter + 1;
      const authData = Buffer.concat([sha256(r), Buffer.from([UP | (uv ? UV : 0)]), counterBytes(counter)]);
      const cd = clientData('webauthn.get', options.challenge, o);
      const signature = sign('sha256', Buffer.concat([authData, sha256(cd)]), privateKey);
      return {
        id: b64u(id),
        rawId: b64u(id),
        type: 'public-key',
        response: {
          clientDataJSON: b64u(cd),
          authenticatorData: b64u(authData),
          signature: b64u(signature),
        },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      };
    },
  };
}
