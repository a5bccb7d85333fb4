// The shared harness proves what it claims: the strict-CSP page reports violations, and the axe
// check fails on an inaccessible element. Every element suite relies on both.
import { expect, fixture, html } from '@open-wc/testing';
import './harness/fixtures/probe.js';
import { expectAccessible, expectCspClean, runUnderStrictCsp } from './harness/index.js';

describe('test harness', () => {
  it('the core and a Lit element run clean under the strict CSP with Trusted Types', async () => {
    const r = await expectCspClean({ modules: ['/packages/core/src/index.ts', '/test/harness/fixtures/probe.ts'], html: '<aq-harness-probe></aq-harness-probe>' });
    expect(r.text.trim()).to.equal('');
  });

  it('reports inline styles and untrusted innerHTML as violations', async () => {
    const r = await runUnderStrictCsp({ modules: [], script: '/test/harness/fixtures/inline-style.js' });
    const directives = r.violations.map((v) => v.directive);
    expect(directives).to.include('style-src-elem');
    expect(directives).to.include('require-trusted-types-for');
  });

  it('axe-core passes an accessible element and fails an inaccessible one', async () => {
    const ok = await fixture(html`<aq-harness-probe lang="en"></aq-harness-probe>`);
    await expectAccessible(ok);
    const bad = await fixture(html`<div><button></button><img src="/demo/favicon.svg"></div>`);
    let failed = false;
    try {
      await expectAccessible(bad);
    } catch (err) {
      failed = /button-name|image-alt/.test(String(err));
    }
    expect(failed).to.be.true;
  });
});
