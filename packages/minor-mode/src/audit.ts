// Audit rules for the clauses the minors package answers (`@anquan/minor-mode/audit`); `audit()` in
// the umbrella composes them. Age gates and minors modes are read from their properties.
import {
  type AuditFacts,
  type AuditRule,
  type AuditRules,
  byElement,
  describeElement,
  elementsOf,
  hasElement,
  ledgerLine,
  listElements,
  measureLine,
  prop,
} from '@anquan/core/audit';

/** Age gates that keep minors out (`forMinors` other than `minors-mode`). */
const blockingGates = (f: AuditFacts) => elementsOf(f, 'aq-age-gate').filter((g) => prop<string>(g, 'forMinors') !== 'minors-mode');

/** The service is not for minors when an age gate blocks them and no minors mode runs. */
function notForMinors(f: AuditFacts): boolean {
  return !hasElement(f, 'aq-minor-mode') && blockingGates(f).length > 0;
}

/** A minors-mode clause: the mode must run, unless the service keeps minors out. */
function minors(tag: string | string[], extra: (f: AuditFacts) => string[] = () => []): AuditRule {
  const rule = byElement(tag, extra);
  return (f) => {
    if (notForMinors(f))
      return {
        status: 'not-applicable',
        basis: 'observed',
        measure: 'minors mode',
        evidence: ['the service is not for minors: <aq-age-gate> blocks them', ...listElements(f, 'aq-age-gate')],
      };
    const r = rule(f);
    if (!f.config.measures.minorMode) r.evidence.push(measureLine(f, 'minorMode'));
    return r;
  };
}

const mode = (f: AuditFacts) => {
  const m = f.config.thresholds.minors;
  const band = f.context.minorMode;
  return [
    `safety context: minors mode ${band.enabled ? `on (${band.band})` : 'off'}`,
    `daily quota (min): ${Object.entries(m.dailyQuotaMinutes)
      .map(([b, n]) => `${b} ${n}`)
      .join(', ')}`,
  ];
};

interface ChannelInfo {
  channel: 'pin' | 'passkey' | 'host';
  level: 'guardian' | 'device';
  offered: boolean;
  endpoint?: string;
}

/**
 * The guardian channels the minors modes offer, each with the level it proves: guardian-level (the
 * host's verifier, a passkey registered after the host verified the guardian and verified by the
 * intake) or device-level (the PIN, a passkey checked only in the browser).
 */
function channels(f: AuditFacts): string[] {
  const modes = elementsOf(f, 'aq-minor-mode');
  if (!modes.length) return ['guardian channels: no <aq-minor-mode> to read them from'];
  const seen = new Map<string, ChannelInfo>();
  for (const m of modes) for (const c of prop<ChannelInfo[]>(m, 'guardianChannels') ?? []) seen.set(`${c.channel}:${c.offered}`, c);
  const lines = [...seen.values()].map((c) =>
    c.channel === 'passkey'
      ? c.offered
        ? `guardian channel passkey: guardian-level (registered only after the host verified the guardian, each assertion verified by the intake at ${c.endpoint})`
        : 'guardian channel passkey: not offered (no intake endpoint; a passkey checked only in the browser would be device-level)'
      : c.channel === 'host'
        ? "guardian channel host verifier (setGuardianVerifier): guardian-level (the host's own check, e.g. a code to the guardian)"
        : `guardian channel PIN: device-level (a secret typed on this device; ${f.config.thresholds.minors.pinMaxAttempts} attempts, then a growing lockout)`,
  );
  const guardianLevel = [...seen.values()].some((c) => c.offered && c.level === 'guardian');
  return [
    guardianLevel
      ? 'guardian verification: guardian-level channel configured'
      : 'guardian verification: device-level only (configure the intake endpoint for guardian passkeys, or setGuardianVerifier)',
    ...lines,
  ];
}

export const minorModeAuditRules: AuditRules = {
  'GBT45654-minors-guardian': minors('aq-guardian-settings', (f) => [ledgerLine(f, 'minor-mode'), ...channels(f)]),
  'GBT45654-minors-paid': minors('aq-paid-gate', (f) => [
    `payment caps (per transaction / month, minor units): ${Object.entries(f.config.thresholds.minors.payment)
      .map(([b, p]) => `${b} ${p.allowed ? `${p.perTransaction}/${p.perMonth}` : 'none'}`)
      .join(', ')}`,
  ]),
  'GBT45654-minors-content': minors('aq-minor-mode', (f) => [
    ...mode(f),
    hasElement(f, 'aq-prescreen')
      ? '<aq-prescreen> applies the stricter per-band thresholds'
      : 'no <aq-prescreen>: per-band screening not observed',
  ]),
  'GBT45654-not-for-minors': (f) => {
    const measure = '<aq-age-gate> forMinors "block" (for-minors="block")';
    if (hasElement(f, 'aq-minor-mode'))
      return {
        status: 'not-applicable',
        basis: 'observed',
        measure,
        evidence: ['the service offers a minors mode: it is for minors', ...listElements(f, 'aq-minor-mode')],
      };
    const gates = blockingGates(f);
    return {
      status: gates.length ? 'present' : 'missing',
      basis: 'observed',
      measure,
      evidence: gates.length
        ? gates.slice(0, 3).map((g) => `${describeElement(g)} forMinors: ${prop<string>(g, 'forMinors') ?? 'block (default)'}`)
        : ['neither <aq-minor-mode> nor a blocking <aq-age-gate> in the page'],
    };
  },
  'CAC-MINOR-entry-exit': minors(['aq-minor-mode-toggle', 'aq-minor-mode'], (f) => [
    hasElement(f, 'aq-minor-mode-toggle')
      ? 'one-click entry: <aq-minor-mode-toggle>'
      : 'no <aq-minor-mode-toggle>: entry only through the API',
    'leaving needs guardian verification through one of:',
    ...channels(f),
  ]),
  'CAC-MINOR-quota': minors('aq-minor-mode', mode),
  'CAC-MINOR-rest': minors('aq-minor-mode', (f) => [`rest reminder after ${f.config.thresholds.minors.restReminderMinutes} min`]),
  'CAC-MINOR-curfew': minors('aq-minor-mode', (f) => [
    `curfew ${f.config.thresholds.minors.curfew.start}-${f.config.thresholds.minors.curfew.end}`,
  ]),
  'CAC-MINOR-bands': minors('aq-minor-mode', (f) =>
    elementsOf(f, 'aq-minor-mode').map((m) => `band ${prop<string>(m, 'band') ?? '12-15'}`),
  ),
  'PIPL-31-under14': (f) => {
    const gates = elementsOf(f, 'aq-age-gate');
    return {
      status: gates.length ? 'present' : 'missing',
      basis: 'observed',
      measure: '<aq-age-gate> (guardian separate consent under consentAge)',
      evidence: gates.length
        ? [
            ...gates.slice(0, 3).map((g) => `${describeElement(g)} consent age ${prop<number>(g, 'consentAge') ?? 14}`),
            ledgerLine(f, 'minor-mode'),
            ...(hasElement(f, 'aq-minor-mode') ? channels(f) : []),
          ]
        : ['no <aq-age-gate> in the page'],
    };
  },
  'INTERIM-10-addiction': (f) =>
    notForMinors(f)
      ? {
          status: 'present',
          basis: 'observed',
          measure: '<aq-age-gate> forMinors "block"',
          evidence: ['minors are kept out', ...listElements(f, 'aq-age-gate')],
        }
      : byElement('aq-minor-mode', (g) => [...mode(g), `rest reminder after ${g.config.thresholds.minors.restReminderMinutes} min`])(f),
  'ANTHRO-14-companion': minors('aq-minor-mode', (f) => [
    `${f.adultOnly} element(s) marked data-aq-adult-only (hidden and inert while the mode is on)`,
  ]),
};
