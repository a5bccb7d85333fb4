// The WebAuthn round trips of the guardian passkey (loaded only when a guardian uses one): options
// from the intake, navigator.credentials.create/get with user verification required, the response
// back to the intake as JSON. See passkey.ts.
import type { PasskeyOutcome } from './passkey.js';
import type { GuardianPurpose } from './pin.js';

const b64u = (buf: ArrayBuffer | ArrayBufferView): string => {
  const bytes = buf instanceof ArrayBuffer ? new Uint8Array(buf) : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const fromB64u = (s: string): Uint8Array<ArrayBuffer> => {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
};

interface CredentialDescriptorJSON {
  id: string;
  type?: string;
  transports?: string[];
}

interface CreationJSON {
  challenge: string;
  user: { id: string; name: string; displayName: string };
  excludeCredentials?: CredentialDescriptorJSON[];
  authenticatorSelection?: AuthenticatorSelectionCriteria;
  [k: string]: unknown;
}

interface RequestJSON {
  challenge: string;
  allowCredentials?: CredentialDescriptorJSON[];
  [k: string]: unknown;
}

const descriptors = (list: CredentialDescriptorJSON[] | undefined): PublicKeyCredentialDescriptor[] =>
  (list ?? []).map((c) => ({ id: fromB64u(c.id), type: 'public-key', transports: c.transports as AuthenticatorTransport[] }));

type Call = (path: string, body: Record<string, unknown>) => Promise<{ status: number; body: Record<string, unknown> }>;

/** POST JSON to the intake's passkey routes. */
export function caller(endpoint: string, f: typeof fetch = fetch): Call {
  return async (path, body) => {
    const res = await f(`${endpoint}/v1/passkeys/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    let json: Record<string, unknown> = {};
    try {
      json = (await res.json()) as Record<string, unknown>;
    } catch {}
    return { status: res.status, body: json };
  };
}

/** One intake call; a network failure is null (the flow reports `unavailable`). */
async function attempt(call: Call, route: string, body: Record<string, unknown>): Promise<Awaited<ReturnType<Call>> | null> {
  try {
    return await call(route, body);
  } catch {
    return null;
  }
}

/** A credential as the intake reads it (buffers base64url): clientDataJSON plus its kind's fields. */
function credentialJSON(cred: PublicKeyCredential, fields: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    id: cred.id,
    rawId: b64u(cred.rawId),
    type: cred.type,
    response: { clientDataJSON: b64u(cred.response.clientDataJSON), ...fields },
    clientExtensionResults: cred.getClientExtensionResults(),
    ...extra,
  };
}

/** Registration options (with the host's proof), create, verify: the credential id when the intake registered it. */
export async function registerFlow(call: Call, subject: string, guardianToken?: string): Promise<PasskeyOutcome> {
  const start = await attempt(call, 'registration/options', { subject, ...(guardianToken ? { guardianToken } : {}) });
  if (!start) return { ok: false, reason: 'unavailable' };
  if (start.status === 403) return { ok: false, reason: 'guardian-not-verified' };
  if (start.status !== 200) return { ok: false, reason: 'unavailable' };
  const o = start.body.options as CreationJSON;
  let cred: PublicKeyCredential | null;
  try {
    cred = (await navigator.credentials.create({
      publicKey: {
        ...o,
        challenge: fromB64u(o.challenge),
        user: { ...o.user, id: fromB64u(o.user.id) },
        excludeCredentials: descriptors(o.excludeCredentials),
        authenticatorSelection: { ...o.authenticatorSelection, userVerification: 'required' },
      } as unknown as PublicKeyCredentialCreationOptions,
    })) as PublicKeyCredential | null;
  } catch {
    return { ok: false, reason: 'cancelled' };
  }
  if (!cred) return { ok: false, reason: 'cancelled' };
  const r = cred.response as AuthenticatorAttestationResponse;
  const response = credentialJSON(
    cred,
    { attestationObject: b64u(r.attestationObject), transports: r.getTransports?.() ?? [] },
    { authenticatorAttachment: cred.authenticatorAttachment ?? undefined },
  );
  const done = await attempt(call, 'registration/verify', { subject, response });
  if (!done) return { ok: false, reason: 'unavailable' };
  if (done.status !== 201) return { ok: false, reason: 'not-verified' };
  return { ok: true, credentialId: String(done.body.credentialId) };
}

/** Authentication options, get, verify: the intake's verdict when it verified the assertion. */
export async function verifyFlow(call: Call, subject: string, purpose: GuardianPurpose): Promise<PasskeyOutcome> {
  const start = await attempt(call, 'authentication/options', { subject, purpose });
  if (!start) return { ok: false, reason: 'unavailable' };
  if (start.status === 404) return { ok: false, reason: 'no-credential' };
  if (start.status !== 200) return { ok: false, reason: 'unavailable' };
  const o = start.body.options as RequestJSON;
  let cred: PublicKeyCredential | null;
  try {
    cred = (await navigator.credentials.get({
      publicKey: {
        ...o,
        challenge: fromB64u(o.challenge),
        allowCredentials: descriptors(o.allowCredentials),
        userVerification: 'required',
      } as unknown as PublicKeyCredentialRequestOptions,
    })) as PublicKeyCredential | null;
  } catch {
    return { ok: false, reason: 'cancelled' };
  }
  if (!cred) return { ok: false, reason: 'cancelled' };
  const r = cred.response as AuthenticatorAssertionResponse;
  const response = credentialJSON(cred, {
    authenticatorData: b64u(r.authenticatorData),
    signature: b64u(r.signature),
    ...(r.userHandle ? { userHandle: b64u(r.userHandle) } : {}),
  });
  const done = await attempt(call, 'authentication/verify', { subject, response });
  if (!done) return { ok: false, reason: 'unavailable' };
  if (done.status !== 200 || typeof done.body.verdict !== 'string') return { ok: false, reason: 'not-verified' };
  return { ok: true, verdict: done.body.verdict, credentialId: cred.id };
}
