// Guardian passkeys (WebAuthn, @simplewebauthn/server). A passkey counts as the guardian's only when
// it was registered after the host verified the guardian and each assertion is verified here:
// registration needs the host's proof (its `verifyGuardian(req)` hook or a one-time guardian token
// the host's server issued after its own check, e.g. an SMS code); without either it is refused
// (closed by default). Challenges are kept in the store with an expiry and taken once; credentials
// are kept per subject with their signature counter; user verification is required. A verified
// assertion answers a verdict signed with the intake's Ed25519 receipt key, which the page passes on
// to the host (and into its ledger), and which the host's server checks with `checkVerdict`.
import { createHash, randomBytes, sign, verify } from 'node:crypto';
import { canonicalJson } from './core.mjs';
import { readBody, send } from './http.mjs';
import { jsonDepth } from './schema.mjs';

export const PASSKEY_PURPOSES = ['exit', 'settings', 'change', 'reset', 'unlock', 'purchase', 'consent', 'verify', 'setup'];
const BODY_LIMIT = 64 * 1024;
const sha = (s) => createHash('sha256').update(s).digest('base64url');

/** Check `createIntake({ passkeys })`; throws a TypeError naming the bad option. */
export function passkeyOptions(o) {
  if (!o) return null;
  if (typeof o.rpID !== 'string' || !o.rpID)
    throw new TypeError("createIntake: passkeys.rpID: the relying party id (the site's domain) is required");
  const origins = [o.origin ?? []].flat();
  if (!origins.length || origins.some((x) => typeof x !== 'string' || !/^https?:\/\/[^/]+$/.test(x)))
    throw new TypeError('createIntake: passkeys.origin: the page origin(s), e.g. "https://example.cn" (no path)');
  if (o.verifyGuardian !== undefined && typeof o.verifyGuardian !== 'function')
    throw new TypeError('createIntake: passkeys.verifyGuardian: a function (req, { subject }) => boolean | Promise<boolean>');
  return {
    rpID: o.rpID,
    rpName: o.rpName ?? o.rpID,
    origins,
    verifyGuardian: o.verifyGuardian ?? null,
    userName: o.userName ?? (() => 'guardian'),
    challengeTtlMs: o.challengeTtlMs ?? 120_000,
    verdictTtlMs: o.verdictTtlMs ?? 300_000,
    guardianTokenTtlMs: o.guardianTokenTtlMs ?? 600_000,
  };
}

/** The bytes a verdict's signature covers, and the token `base64url(canonical JSON).signature`. */
function encodeVerdict(verdict, privateKey) {
  const body = Buffer.from(canonicalJson(verdict)).toString('base64url');
  return `${body}.${sign(null, Buffer.from(body), privateKey).toString('base64url')}`;
}

/**
 * Check a verdict token with the intake's public key (a KeyObject): the verdict when the signature
 * holds, it has not expired and it names `subject` and `purpose` where given; else null.
 */
export function checkVerdictWith(publicKey, token, expect = {}, now = Date.now()) {
  if (typeof token !== 'string' || token.length > 4096) return null;
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
  let ok = false;
  try {
    ok = verify(null, Buffer.from(body), publicKey, Buffer.from(sig, 'base64url'));
  } catch {
    return null;
  }
  if (!ok) return null;
  let v;
  try {
    v = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (v?.type !== 'guardian-verdict' || !(Date.parse(v.expiresAt) > now)) return null;
  if (expect.subject !== undefined && v.subject !== expect.subject) return null;
  if (expect.purpose !== undefined && v.purpose !== expect.purpose) return null;
  return v;
}

/**
 * The passkey routes of one intake (`/v1/passkeys/…`).
 */
export async function createPasskeys(options, { store, key, log }) {
  const o = passkeyOptions(options);
  // Loaded only when passkeys are configured: an intake without them never touches WebAuthn code.
  const { generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse } = o
    ? await import('@simplewebauthn/server')
    : {};
  const ps = store.passkeys;
  const closed = (res) =>
    send(res, 404, {
      error: 'not_configured',
      message: o ? `The ${store.kind} store keeps no passkeys` : 'This intake has no guardian passkeys (createIntake({ passkeys }))',
    });
  const bad = (res, status, error, message) => (send(res, status, { error, message }), error);

  async function json(req, res) {
    const read = await readBody(req, BODY_LIMIT);
    if (read.aborted) return null;
    if (read.tooLarge)
      return (send(res, 413, { error: 'too_large', message: `Body over ${BODY_LIMIT} bytes` }, { connection: 'close' }), null);
    const text = read.body.toString('utf8');
    try {
      if (jsonDepth(text, 32) < 0) throw new Error('deep');
      const body = JSON.parse(text);
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
      if (typeof body.subject !== 'string' || !body.subject || body.subject.length > 128)
        return (bad(res, 400, 'invalid', '$.subject: a string of 1 to 128 characters'), null);
      return body;
    } catch {
      return (bad(res, 400, 'bad_json', 'Body is not a JSON object'), null);
    }
  }

  async function newChallenge(subject, purpose, challenge, data) {
    await ps.putChallenge({ id: challenge, subject, purpose, data, expiresAt: new Date(Date.now() + o.challengeTtlMs).toISOString() });
  }

  /** Take the challenge a response signed (once: it is deleted whatever happens next). */
  async function takeChallenge(response, subject, purpose) {
    let challenge;
    try {
      challenge = JSON.parse(Buffer.from(String(response?.response?.clientDataJSON ?? ''), 'base64url').toString('utf8')).challenge;
    } catch {
      return null;
    }
    if (typeof challenge !== 'string' || !challenge || challenge.length > 256) return null;
    const rec = await ps.takeChallenge(challenge);
    if (!rec || rec.purpose !== purpose || rec.subject !== subject || !(Date.parse(rec.expiresAt) > Date.now())) return null;
    return rec;
  }

  async function registrationOptions(req, res) {
    const body = await json(req, res);
    if (!body) return 'invalid';
    const { subject } = body;
    // The host's proof that it verified the guardian: a one-time guardian token, or its hook.
    let proof = null;
    if (typeof body.guardianToken === 'string' && body.guardianToken.length <= 256) {
      const t = await ps.takeChallenge(`gt:${sha(body.guardianToken)}`);
      if (t && t.purpose === 'guardian-token' && t.subject === subject && Date.parse(t.expiresAt) > Date.now()) proof = 'host-token';
    }
    if (!proof && o.verifyGuardian) {
      let ok = false;
      try {
        ok = (await o.verifyGuardian(req, { subject })) === true;
      } catch (err) {
        log('warn', 'passkeys: verifyGuardian threw', { error: err.message });
      }
      if (ok) proof = 'host-verifier';
    }
    if (!proof)
      return bad(
        res,
        403,
        'guardian_not_verified',
        "Registering a guardian passkey needs the host's verification of the guardian (a guardian token or the verifyGuardian hook)",
      );
    const existing = await ps.credentials(subject);
    const options = await generateRegistrationOptions({
      rpName: o.rpName,
      rpID: o.rpID,
      userName: String(o.userName(subject)).slice(0, 64),
      userID: createHash('sha256').update(`aq-guardian:${subject}`).digest(),
      attestationType: 'none',
      timeout: o.challengeTtlMs,
      excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      supportedAlgorithmIDs: [-8, -7, -257],
    });
    await newChallenge(subject, 'registration', options.challenge, { proof });
    send(res, 200, { options });
    return 'registration-options';
  }

  async function registrationVerify(req, res) {
    const body = await json(req, res);
    if (!body) return 'invalid';
    const { subject, response } = body;
    const rec = await takeChallenge(response, subject, 'registration');
    if (!rec) return bad(res, 400, 'challenge_invalid', 'Unknown, used or expired challenge (or one for another subject)');
    let result;
    try {
      result = await verifyRegistrationResponse({
        response,
        expectedChallenge: rec.id,
        expectedOrigin: o.origins,
        expectedRPID: o.rpID,
        requireUserVerification: true,
      });
    } catch (err) {
      return bad(res, 400, 'not_verified', `Registration not verified: ${err.message}`);
    }
    if (!result.verified) return bad(res, 400, 'not_verified', 'Registration not verified');
    const cred = result.registrationInfo.credential;
    const createdAt = new Date().toISOString();
    const added = await ps.addCredential({
      id: cred.id,
      subject,
      publicKey: Buffer.from(cred.publicKey).toString('base64url'),
      counter: cred.counter,
      transports: response.response?.transports ?? cred.transports ?? [],
      proof: rec.data.proof,
      createdAt,
    });
    if (!added) return bad(res, 409, 'credential_exists', 'This credential is already registered');
    log('info', 'passkey registered', { proof: rec.data.proof });
    send(res, 201, { credentialId: cred.id, subject, registeredAt: createdAt, level: 'guardian', proof: rec.data.proof });
    return 'registered';
  }

  async function authenticationOptions(req, res) {
    const body = await json(req, res);
    if (!body) return 'invalid';
    const purpose = body.purpose ?? 'verify';
    if (!PASSKEY_PURPOSES.includes(purpose)) return bad(res, 400, 'invalid', `$.purpose: one of ${PASSKEY_PURPOSES.join(', ')}`);
    const creds = await ps.credentials(body.subject);
    if (!creds.length) return bad(res, 404, 'no_credential', 'No guardian passkey is registered for this subject');
    const options = await generateAuthenticationOptions({
      rpID: o.rpID,
      allowCredentials: creds.map((c) => ({ id: c.id, transports: c.transports })),
      userVerification: 'required',
      timeout: o.challengeTtlMs,
    });
    await newChallenge(body.subject, 'authentication', options.challenge, { purpose });
    send(res, 200, { options });
    return 'authentication-options';
  }

  async function authenticationVerify(req, res) {
    const body = await json(req, res);
    if (!body) return 'invalid';
    const { subject, response } = body;
    const rec = await takeChallenge(response, subject, 'authentication');
    if (!rec) return bad(res, 400, 'challenge_invalid', 'Unknown, used or expired challenge (or one for another subject)');
    const cred = typeof response?.id === 'string' ? await ps.credential(response.id) : null;
    // Another subject's passkey never verifies this subject's guardian.
    if (!cred || cred.subject !== subject) return bad(res, 403, 'wrong_credential', 'Not a guardian passkey of this subject');
    let result;
    try {
      result = await verifyAuthenticationResponse({
        response,
        expectedChallenge: rec.id,
        expectedOrigin: o.origins,
        expectedRPID: o.rpID,
        credential: {
          id: cred.id,
          publicKey: Buffer.from(cred.publicKey, 'base64url'),
          counter: cred.counter,
          transports: cred.transports,
        },
        requireUserVerification: true,
      });
    } catch (err) {
      return bad(res, 400, 'not_verified', `Assertion not verified: ${err.message}`);
    }
    if (!result.verified) return bad(res, 400, 'not_verified', 'Assertion not verified');
    const now = new Date();
    // The counter moves forward once: a cloned authenticator or a concurrent replay loses here.
    if (!(await ps.setCounter(cred.id, cred.counter, result.authenticationInfo.newCounter, now.toISOString())))
      return bad(res, 409, 'counter_conflict', 'The credential was used concurrently; retry');
    const verdict = {
      v: 1,
      type: 'guardian-verdict',
      channel: 'passkey',
      level: 'guardian',
      subject,
      purpose: rec.data.purpose,
      credentialId: cred.id,
      verifiedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + o.verdictTtlMs).toISOString(),
      nonce: randomBytes(12).toString('base64url'),
      keyId: key.keyId,
    };
    send(res, 200, { ok: true, verdict: encodeVerdict(verdict, key.privateKey), ...verdict });
    return 'verified';
  }

  const ROUTES = {
    '/v1/passkeys/registration/options': registrationOptions,
    '/v1/passkeys/registration/verify': registrationVerify,
    '/v1/passkeys/authentication/options': authenticationOptions,
    '/v1/passkeys/authentication/verify': authenticationVerify,
  };

  return {
    configured: Boolean(o && ps),
    paths: Object.keys(ROUTES),
    /** Answer a passkey route (one of `paths`). */
    async route(req, res, path) {
      const handler = ROUTES[path];
      if (req.method !== 'POST') return send(res, 405, { error: 'method', message: 'POST only' }, { allow: 'POST' });
      if (!o || !ps) return closed(res);
      return handler(req, res);
    },
    /**
     * The host's server, after it verified the guardian by its own means (SMS code to the guardian,
     * account login): a one-time token that lets the page register one guardian passkey for `subject`.
     */
    async issueGuardianToken(subject) {
      if (!o || !ps) throw new Error('issueGuardianToken: this intake has no guardian passkeys (createIntake({ passkeys }))');
      if (typeof subject !== 'string' || !subject || subject.length > 128)
        throw new TypeError('issueGuardianToken: subject: 1 to 128 characters');
      const token = randomBytes(24).toString('base64url');
      await ps.putChallenge({
        id: `gt:${sha(token)}`,
        subject,
        purpose: 'guardian-token',
        data: {},
        expiresAt: new Date(Date.now() + o.guardianTokenTtlMs).toISOString(),
      });
      return token;
    },
    /** The subject's guardian passkeys (id, counter, created, last used; no keys). */
    async credentials(subject) {
      return ps ? (await ps.credentials(subject)).map(({ publicKey: _k, ...c }) => c) : [];
    },
  };
}
