// Audit rules for the clauses the pre-screen package answers (`@anquan/prescreen/audit`); `audit()`
// in the umbrella composes them. An `<aq-prescreen>` counts only when it screens with a policy that
// has a source: an element whose policy is still loading, failed (fails closed: nothing is sent,
// but nothing is screened either) or has no source is reported, never counted as detection.
import { type AuditFacts, type AuditRule, type AuditRules, byApi, elementsOf, measureLine, prop } from '@anquan/core/audit';

interface PolicyLike {
  readonly hasSources?: boolean;
}

/** What one <aq-prescreen> screens with, and whether that is a working detection. */
function policyOf(el: Element): { working: boolean; line: string } {
  const error = prop<{ code: string } | null>(el, 'configError');
  if (error)
    return {
      working: false,
      line: `<aq-prescreen>: configuration error (${error.code}); every submission is blocked, nothing is screened`,
    };
  const source = prop<string | null>(el, 'policySource');
  const policy = prop<PolicyLike | null>(el, 'policy');
  if (!source || !policy)
    return { working: false, line: '<aq-prescreen>: no policy in force (loading, or none could be built); submissions wait' };
  if (policy.hasSources === false)
    return { working: false, line: `<aq-prescreen>: the ${source} policy has no source (no keywords, classifier or host check)` };
  if (source === 'library') return { working: true, line: `<aq-prescreen>: signed keyword library ${prop<string>(el, 'library')}` };
  if (source === 'sample')
    return { working: true, line: '<aq-prescreen>: the bundled sample keyword library (far below Appendix B; bring your own)' };
  return { working: true, line: "<aq-prescreen>: the host's policy" };
}

/** Measured when every <aq-prescreen> in the page screens with a working policy. */
function screening(measure: string, extra: (f: AuditFacts) => string[] = () => []): AuditRule {
  return (f) => {
    const els = elementsOf(f, 'aq-prescreen');
    const policies = els.map(policyOf);
    const working = policies.filter((p) => p.working).length;
    const lines = policies.slice(0, 3).map((p) => p.line);
    if (!els.length)
      return {
        status: 'missing',
        basis: 'observed',
        measure,
        evidence: ['no <aq-prescreen> in the page', measureLine(f, 'prescreen'), ...extra(f)],
      };
    if (working < els.length)
      return {
        status: 'missing',
        basis: 'observed',
        measure,
        evidence: [`${els.length - working} of ${els.length} <aq-prescreen> screen with no working policy`, ...lines, ...extra(f)],
      };
    return {
      status: 'measured',
      basis: 'observed',
      how: `read the policy in force of ${els.length} <aq-prescreen> in the page (policySource, configError, the policy's sources)`,
      measure,
      evidence: [measureLine(f, 'prescreen'), ...lines, ...extra(f)],
    };
  };
}

/** The classifier of each <aq-prescreen>: none, loading, ready (device) or down (blocking, or shown with keyword-only screening). */
function classifierLines(f: AuditFacts): string[] {
  return elementsOf(f, 'aq-prescreen')
    .slice(0, 3)
    .flatMap((el) => {
      const c = prop<{ state: string; optional: boolean; error: { code: string; message: string } | null; device: string | null } | null>(
        el,
        'classifierState',
      );
      if (!c || c.state === 'none') return [];
      if (c.state === 'ready') return [`<aq-prescreen>: classifier ready${c.device ? ` (${c.device})` : ''}`];
      if (c.state === 'loading') return ['<aq-prescreen>: classifier loading'];
      const why = c.error ? `${c.error.code}: ${c.error.message}` : 'unknown error';
      return [
        c.optional
          ? `<aq-prescreen>: classifier DOWN (${why}); classifier-optional: screening without it, the user is told`
          : `<aq-prescreen>: classifier DOWN (${why}); every submission is blocked until it loads`,
      ];
    });
}

export const prescreenAuditRules: AuditRules = {
  'GBT45654-detect-input': screening('<aq-prescreen> with a keyword, classifier or host policy', (f) => [
    ...classifierLines(f),
    "advisory: the host's server screens again",
  ]),
  'GBT45654-suspend-3-5': screening('<aq-prescreen> suspension counters', (f) => {
    const s = f.config.thresholds.suspension;
    return [
      `suspension after ${s.consecutive} in a row or ${s.perDay} a day, for ${s.durationMinutes} min`,
      `safety context: ${f.context.suspension.suspended ? `suspended until ${new Date(f.context.suspension.until ?? 0).toISOString()}` : 'not suspended'}`,
    ];
  }),
  'GBT45654-refuse-answer': screening('<aq-prescreen>', () => ['inducing input is held before the host sends it; other input passes']),
  'GBT45654-B-keywords': byApi('the keyword library and its coverage report (npm run eval:prescreen)'),
  'GBT45654-B-refusal-rates': byApi('the refusal-bank evaluation (npm run eval:prescreen)'),
};
