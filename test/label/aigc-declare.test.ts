import '@anquan/label/register';
import { AnquanStorage, configure, Ledger, Outbox, resetConfig } from '@anquan/core';
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { expectAccessible, expectCspClean, testIntake, unique } from '../harness/index.js';
import { captureErrors, part } from './helpers.js';
import type { AqAigcDeclare } from './local.js';

describe('<aq-aigc-declare>', () => {
  afterEach(() => resetConfig());

  it('[MEASURES-6-declare] is form-associated: its value is submitted with the host form when checked (keyboard)', async () => {
    const form = (await fixture(html`<form lang="zh-CN">
      <input name="title" value="t" />
      <aq-aigc-declare name="aigc"></aq-aigc-declare>
      <button>submit</button>
    </form>`)) as HTMLFormElement;
    const el = form.querySelector('aq-aigc-declare') as AqAigcDeclare;
    el.ledger = null;
    await el.updateComplete;
    expect(el.form).to.equal(form);
    expect(new FormData(form).has('aigc')).to.be.false;
    expect(part(el, 'label')!.textContent).to.contain('本内容包含人工智能生成合成内容');
    const events: boolean[] = [];
    el.addEventListener('aq-aigc-declared', (e) => events.push(e.detail.declared));
    el.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.checked).to.be.true;
    expect(events).to.deep.equal([true]);
    expect(new FormData(form).get('aigc')).to.equal('aigc');
    // The submit event carries it.
    const submitted = new Promise<FormData>((resolve) =>
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        resolve(new FormData(form, (e as SubmitEvent).submitter));
      }),
    );
    form.querySelector('button')!.click();
    expect((await submitted).get('aigc')).to.equal('aigc');
    form.reset();
    await el.updateComplete;
    expect(el.checked).to.be.false;
    expect(new FormData(form).has('aigc')).to.be.false;
  });

  it('[MEASURES-6-declare] required blocks submission until declared; en text; axe', async () => {
    const form = (await fixture(
      html`<form lang="en"><aq-aigc-declare name="aigc" required value="yes"></aq-aigc-declare></form>`,
    )) as HTMLFormElement;
    const el = form.querySelector('aq-aigc-declare') as AqAigcDeclare;
    el.ledger = null;
    await el.updateComplete;
    expect(form.checkValidity()).to.be.false;
    expect(el.validity.valueMissing).to.be.true;
    expect(part(el, 'label')!.textContent).to.contain('AI-generated');
    expect(part(el, 'hint')!.textContent).to.contain('do not remove');
    await expectAccessible(form);
    (part(el, 'checkbox') as HTMLInputElement).click();
    await el.updateComplete;
    expect(form.checkValidity()).to.be.true;
    expect(new FormData(form).get('aigc')).to.equal('yes');
  });

  it('[MEASURES-6-declare] records each declaration in a hash-chained ledger delivered to the intake endpoint', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    const storage = new AnquanStorage(unique('aq-declare'));
    const outbox = new Outbox({ storage });
    const ledger = new Ledger('aigc-declaration', { storage, outbox });
    const el = (await fixture(html`<aq-aigc-declare name="aigc" content-id="upload-7"></aq-aigc-declare>`)) as AqAigcDeclare;
    el.ledger = ledger;
    (part(el, 'checkbox') as HTMLInputElement).click();
    await el.recorded;
    (part(el, 'checkbox') as HTMLInputElement).click();
    await el.recorded;
    const records = await ledger.records();
    expect(records.map((r) => r.data.declared)).to.deep.equal([true, false]);
    expect(records[0]!.data.contentId).to.equal('upload-7');
    expect((await ledger.verify()).ok).to.be.true;
    await outbox.flush();
    const received = await intake.received();
    expect(received.filter((r) => r.kind === 'ledger-record')).to.have.length(2);
  });

  it('a bad profile attribute logs one clear error and falls back', async () => {
    const errors = await captureErrors(async () => {
      const el = (await fixture(html`<aq-aigc-declare profile="xx"></aq-aigc-declare>`)) as AqAigcDeclare;
      await el.updateComplete;
      expect(el.activeProfile).to.equal('cn');
      expect(part(el, 'checkbox')).to.exist;
    });
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain('<aq-aigc-declare>').and.contain('profile="xx"');
    await aTimeout(0);
  });

  it('runs under a strict CSP with Trusted Types', async () => {
    await expectCspClean({
      modules: ['/packages/label/src/register.ts'],
      html: '<form><aq-aigc-declare name="aigc"></aq-aigc-declare></form>',
    });
  });
});
