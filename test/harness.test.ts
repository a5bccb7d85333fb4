// The shared harness proves what it claims: the strict-CSP page reports violations, and the axe
// check fails on an inaccessible element. Every element suite relies on both.
import { AnquanStorage, configure, Outbox, resetConfig } from '@anquan/core';
import { type AqReportDialog, ReportClient } from '@anquan/report';
import '@anquan/report/register';
import { expect, fixture, html } from '@open-wc/testing';
import './harness/fixtures/probe.js';
import {
  captureErrors,
  expectAccessible,
  expectCspClean,
  ReportButtonHarness,
  ReportDialogHarness,
  runUnderStrictCsp,
  silenceErrors,
  testIntake,
  unique,
} from './harness/index.js';

describe('test harness', () => {
  it('the core and a Lit element run clean under the strict CSP with Trusted Types', async () => {
    const r = await expectCspClean({
      modules: ['/packages/core/src/index.ts', '/test/harness/fixtures/probe.ts'],
      html: '<aq-harness-probe></aq-harness-probe>',
    });
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

  it('captureErrors gives the messages (live, and at the end); silenceErrors drops them and returns the result', async () => {
    const seen: number[] = [];
    const errors = await captureErrors((live) => {
      console.error('one', 1);
      seen.push(live.length);
      console.error('two');
    });
    expect(errors).to.deep.equal(['one 1', 'two']);
    expect(seen).to.deep.equal([1]);
    expect(await silenceErrors(() => (console.error('quiet'), 42))).to.equal(42);
  });

  it('ReportDialogHarness: a user opens the dialog from the button, chooses, describes, submits, reads the tracking number and closes', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    try {
      const wrap = await fixture<HTMLElement>(html`<div lang="en">
        <div data-aq-message><p>An answer.</p><aq-report-button message-id="m1"></aq-report-button></div>
        <aq-report-dialog receipt-wait-ms="5000"></aq-report-dialog>
      </div>`);
      const el = wrap.querySelector('aq-report-dialog') as AqReportDialog;
      const storage = new AnquanStorage(unique('aq-harness-report'));
      el.client = new ReportClient({ storage, outbox: new Outbox({ storage, baseDelayMs: 20 }) });
      await el.updateComplete;
      const dialog = new ReportDialogHarness(el);
      await dialog.open(new ReportButtonHarness(wrap.querySelector('aq-report-button')!));
      expect(dialog.isOpen).to.be.true;
      await dialog.chooseCategory('A1.b');
      await dialog.describe('A harmful answer');
      await dialog.submit();
      await dialog.waitFor('[part~="receipt"]');
      expect(dialog.trackingNumber).to.match(/^AQ-\d{8}-/);
      const [got] = await intake.received();
      expect(got.payload).to.include({ category: 'A1.b', description: 'A harmful answer', messageId: 'm1' });
      await dialog.close();
      expect(dialog.isOpen).to.be.false;
    } finally {
      resetConfig();
    }
  });
});
