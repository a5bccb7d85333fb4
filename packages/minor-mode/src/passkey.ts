// The guardian passkey: WebAuthn with user verification (the guideline's fingerprint or face), checked
// by the intake (`@anquan/intake`, routes /v1/passkeys/…), never by the page alone. It counts as the
// guardian's only when the intake registered it after the host verified the guardian (a one-time
// guardian token from the host's server, or the intake's `verifyGuardian` hook) and each assertion
// was verified there; the intake then answers a signed verdict, which the controller passes on into
// the ledger and the `minor-mode-event` records. A passkey checked only in the browser would prove
// that someone unlocked this device, not who: without an intake endpoint none is offered, and the
// audit reports the PIN as device-level.

import { getConfig } from '@anquan/core/config-state';
import { type AnquanStorage, getStorage } from '@anquan/core/storage';
import type { GuardianPurpose } from './pin.js';

/** Whose verification a channel proves: `guardian` (checked off the device) or `device` (anyone holding it). */
export type GuardianLevel = 'guardian' | 'device';

/** What the device keeps about a registered guardian passkey (a hint for the UI; the intake decides). */
export interface PasskeyRecord {
  v: 1;
  credentialId: string;
  subject: string;
  endpoint: string;
  registeredAt: number;
  level: 'guardian';
}

export type PasskeyFailure =
  | 'not-configured'
  | 'not-supported'
  | 'no-credential'
  | 'guardian-not-verified'
  | 'cancelled'
  | 'not-verified'
  | 'unavailable';

export interface PasskeyOutcome {
  ok: boolean;
  /** The intake's signed verdict (verified assertions only); the host's server checks it. */
  verdict?: string;
  credentialId?: string;
  reason?: PasskeyFailure;
}

export interface GuardianPasskeyOptions {
  storage?: AnquanStorage;
  name?: string;
  /** The intake base URL; default `config.endpoint`. */
  endpoint?: string | null;
  /** Whose guardian: default `config.subject`, else a random id kept on this device. */
  subject?: string | null;
  fetch?: typeof fetch;
}

/** True where this browser can make and use passkeys. */
export function passkeysSupported(): boolean {
  return typeof PublicKeyCredential !== 'undefined' && typeof navigator !== 'undefined' && !!navigator.credentials;
}

export class GuardianPasskey {
  readonly name: string;
  private readonly storage: AnquanStorage;
  private readonly opts: GuardianPasskeyOptions;

  constructor(options: GuardianPasskeyOptions = {}) {
    this.opts = options;
    this.storage = options.storage ?? getStorage();
    this.name = options.name ?? 'default';
  }

  private get recordKey(): string {
    return `minor-mode:passkey:${this.name}`;
  }

  /** The intake that verifies passkeys, or null (none offered). */
  get endpoint(): string | null {
    return this.opts.endpoint !== undefined ? this.opts.endpoint : getConfig().endpoint;
  }

  /** An intake endpoint is configured and the browser has WebAuthn. */
  get configured(): boolean {
    return this.endpoint !== null && passkeysSupported();
  }

  /** The subject the guardian's passkeys belong to. */
  async subject(): Promise<string> {
    const given = this.opts.subject !== undefined ? this.opts.subject : getConfig().subject;
    if (given) return given;
    const key = `minor-mode:passkey-subject:${this.name}`;
    let s = await this.storage.get<string>('kv', key);
    if (!s) {
      s = `device-${crypto.randomUUID()}`;
      await this.storage.put('kv', s, key);
    }
    return s;
  }

  /** The registered guardian passkey of this subject at this endpoint, or null. */
  async registered(): Promise<PasskeyRecord | null> {
    if (!this.configured) return null;
    const r = await this.storage.get<PasskeyRecord>('kv', this.recordKey);
    return r && r.endpoint === this.endpoint && r.subject === (await this.subject()) ? r : null;
  }

  /**
   * Register a guardian passkey. The intake refuses unless the host verified the guardian: pass the
   * one-time `guardianToken` the host's server issued after its own check (or rely on the intake's
   * `verifyGuardian` hook, which sees this request's cookies).
   */
  async register(guardianToken?: string): Promise<PasskeyOutcome> {
    if (!this.configured) return { ok: false, reason: passkeysSupported() ? 'not-configured' : 'not-supported' };
    const subject = await this.subject();
    const endpoint = this.endpoint as string;
    const flow = await import('./passkey-flow.js');
    const outcome = await flow.registerFlow(flow.caller(endpoint, this.opts.fetch), subject, guardianToken);
    if (!outcome.ok) return outcome;
    const record: PasskeyRecord = {
      v: 1,
      credentialId: outcome.credentialId as string,
      subject,
      endpoint,
      registeredAt: Date.now(),
      level: 'guardian',
    };
    await this.storage.put('kv', record, this.recordKey);
    return outcome;
  }

  /** Verify the guardian with the passkey: ok only when the intake verified the assertion. */
  async verify(purpose: GuardianPurpose): Promise<PasskeyOutcome> {
    if (!this.configured) return { ok: false, reason: passkeysSupported() ? 'not-configured' : 'not-supported' };
    const flow = await import('./passkey-flow.js');
    return flow.verifyFlow(flow.caller(this.endpoint as string, this.opts.fetch), await this.subject(), purpose);
  }
}
