// Audit rules for the clauses the consent package answers (`@anquan/consent/audit`); `audit()` in
// the umbrella composes them. Notices, disclosures and domains are read from element properties.
import {
  type AuditFacts,
  type AuditRuleResult,
  type AuditRules,
  byElement,
  describeElement,
  elementsOf,
  ledgerLine,
  measureLine,
  prop,
  wordingLine,
} from '@anquan/core/audit';

const transparency = (field: string) => (f: AuditFacts) =>
  elementsOf(f, 'aq-transparency').map((el) => {
    const v = prop<Record<string, unknown>>(el, 'disclosure')?.[field];
    return `<aq-transparency> ${field}: ${v === undefined ? 'not set' : Array.isArray(v) ? `${v.length} entries` : 'set'}`;
  });
// ---- Click depth: how many clicks from the page as shown to the training opt-out switch.
// Walks the composed tree up from the switch; every closed layer on the way (a closed <details>, a
// [hidden] or display:none element, a closed <dialog> or popover) must be opened by a control the
// page names: the layer's <summary>, or an element whose aria-controls, popovertarget or commandfor
// names the layer's id. Each such control is one click, found the same way. The switch itself is the
// last click. A layer nothing in the page opens cannot be measured (the host may declare it).

type Reach = { clicks: number; path: string[]; opened: Set<Element> } | { blockedBy: Element };

function composedParent(el: Element): Element | null {
  return el.assignedSlot ?? el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
}

function isClosed(a: Element, child: Element | null): boolean {
  if (a.localName === 'details') return !(a as HTMLDetailsElement).open && !(child?.localName === 'summary' && child.parentElement === a);
  if (a.hasAttribute('hidden')) return true;
  if (a.localName === 'dialog') return !(a as HTMLDialogElement).open;
  if (a.hasAttribute('popover')) return !a.matches(':popover-open');
  return getComputedStyle(a).display === 'none';
}

function closedLayers(target: Element): Element[] {
  const layers: Element[] = [];
  let child: Element | null = null;
  for (let a: Element | null = target; a; child = a, a = composedParent(a)) if (isClosed(a, child)) layers.push(a);
  return layers.reverse(); // outermost first
}

function deepAll(doc: Document): Element[] {
  const out: Element[] = [];
  const visit = (root: Document | ShadowRoot) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      out.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(doc);
  return out;
}

function openersOf(layer: Element, all: Element[]): Element[] {
  if (layer.localName === 'details') {
    const summary = Array.from(layer.children).find((c) => c.localName === 'summary');
    return summary ? [summary] : [];
  }
  const id = layer.id;
  if (!id) return [];
  return all.filter(
    (o) =>
      !layer.contains(o) &&
      ((o.getAttribute('aria-controls') ?? '').split(/\s+/).includes(id) ||
        o.getAttribute('popovertarget') === id ||
        o.getAttribute('commandfor') === id),
  );
}

const named = (el: Element) =>
  `${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40) || el.getAttribute('aria-label') || `<${el.localName}>`}`;

function reach(target: Element, all: Element[], opened: Set<Element>, depth = 0): Reach {
  if (depth > 8) return { blockedBy: target };
  let current = new Set(opened);
  let clicks = 0;
  const path: string[] = [];
  for (const layer of closedLayers(target)) {
    if (current.has(layer)) continue;
    let best: { clicks: number; path: string[]; opened: Set<Element> } | null = null;
    for (const opener of openersOf(layer, all)) {
      const r = reach(opener, all, current, depth + 1);
      if ('blockedBy' in r) continue;
      if (!best || r.clicks + 1 < best.clicks)
        best = { clicks: r.clicks + 1, path: [...r.path, named(opener)], opened: new Set([...r.opened, layer]) };
    }
    if (!best) return { blockedBy: layer };
    clicks += best.clicks;
    path.push(...best.path);
    current = best.opened;
  }
  return { clicks, path, opened: current };
}

/** GB/T 45654: the training opt-out within N clicks of the main interface, measured in the page. */
function trainingOptOut(f: AuditFacts): AuditRuleResult {
  const max = f.config.thresholds.trainingOptOutMaxClicks;
  const measure = '<aq-training-optout> within the click limit of the main interface';
  const switches = elementsOf(f, 'aq-training-optout');
  const base = [measureLine(f, 'trainingOptOut'), ledgerLine(f, 'consent')];
  if (!switches.length)
    return {
      status: 'missing',
      basis: 'observed',
      declarable: true,
      measure,
      evidence: ['no <aq-training-optout> in the page; if the switch is on another page, declare its click depth', ...base],
    };
  const all = deepAll(switches[0]!.ownerDocument);
  let best: { clicks: number; path: string[]; el: Element } | null = null;
  let blocked: Element | null = null;
  for (const el of switches) {
    const r = reach(el, all, new Set());
    if ('blockedBy' in r) blocked ??= r.blockedBy;
    else if (!best || r.clicks + 1 < best.clicks) best = { clicks: r.clicks + 1, path: [...r.path, 'the switch'], el };
  }
  if (!best)
    return {
      status: 'missing',
      basis: 'observed',
      declarable: true,
      measure,
      evidence: [
        `click depth not measurable: the switch is inside ${describeElement(blocked!)}, which no control in the page opens (a <summary>, or aria-controls, popovertarget or commandfor naming its id); mark the control, or declare the depth`,
        ...base,
      ],
    };
  const walk = `${best.path.join(' → ')}: ${best.clicks} click${best.clicks === 1 ? '' : 's'}`;
  if (best.clicks > max)
    return { status: 'missing', basis: 'observed', measure, evidence: [`measured ${walk}, more than the ${max} allowed`, ...base] };
  return {
    status: 'measured',
    basis: 'observed',
    how: `walked the page DOM from the view shown when audit() ran to the switch: ${walk} (at most ${max})`,
    measure,
    evidence: [describeElement(best.el), ...base],
  };
}

const noticeOf = (el: Element) => prop<{ version?: string; purposes?: { separate?: string }[] }>(el, 'notice');

export const consentAuditRules: AuditRules = {
  'GBT45654-transparency-scope': byElement('aq-transparency', (f) => [
    ...transparency('intendedUsers')(f),
    ...transparency('foundationModels')(f),
  ]),
  'GBT45654-transparency-limits': byElement('aq-transparency', (f) => [
    ...transparency('limitations')(f),
    ...transparency('modelSummary')(f),
  ]),
  'GBT45654-transparency-pi': byElement(['aq-transparency', 'aq-consent-notice'], transparency('personalInformation')),
  'GBT45654-training-optout': trainingOptOut,
  'GBT45654-training-status': byElement('aq-training-status'),
  'PIPL-14-17-notice': byElement('aq-consent-notice', (f) => [
    ...elementsOf(f, 'aq-consent-notice').map((n) => `notice version ${noticeOf(n)?.version ?? 'not set'}`),
    ledgerLine(f, 'consent'),
  ]),
  'PIPL-15-withdraw': byElement(['aq-consent-notice', 'aq-training-optout'], (f) => [ledgerLine(f, 'consent')]),
  'PIPL-16-no-refusal': byElement('aq-consent-notice'),
  'PIPL-separate': (f) => {
    const notices = elementsOf(f, 'aq-consent-notice');
    const measure = '<aq-consent-notice> separate purposes';
    if (!notices.length) return { status: 'missing', basis: 'observed', measure, evidence: ['no <aq-consent-notice> in the page'] };
    const separate = notices.flatMap((n) => (noticeOf(n)?.purposes ?? []).filter((p) => p.separate).map((p) => p.separate as string));
    return separate.length
      ? {
          status: 'measured',
          basis: 'observed',
          how: `read the purposes of ${notices.length} <aq-consent-notice> in the page`,
          measure,
          evidence: [`separate consents: ${separate.join(', ')}`, ledgerLine(f, 'consent')],
        }
      : {
          status: 'not-applicable',
          basis: 'observed',
          measure,
          evidence: ['the notice lists no third-party, public, sensitive or cross-border purpose'],
        };
  },
  'AIACT-50.1-disclosure': byElement('aq-ai-disclosure', (f) => [measureLine(f, 'aiDisclosure'), wordingLine(f, 'aiDisclosure')]),
  'GBT45654-A5-domain': (f) => {
    const withDomain = elementsOf(f, 'aq-ai-disclosure').filter((d) => prop<string>(d, 'domain'));
    return {
      status: withDomain.length ? 'measured' : 'missing',
      basis: 'observed',
      ...(withDomain.length ? { how: `read the domain property of ${withDomain.length} <aq-ai-disclosure> in the page` } : {}),
      measure: '<aq-ai-disclosure> domain (medical, financial or psychological)',
      evidence: withDomain.length
        ? withDomain.slice(0, 3).map((d) => `${describeElement(d)} domain: ${prop<string>(d, 'domain')}`)
        : ['no <aq-ai-disclosure> with a domain in the page; declare not-applicable when the service is not in a high-stakes domain'],
    };
  },
};
