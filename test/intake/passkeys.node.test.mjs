// Guardian passkeys on the intake, against every store (memory, SQLite, PostgreSQL in a throwaway
// cluster), with real @simplewebauthn/server verification of what a software authenticator signs.
// Played as the child: registering without the host's proof, replaying a challenge or an assertion,
// answering for another origin, rpId or subject, skipping user verification, a counter that goes back.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createIntake, verifyGuardianVerdict } from '@anquan/intake';
import { startPostgres } from '../harness/pg.mjs';
import { serve } from './helpers.mjs';
import { softAuthenticator } from './soft-authenticator.mjs';

const ORIGIN = 'https://guardian.example';
const RP = 'guardian.example';
const dir = mkdtempSync(join(tmpdir(), 'aq-passkeys-'));
let pg;
before(async () => {
  pg = await startPostgres();
});
after(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let dbn = 0;
const STORES = {
  memory: () => ({ memory: true }),
  sqlite: () => ({ sqlite: join(dir, `p${++dbn}.sqlite`) }),
  postgres: () => ({ postgres: { connectionString: pg.url, max: 5 } }),
};

const postJson = async (base, path, body, headers = {}) => {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
};

for (const [name, storeOptions] of Object.entries(STORES)) {
  describe(`guardian passkeys: ${name} store`, () => {
    let intake;
    let srv;
    let n = 0;
    // The host's own session check: a request carrying this header comes from a guardian the host verified.
    const HOST_SESSION = { 'x-host-guardian-session': 'verified-by-sms' };
    before(async () => {
      intake = await createIntake({
        ...storeOptions(),
        pruneEveryMs: 0,
        logLevel: 'silent',
        passkeys: {
          rpID: RP,
          origin: ORIGIN,
          verifyGuardian: (req) => req.headers['x-host-guardian-session'] === 'verified-by-sms',
        },
      });
      srv = await serve(intake);
    });
    after(async () => {
      await srv?.close();
      await intake?.close();
    });
    const subject = () => `${name}-child-${++n}-${Date.now()}`;
    const post = (path, body, headers) => postJson(srv.base, `/v1/passkeys/${path}`, body, headers);

    /** The guardian's passkey, registered after the host verified the guardian (a one-time token). */
    async function register(sub, auth = softAuthenticator({ origin: ORIGIN })) {
      const guardianToken = await intake.passkeys.issueGuardianToken(sub);
      const opts = await post('registration/options', { subject: sub, guardianToken });
      assert.equal(opts.status, 200, JSON.stringify(opts.body));
      const done = await post('registration/verify', { subject: sub, response: auth.create(opts.body.options) });
      assert.equal(done.status, 201, JSON.stringify(done.body));
      return auth;
    }
    const authOptions = async (sub, purpose = 'exit') => {
      const r = await post('authentication/options', { subject: sub, purpose });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.options;
    };

    it('[CAC-MINOR-entry-exit] a host-verified guardian registers a passkey; its assertion, verified by the intake, gives a signed verdict for that subject and purpose', async () => {
      const sub = subject();
      const auth = await register(sub);
      const opts = await authOptions(sub, 'exit');
      assert.equal(opts.userVerification, 'required');
      assert.deepEqual(
        opts.allowCredentials.map((c) => c.id),
        [auth.id],
      );
      const r = await post('authentication/verify', { subject: sub, response: auth.get(opts) });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.channel, 'passkey');
      assert.equal(r.body.level, 'guardian');
      const v = intake.passkeys.checkVerdict(r.body.verdict, { subject: sub, purpose: 'exit' });
      assert.equal(v?.credentialId, auth.id);
      assert.equal(intake.passkeys.checkVerdict(r.body.verdict, { subject: 'someone-else' }), null);
      assert.equal(intake.passkeys.checkVerdict(r.body.verdict, { purpose: 'settings' }), null);
      assert.ok(verifyGuardianVerdict(r.body.verdict, intake.publicKey, { subject: sub }));
      // A verdict edited by the page (another subject) no longer verifies.
      const [body, sig] = r.body.verdict.split('.');
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), subject: 'other' })).toString(
        'base64url',
      );
      assert.equal(intake.passkeys.checkVerdict(`${forged}.${sig}`), null);
      const creds = await intake.passkeys.credentials(sub);
      assert.equal(creds.length, 1);
      assert.equal(creds[0].counter, 1);
    });

    it("[CAC-MINOR-entry-exit] the child registering a passkey without the host's proof is refused (no token, a made-up token, the token of another subject)", async () => {
      const sub = subject();
      const none = await post('registration/options', { subject: sub });
      assert.equal(none.status, 403);
      assert.equal(none.body.error, 'guardian_not_verified');
      const guessed = await post('registration/options', { subject: sub, guardianToken: 'A'.repeat(32) });
      assert.equal(guessed.status, 403);
      const othersToken = await intake.passkeys.issueGuardianToken(`${sub}-sibling`);
      const stolen = await post('registration/options', { subject: sub, guardianToken: othersToken });
      assert.equal(stolen.status, 403);
      // Without a registration there is nothing to assert with.
      const nothing = await post('authentication/options', { subject: sub, purpose: 'exit' });
      assert.equal(nothing.status, 404);
      assert.equal(nothing.body.error, 'no_credential');
      // The host's own session hook is the other proof.
      const hooked = await post('registration/options', { subject: sub }, HOST_SESSION);
      assert.equal(hooked.status, 200);
    });

    it('a guardian token registers once: the second use is refused', async () => {
      const sub = subject();
      const guardianToken = await intake.passkeys.issueGuardianToken(sub);
      assert.equal((await post('registration/options', { subject: sub, guardianToken })).status, 200);
      assert.equal((await post('registration/options', { subject: sub, guardianToken })).status, 403);
    });

    it('a replayed registration challenge is refused, and a challenge asked for one subject does not register another', async () => {
      const sub = subject();
      const auth = softAuthenticator({ origin: ORIGIN });
      const opts = await post('registration/options', { subject: sub }, HOST_SESSION);
      const response = auth.create(opts.body.options);
      const other = await post('registration/verify', { subject: `${sub}-other`, response });
      assert.equal(other.status, 400);
      assert.equal(other.body.error, 'challenge_invalid');
      // The challenge was taken by that attempt: even the right subject cannot use it now.
      const again = await post('registration/verify', { subject: sub, response });
      assert.equal(again.status, 400);
      assert.equal(again.body.error, 'challenge_invalid');
      const fresh = await post('registration/options', { subject: sub }, HOST_SESSION);
      const ok = await post('registration/verify', { subject: sub, response: auth.create(fresh.body.options) });
      assert.equal(ok.status, 201);
      const replay = await post('registration/verify', { subject: sub, response: auth.create(fresh.body.options) });
      assert.equal(replay.status, 400);
      assert.equal(replay.body.error, 'challenge_invalid');
    });

    it('[CAC-MINOR-entry-exit] a replayed assertion is refused (the challenge is single-use)', async () => {
      const sub = subject();
      const auth = await register(sub);
      const opts = await authOptions(sub);
      const response = auth.get(opts);
      assert.equal((await post('authentication/verify', { subject: sub, response })).status, 200);
      const replay = await post('authentication/verify', { subject: sub, response });
      assert.equal(replay.status, 400);
      assert.equal(replay.body.error, 'challenge_invalid');
    });

    it('wrong origin or wrong rpId is refused, at registration and at assertion', async () => {
      const sub = subject();
      const auth = softAuthenticator({ origin: ORIGIN });
      let opts = await post('registration/options', { subject: sub }, HOST_SESSION);
      let r = await post('registration/verify', {
        subject: sub,
        response: auth.create(opts.body.options, { origin: 'https://evil.example' }),
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'not_verified');
      opts = await post('registration/options', { subject: sub }, HOST_SESSION);
      r = await post('registration/verify', { subject: sub, response: auth.create(opts.body.options, { rpId: 'evil.example' }) });
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'not_verified');
      await register(sub, auth);
      r = await post('authentication/verify', {
        subject: sub,
        response: auth.get(await authOptions(sub), { origin: 'https://evil.example' }),
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'not_verified');
      r = await post('authentication/verify', { subject: sub, response: auth.get(await authOptions(sub), { rpId: 'evil.example' }) });
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'not_verified');
    });

    it("[CAC-MINOR-entry-exit] a passkey assertion for another subject fails: the child's own passkey does not verify the guardian of this subject", async () => {
      const guarded = subject();
      await register(guarded);
      const childsOwn = subject();
      const child = await register(childsOwn);
      const opts = await authOptions(guarded, 'exit');
      const r = await post('authentication/verify', { subject: guarded, response: child.get(opts) });
      assert.equal(r.status, 403);
      assert.equal(r.body.error, 'wrong_credential');
      // And the child's own verdict is not one for the guarded subject.
      const own = await post('authentication/verify', { subject: childsOwn, response: child.get(await authOptions(childsOwn, 'exit')) });
      assert.equal(own.status, 200);
      assert.equal(intake.passkeys.checkVerdict(own.body.verdict, { subject: guarded, purpose: 'exit' }), null);
    });

    it('user verification is required; a counter that does not move forward is refused', async () => {
      const sub = subject();
      const auth = softAuthenticator({ origin: ORIGIN });
      const opts = await post('registration/options', { subject: sub }, HOST_SESSION);
      const noUv = await post('registration/verify', { subject: sub, response: auth.create(opts.body.options, { uv: false }) });
      assert.equal(noUv.status, 400);
      await register(sub, auth);
      let r = await post('authentication/verify', { subject: sub, response: auth.get(await authOptions(sub), { uv: false }) });
      assert.equal(r.status, 400);
      r = await post('authentication/verify', { subject: sub, response: auth.get(await authOptions(sub), { counter: 5 }) });
      assert.equal(r.status, 200);
      // A cloned authenticator replaying an older counter.
      r = await post('authentication/verify', { subject: sub, response: auth.get(await authOptions(sub), { counter: 5 }) });
      assert.equal(r.status, 400);
      assert.match(r.body.message, /counter/i);
      r = await post('authentication/verify', { subject: sub, response: auth.get(await authOptions(sub), { counter: 3 }) });
      assert.equal(r.status, 400);
      assert.equal((await intake.passkeys.credentials(sub))[0].counter, 5);
    });

    it('deleting the subject removes its passkeys', async () => {
      const sub = subject();
      await register(sub);
      const counts = await intake.store.deleteSubject(sub, { subjectSha256: 'x', at: new Date().toISOString() });
      assert.equal(counts.passkeys, 1);
      assert.deepEqual(await intake.passkeys.credentials(sub), []);
    });
  });
}

describe('guardian passkeys: configuration', () => {
  it('an intake without passkeys answers not_configured; bad options refuse to start', async () => {
    const intake = await createIntake({ memory: true, pruneEveryMs: 0, logLevel: 'silent' });
    const srv = await serve(intake);
    try {
      const r = await postJson(srv.base, '/v1/passkeys/registration/options', { subject: 's' });
      assert.equal(r.status, 404);
      assert.equal(r.body.error, 'not_configured');
    } finally {
      await srv.close();
      await intake.close();
    }
    await assert.rejects(createIntake({ memory: true, passkeys: { rpID: RP } }), /passkeys\.origin/);
    await assert.rejects(createIntake({ memory: true, passkeys: { origin: ORIGIN } }), /passkeys\.rpID/);
  });
});
