// The CDN bundle (built by `npm run build`) on a blank page served with the strict CSP and Trusted
// Types: no console error, no request to any other host, every element registered.
import { aTimeout, expect } from '@open-wc/testing';
import { page } from './harness/index.js';

const TAGS = [
  'aq-ai-label', 'aq-ai-notice', 'aq-ai-image', 'aq-ai-video', 'aq-aigc-badge', 'aq-aigc-declare', 'aq-labelling-notice',
  'aq-minor-mode', 'aq-minor-mode-toggle', 'aq-minor-lock', 'aq-guardian-settings', 'aq-paid-gate', 'aq-age-gate',
  'aq-report-button', 'aq-report-dialog', 'aq-report-status',
  'aq-consent-notice', 'aq-training-optout', 'aq-training-status', 'aq-transparency', 'aq-ai-disclosure',
  'aq-prescreen', 'aq-audit-report',
];

describe('CDN bundle', () => {
  it('loads on a blank page with no console error and no request to another host', async () => {
    const { id } = (await page({ action: 'open', url: '/test/harness/csp/cdn-blank.html' })) as { id: string };
    try {
      await aTimeout(300);
      const { value } = (await page({
        action: 'evaluate',
        id,
        expression: `import('/packages/anquan/cdn/anquan.js').then((m) => ({
          exports: Object.keys(m).length,
          configure: typeof m.configure,
          version: m.VERSION,
          tags: ${JSON.stringify(TAGS)}.filter((t) => customElements.get(t)),
        }))`,
      })) as { value: { exports: number; configure: string; version: string; tags: string[] } };
      const { requests, errors } = (await page({ action: 'requests', id })) as { requests: string[]; errors: string[] };
      const origin = new URL(location.href).origin;
      expect(errors.join('\n'), 'console errors').to.equal('');
      expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:')), 'requests to other hosts').to.deep.equal([]);
      expect(value.configure).to.equal('function');
      expect(value.version).to.equal('0.1.0');
      expect(value.exports).to.be.greaterThan(20);
      expect(value.tags, 'elements registered by the bundle').to.deep.equal(TAGS);
      expect(requests.some((u) => u.includes('transformers') || u.includes('onnx') || u.includes('ort-'))).to.be.false;
    } finally {
      await page({ action: 'close', id });
    }
  });
});
