// The consent state derived from the `consent` ledger's records: shared by the consent store (which
// writes) and the read-only view (which only shows), so both show the same state for the same records.
// No imports that carry code: the view's first load stays small.
import type { LedgerRecord } from '@anquan/core/ledger';
import type {
  AcknowledgeData,
  Acknowledgement,
  ConsentLedgerData,
  ConsentRecordData,
  ConsentSnapshot,
  ConsentState,
} from './consent-store.js';

/** Where the shared ConsentStore announces itself (`getConsentStore()`), for the read-only view to follow. */
export const SHARED_CONSENT_STORE = Symbol.for('anquan.consent-store');

/** The purpose id of the training-use switch (GB/T 45654, TC260-003 §7 c)). */
export const TRAINING_PURPOSE = 'training';

/** The training switch's state before the user chooses (`default-state` of the training elements). */
export const TRAINING_DEFAULTS = ['off', 'on'] as const;
export type TrainingDefault = (typeof TRAINING_DEFAULTS)[number];

/** The separate consents of PIPL Art. 23, 25, 29 and 39; never bundled with the general agreement. */
export const SEPARATE_CONSENTS = ['sensitive', 'third-party', 'cross-border', 'public-disclosure'] as const;
export type SeparateConsent = (typeof SEPARATE_CONSENTS)[number];

/** The name of the consent ledger (its records are keyed `['consent', seq]` in the `ledger` store). */
export const CONSENT_LEDGER = 'consent';

function isConsentRecord(r: LedgerRecord<ConsentLedgerData>): r is LedgerRecord<ConsentRecordData> {
  return (r.type === 'grant' || r.type === 'withdraw') && typeof (r.data as ConsentRecordData).purpose === 'string';
}

/** The current state per purpose and the latest acknowledgement per notice, from the records (oldest first). */
export function deriveSnapshot(records: readonly LedgerRecord<ConsentLedgerData>[]): ConsentSnapshot {
  const purposes: Record<string, ConsentState> = {};
  const notices: Record<string, Acknowledgement> = {};
  let seq = -1;
  for (const r of records) {
    seq = r.seq;
    if (isConsentRecord(r)) {
      const d = r.data;
      purposes[d.purpose] = {
        purpose: d.purpose,
        granted: r.type === 'grant',
        noticeVersion: d.noticeVersion,
        method: d.method,
        profile: d.profile,
        ...(d.separate ? { separate: d.separate } : {}),
        time: r.time,
        seq: r.seq,
        hash: r.hash,
      };
    } else if (r.type === 'acknowledge') {
      const d = r.data as AcknowledgeData;
      notices[d.notice] = {
        notice: d.notice,
        noticeVersion: d.noticeVersion,
        ...(d.decision ? { decision: d.decision } : {}),
        time: r.time,
        seq: r.seq,
      };
    }
  }
  return { purposes, notices, seq };
}

/** The purposes (and `notice:<id>`s) whose state differs between two snapshots. */
export function changedKeys(previous: ConsentSnapshot, next: ConsentSnapshot): string[] {
  const changed = Object.keys(next.purposes).filter((p) => previous.purposes[p]?.seq !== next.purposes[p].seq);
  for (const n of Object.keys(next.notices)) if (previous.notices[n]?.seq !== next.notices[n].seq) changed.push(`notice:${n}`);
  return changed;
}
