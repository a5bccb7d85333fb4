// The CDN autoloader (packages/anquan/cdn/autoloader.js) on a page served with the strict CSP: it
// defines tags as they appear, loading each element's chunk only then, and it registers the four
// measure-enforcing elements eagerly, so they are defined before the user's first input.
import { expect } from '@open-wc/testing';
import { page, until } from './harness/index.js';
import { manifestTags } from './harness/manifest.js';

const ENFORCING = ['aq-prescreen', 'aq-minor-mode', 'aq-minor-lock', 'aq-age-gate'];

type Probe = { domContentLoaded: string[] | null; firstInput: { type: string; defined: string[] } | null };

async function evaluate<T>(id: string, expression: string): Promise<T> {
  return ((await page({ action: 'evaluate', id, expression })) as { value: T }).value;
}

describe('CDN autoloader', () => {
  it('[GBT45654-detect-input] [CAC-MINOR-entry-exit] defines <aq-prescreen>, <aq-minor-mode>, <aq-minor-lock> and <aq-age-gate> before the first input event', async () => {
    // Catches: an enforcing element moved to the lazy map (defined only after its chunk arrives, so the
    // first keystroke or the DOMContentLoaded handler of the page finds it undefined).
    const { id } = (await page({ action: 'open', url: '/test/harness/csp/cdn-autoloader.html', waitUntil: 'domcontentloaded' })) as {
      id: string;
    };
    try {
      await page({ action: 'type', id, selector: '#q', text: 'hi' });
      const probe = await evaluate<Probe>(id, 'window.__aqProbe');
      expect(probe.domContentLoaded, 'defined at DOMContentLoaded').to.have.members(ENFORCING);
      expect(probe.firstInput?.defined, `defined at the first ${probe.firstInput?.type}`).to.have.members(ENFORCING);
      const { errors } = (await page({ action: 'requests', id })) as { errors: string[] };
      expect(errors.join('\n'), 'console errors').to.equal('');
    } finally {
      await page({ action: 'close', id });
    }
  });

  it('defines a tag present at load and a tag added later, fetching its chunk only when it appears', async () => {
    const { id } = (await page({ action: 'open', url: '/test/harness/csp/cdn-autoloader.html' })) as { id: string };
    try {
      await until(async () => evaluate<boolean>(id, `!!customElements.get('aq-ai-label')`), 10_000, 'aq-ai-label defined');
      const before = (await page({ action: 'requests', id })) as { requests: string[] };
      const tags = await manifestTags();
      const lazy = tags.filter((t) => !ENFORCING.includes(t) && t !== 'aq-ai-label');
      const definedBefore = await evaluate<string[]>(id, `${JSON.stringify(lazy)}.filter((t) => customElements.get(t))`);
      expect(definedBefore, 'tags not on the page are not loaded').to.not.include('aq-report-status');
      expect(
        before.requests.some((u) => /aq-report-status/.test(u)),
        'report-status chunk fetched early',
      ).to.be.false;
      await evaluate(id, `document.body.append(Object.assign(document.createElement('aq-report-status'), { id: 'late' }))`);
      await until(async () => evaluate<boolean>(id, `!!customElements.get('aq-report-status')`), 10_000, 'aq-report-status defined');
      const upgraded = await evaluate<boolean>(id, `document.getElementById('late') instanceof customElements.get('aq-report-status')`);
      expect(upgraded).to.be.true;
      const { errors } = (await page({ action: 'requests', id })) as { errors: string[] };
      expect(errors.join('\n'), 'console errors').to.equal('');
    } finally {
      await page({ action: 'close', id });
    }
  });
});
