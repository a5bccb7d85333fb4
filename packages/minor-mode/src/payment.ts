// The paid-feature policy, without DOM: per-band blocking, per-transaction and monthly caps (minor
// units: fen / cents), and guardian approval. Monthly spending is persisted per local month.

import { getConfig } from '@anquan/core/config-state';
import type { AgeBand, PaymentCap } from '@anquan/core/profiles';
import { type AnquanStorage, getStorage } from '@anquan/core/storage';
import { localParts } from './time.js';

export type PaymentDecision =
  | { decision: 'allow'; remainingMonth: number }
  | { decision: 'approval'; remainingMonth: number }
  | { decision: 'block'; reason: 'band-blocked' | 'per-transaction' | 'per-month' | 'invalid-amount'; remainingMonth: number; cap: number };

/** When guardian approval is needed for an allowed purchase. */
export type ApprovalMode = 'always' | 'never';

export interface PaymentPolicyOptions {
  storage?: AnquanStorage;
  name?: string;
  /** Caps per band; default `thresholds.minors.payment`, with the guardian's lower caps applied by the caller. */
  caps?: (band: AgeBand) => PaymentCap;
  now?: () => number;
  timeZone?: string;
}

interface Spent {
  month: string;
  amount: number;
}

export class PaymentPolicy {
  readonly name: string;
  private readonly storage: AnquanStorage;
  private readonly capsOf: (band: AgeBand) => PaymentCap;
  private readonly now: () => number;
  private timeZone: string;

  constructor(options: PaymentPolicyOptions = {}) {
    this.storage = options.storage ?? getStorage();
    this.name = options.name ?? 'default';
    this.capsOf = options.caps ?? ((band) => getConfig().thresholds.minors.payment[band]);
    this.now = options.now ?? (() => Date.now());
    this.timeZone = options.timeZone ?? '';
  }

  /** Change the IANA time zone the monthly totals follow (empty: the browser's). */
  setTimeZone(timeZone: string): void {
    this.timeZone = timeZone;
  }

  private get key(): string {
    return `minor-mode:spent:${this.name}`;
  }

  private month(): string {
    return localParts(this.now(), this.timeZone).month;
  }

  /** Spent this local month, in minor units. */
  async spentThisMonth(): Promise<number> {
    const s = await this.storage.get<Spent>('kv', this.key);
    return s && s.month === this.month() ? s.amount : 0;
  }

  /** Decide on a purchase of `amount` (minor units) for `band`. */
  async check(band: AgeBand, amount: number, approval: ApprovalMode = 'always'): Promise<PaymentDecision> {
    const cap = this.capsOf(band);
    const spent = await this.spentThisMonth();
    const remainingMonth = Math.max(0, cap.perMonth - spent);
    if (!Number.isInteger(amount) || amount < 0) return { decision: 'block', reason: 'invalid-amount', remainingMonth, cap: 0 };
    if (!cap.allowed) return { decision: 'block', reason: 'band-blocked', remainingMonth: 0, cap: 0 };
    if (amount > cap.perTransaction) return { decision: 'block', reason: 'per-transaction', remainingMonth, cap: cap.perTransaction };
    if (amount > remainingMonth) return { decision: 'block', reason: 'per-month', remainingMonth, cap: cap.perMonth };
    return { decision: approval === 'always' ? 'approval' : 'allow', remainingMonth };
  }

  /** Add a completed purchase to this month's total. */
  async record(amount: number): Promise<number> {
    const month = this.month();
    const spent = await this.spentThisMonth();
    const total = spent + Math.max(0, Math.round(amount));
    await this.storage.put('kv', { month, amount: total } satisfies Spent, this.key);
    return total;
  }
}
