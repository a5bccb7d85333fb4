// The guardian PIN: PBKDF2-SHA256 through WebCrypto with a random 16-byte salt, a configurable
// iteration count (at least 100,000), constant-time comparison, and a lockout after N failures with a
// growing delay that is persisted, so a reload does not reset it. The plain PIN is never stored,
// logged or sent; a host can replace it with its own (server-side) verification.

import { serial } from '@anquan/core/concurrency';
import { getConfig } from '@anquan/core/config-state';
import { type AnquanStorage, getStorage } from '@anquan/core/storage';

/** Why the guardian is asked to verify: passed to a host verifier. */
export type GuardianPurpose = 'exit' | 'settings' | 'change' | 'reset' | 'unlock' | 'purchase' | 'consent' | 'verify' | 'setup';

/** What a host verifier receives: the purpose, and the PIN typed in the SDK's field when there was one. */
export interface GuardianAttempt {
  purpose: GuardianPurpose;
  /** The entered secret, passed to the host's verifier only (never stored or sent by the SDK). */
  pin?: string;
}

/** A host's replacement for the local PIN (SMS code, face, server-side PIN check). */
export type GuardianVerifier = (attempt: GuardianAttempt) => Promise<boolean>;

let hostVerifier: GuardianVerifier | null = null;

/**
 * Replace the local PIN with the host's own verification (server-side PIN, SMS, face), or pass null
 * to go back to the local PIN. Failures still count towards the lockout.
 */
export function setGuardianVerifier(verifier: GuardianVerifier | null): void {
  hostVerifier = verifier;
}

/** The host verifier in force, or null. */
export function getGuardianVerifier(): GuardianVerifier | null {
  return hostVerifier;
}

/** The stored form of a PIN: salt and derived key only. */
export interface PinRecord {
  v: 1;
  algorithm: 'PBKDF2-SHA256';
  iterations: number;
  /** Base64 of the 16-byte random salt. */
  salt: string;
  /** Base64 of the 32-byte derived key. */
  hash: string;
  setAt: number;
}

/** The persisted lockout counter. */
export interface LockoutState {
  failures: number;
  /** Epoch ms until which verification is refused; 0 when not locked. */
  lockedUntil: number;
}

export interface VerifyOutcome {
  ok: boolean;
  /** Set when verification is refused because of the lockout (epoch ms). */
  lockedUntil?: number;
  /** Attempts left before the next lockout. */
  remaining: number;
  /** `no-credential`: no guardian PIN and no host verifier exist, so nothing typed can verify. */
  reason?: 'no-credential';
}

export interface GuardianPinOptions {
  storage?: AnquanStorage;
  /** Key namespace, to keep several minors' PINs apart (default `default`). */
  name?: string;
  /** PBKDF2 iterations; default `thresholds.minors.pinIterations` (at least 100,000). */
  iterations?: number;
  /** Failures before lockout; default `thresholds.minors.pinMaxAttempts`. */
  maxAttempts?: number;
  /** First lockout in ms (default 60 s); it doubles with each further failure, up to 24 h. */
  baseLockoutMs?: number;
  /** Wall clock (epoch ms); injectable for tests. */
  now?: () => number;
  /** Called when a lockout starts. */
  onLockout?: (lockedUntil: number, failures: number) => void;
  /**
   * Whether a first PIN may be created now. The minors controller allows it only while the mode is
   * off (set-up before entry) or just after the host verified the guardian: a child in a mode turned
   * on by the OS must not be able to create the credential that lets them out.
   */
  mayCreate?: () => boolean | Promise<boolean>;
}

export const MIN_PIN_ITERATIONS = 100_000;
const MAX_LOCKOUT_MS = 24 * 60 * 60 * 1000;

export class PinError extends Error {
  constructor(
    readonly code: 'invalid-pin' | 'pin-exists' | 'no-pin' | 'not-verified' | 'locked' | 'setup-locked',
    message: string,
  ) {
    super(`[anquan] guardian PIN: ${message}`);
    this.name = 'PinError';
  }
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** Compare two byte arrays in time that depends only on their length. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** PBKDF2-SHA256 of `pin` with `salt`, 256 bits. */
export async function derivePin(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** A PIN is 4 to 12 digits. */
export function isValidPin(pin: unknown): pin is string {
  return typeof pin === 'string' && /^\d{4,12}$/.test(pin);
}

export class GuardianPin {
  readonly name: string;
  private readonly storage: AnquanStorage;
  private readonly iterationsOpt?: number;
  private readonly maxAttemptsOpt?: number;
  private readonly baseLockoutMs: number;
  private readonly now: () => number;
  private readonly onLockout?: (lockedUntil: number, failures: number) => void;
  private readonly mayCreate?: () => boolean | Promise<boolean>;
  /** Serialise PIN operations within this instance (a second attempt waits for the first). */
  private readonly serial = serial();

  constructor(options: GuardianPinOptions = {}) {
    this.storage = options.storage ?? getStorage();
    this.name = options.name ?? 'default';
    this.iterationsOpt = options.iterations;
    this.maxAttemptsOpt = options.maxAttempts;
    this.baseLockoutMs = options.baseLockoutMs ?? 60_000;
    this.now = options.now ?? (() => Date.now());
    this.onLockout = options.onLockout;
    this.mayCreate = options.mayCreate;
  }

  get iterations(): number {
    return Math.max(MIN_PIN_ITERATIONS, this.iterationsOpt ?? getConfig().thresholds.minors.pinIterations);
  }

  get maxAttempts(): number {
    return Math.max(1, this.maxAttemptsOpt ?? getConfig().thresholds.minors.pinMaxAttempts);
  }

  private get pinKey(): string {
    return `minor-mode:pin:${this.name}`;
  }

  private get lockoutKey(): string {
    return `minor-mode:pin-lockout:${this.name}`;
  }

  /** True when a local PIN is set (or a host verifier replaces it). */
  async hasPin(): Promise<boolean> {
    if (hostVerifier) return true;
    return (await this.storage.get<PinRecord>('kv', this.pinKey)) !== undefined;
  }

  /** The lockout state (persisted). */
  async lockout(): Promise<LockoutState> {
    return (await this.storage.get<LockoutState>('kv', this.lockoutKey)) ?? { failures: 0, lockedUntil: 0 };
  }

  private async store(pin: string): Promise<void> {
    if (!isValidPin(pin)) throw new PinError('invalid-pin', 'a PIN is 4 to 12 digits');
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const iterations = this.iterations;
    const hash = await derivePin(pin, salt, iterations);
    const record: PinRecord = {
      v: 1,
      algorithm: 'PBKDF2-SHA256',
      iterations,
      salt: toBase64(salt),
      hash: toBase64(hash),
      setAt: this.now(),
    };
    await this.storage.put('kv', record, this.pinKey);
  }

  /** Set the first PIN. Refused when one is already set (use `change` or `reset`). */
  set(pin: string): Promise<void> {
    return this.serial(async () => {
      if (await this.storage.get<PinRecord>('kv', this.pinKey))
        throw new PinError('pin-exists', 'a PIN is already set; change it with the current PIN or reset it');
      if (this.mayCreate && !(await this.mayCreate()))
        throw new PinError(
          'setup-locked',
          "minors mode is on: the guardian PIN can be created only when entering the mode or after the host's guardian verification",
        );
      await this.store(pin);
    });
  }

  /**
   * Check the guardian: through the host verifier when one is set, else against the stored PIN.
   * Refused without checking while locked out; each failure counts, and the Nth starts a lockout
   * that doubles with every further failure.
   */
  verify(pin: string | undefined, purpose: GuardianPurpose = 'verify'): Promise<VerifyOutcome> {
    return this.serial(async () => {
      const state = await this.lockout();
      const now = this.now();
      const max = this.maxAttempts;
      if (state.lockedUntil > now) return { ok: false, lockedUntil: state.lockedUntil, remaining: 0 };
      let ok = false;
      if (hostVerifier) {
        try {
          ok = (await hostVerifier({ purpose, ...(pin !== undefined ? { pin } : {}) })) === true;
        } catch {
          ok = false;
        }
      } else {
        const record = await this.storage.get<PinRecord>('kv', this.pinKey);
        if (record && typeof pin === 'string') {
          const derived = await derivePin(pin, fromBase64(record.salt), record.iterations);
          ok = constantTimeEqual(derived, fromBase64(record.hash));
        }
      }
      if (ok) {
        if (state.failures > 0 || state.lockedUntil > 0) await this.storage.put('kv', { failures: 0, lockedUntil: 0 }, this.lockoutKey);
        return { ok: true, remaining: max };
      }
      const failures = state.failures + 1;
      let lockedUntil = 0;
      if (failures >= max) {
        const delay = Math.min(MAX_LOCKOUT_MS, this.baseLockoutMs * 2 ** Math.min(failures - max, 20));
        lockedUntil = now + delay;
      }
      await this.storage.put('kv', { failures, lockedUntil } satisfies LockoutState, this.lockoutKey);
      if (lockedUntil) {
        this.onLockout?.(lockedUntil, failures);
        return { ok: false, lockedUntil, remaining: 0 };
      }
      return { ok: false, remaining: max - failures };
    });
  }

  /** Change the PIN after verifying the current one. */
  async change(current: string, next: string): Promise<VerifyOutcome> {
    if (!isValidPin(next)) throw new PinError('invalid-pin', 'a PIN is 4 to 12 digits');
    const outcome = await this.verify(current, 'change');
    if (outcome.ok) await this.serial(() => this.store(next));
    return outcome;
  }

  /**
   * Forgotten PIN: the host's verifier (SMS, face, account) must confirm the guardian; then the new
   * PIN replaces the old one and the lockout is cleared. Without a host verifier there is no reset:
   * the SDK cannot tell a guardian from the child on the device.
   */
  async reset(next: string): Promise<boolean> {
    if (!isValidPin(next)) throw new PinError('invalid-pin', 'a PIN is 4 to 12 digits');
    const verifier = hostVerifier;
    if (!verifier)
      throw new PinError(
        'not-verified',
        'reset needs a host verifier (setGuardianVerifier); the local PIN cannot verify a guardian who forgot it',
      );
    const ok = await verifier({ purpose: 'reset' }).catch(() => false);
    if (!ok) return false;
    await this.serial(async () => {
      await this.store(next);
      await this.storage.put('kv', { failures: 0, lockedUntil: 0 }, this.lockoutKey);
    });
    return true;
  }
}
