import { AnquanStorage, configure, Outbox, resetConfig } from '@anquan/core';
import { type AqReportDialog, type AqReportStatus, addWorkingDays, CN_2025, ReportClient, validateDraft } from '@anquan/report';
import '@anquan/report/register';
import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  captureErrors,
  expectAccessible,
  expectCspClean,
  ReportButtonHarness,
  ReportDialogHarness,
  testIntake,
  unique,
  until,
} from '../harness/index.js';

function newClient() {
  const storage = new AnquanStorage(unique('aq-report'));
  return new ReportClient({ storage, outbox: new Outbox({ storage, baseDelayMs: 20, maxDelayMs: 200 }) });
}

const $ = <T extends Element = HTMLElement>(d: AqReportDialog, sel: string) => d.shadowRoot!.querySelector(sel) as T;
const deepActive = (d: Element) => d.shadowRoot!.activeElement as HTMLElement | null;

async function setup(profile: 'cn' | 'eu' = 'cn', attrs = '') {
  const intake = testIntake();
  configure({ endpoint: intake.endpoint, profile });
  const client = newClient();
  const wrap = await fixture<HTMLDivElement>(`<div lang="${profile === 'cn' ? 'zh-CN' : 'en'}">
    <div data-aq-message><p>The moon is made of cheese, generated.</p><aq-report-button message-id="msg-1" conversation-id="conv-1"></aq-report-button></div>
    <aq-report-dialog ${attrs} receipt-wait-ms="5000"></aq-report-dialog>
  </div>`);
  const dialog = wrap.querySelector('aq-report-dialog')!;
  dialog.client = client;
  const button = wrap.querySelector('aq-report-button')!;
  await dialog.updateComplete;
  return { intake, client, wrap, dialog, button };
}

/** The user's steps on a dialog (open from its button, choose, fill, submit). */
const steps = (dialog: AqReportDialog) => new ReportDialogHarness(dialog);

describe('report', () => {
  afterEach(() => {
    resetConfig();
    for (const d of document.querySelectorAll('aq-report-dialog')) d.remove();
  });

  it('[INTERIM-15-entry] the message button opens the dialog by keyboard, for a user who is not logged in', async () => {
    const { button, dialog } = await setup('cn');
    const requested = oneEvent(button, 'aq-request-report');
    button.shadowRoot!.querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    const ev = await requested;
    expect(ev.detail).to.deep.equal({ source: 'aq-report-button', messageId: 'msg-1', conversationId: 'conv-1' });
    await until(() => $<HTMLDialogElement>(dialog, 'dialog').open);
    expect($(dialog, 'dialog').getAttribute('aria-labelledby')).to.equal('title');
    // Category first: the select has focus.
    await until(() => deepActive(dialog)?.id === 'category');
    const btn = button.shadowRoot!.querySelector('button')!;
    expect(btn.getAttribute('aria-haspopup')).to.equal('dialog');
    expect(btn.textContent!.trim()).to.equal('举报');
    await expectAccessible(button);
    await sendKeys({ press: 'Escape' });
    await until(() => !dialog.open);
  });

  it('Escape and the close button ask first (aq-request-close with its source); a cancelled close keeps the dialog open, even on a second Escape; focus returns to the button', async () => {
    const { button, dialog } = await setup('en');
    const sources: string[] = [];
    let keepOpen = true;
    dialog.addEventListener('aq-request-close', (e) => {
      sources.push(e.detail.source);
      if (keepOpen) e.preventDefault();
    });
    const inner = button.shadowRoot!.querySelector('button')!;
    inner.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => $<HTMLDialogElement>(dialog, 'dialog').open);
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Escape' });
    await aTimeout(50);
    // Each Escape asks; Chromium closes the dialog on the second one anyway, and it opens again.
    expect(sources).to.deep.equal(['escape', 'escape']);
    expect($<HTMLDialogElement>(dialog, 'dialog').open, 'the host kept it open').to.be.true;
    expect(dialog.open).to.be.true;
    $<HTMLButtonElement>(dialog, 'header button').click();
    expect(sources).to.deep.equal(['escape', 'escape', 'close-button']);
    expect(dialog.open).to.be.true;
    keepOpen = false;
    const closed = oneEvent(dialog, 'aq-report-closed');
    await sendKeys({ press: 'Escape' });
    expect((await closed).detail.submitted).to.equal(false);
    expect(dialog.open).to.be.false;
    expect(deepActive(button)).to.equal(inner);
  });

  it('[INTERIM-15-entry] the global entry opens a dialog even when the page has none', async () => {
    configure({ endpoint: testIntake().endpoint });
    const el = await fixture<HTMLElement>(html`<aq-report-button variant="global"></aq-report-button>`);
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(el.shadowRoot!.querySelector('button')!.textContent!.trim()).to.equal('投诉举报');
    await new ReportButtonHarness(el).press();
    // The dialog is its own chunk, loaded by the first click.
    await until(() => !!document.querySelector('aq-report-dialog'), 5000, 'a dialog was created');
    const dialog = document.querySelector('aq-report-dialog')!;
    await until(() => !!$<HTMLDialogElement>(dialog, 'dialog')?.open);
    dialog.close();
    await dialog.updateComplete;
    dialog.remove();
  });

  it('lists the 31 Appendix A risks in their 5 groups, the product categories and other', async () => {
    const { button, dialog } = await setup('cn');
    await steps(dialog).open(button);
    const groups = [...dialog.shadowRoot!.querySelectorAll('optgroup')];
    expect(groups).to.have.length(6);
    const appendix = groups.slice(0, 5).reduce((n, g) => n + g.querySelectorAll('option').length, 0);
    expect(appendix).to.equal(31);
    const product = [...groups[5].querySelectorAll('option')].map((o) => o.value);
    expect(product).to.include.members(['P.personal-info', 'P.unlabelled-ai', 'P.csam', 'P.other']);
    expect(groups[0].label).to.contain('A1');
    await expectAccessible(dialog);
  });

  it('[INTERIM-15-process] [GBT45654-complaint-channels] shows the process, the time limit and the host channels before submission', async () => {
    const { button, dialog, wrap } = await setup(
      'cn',
      'channel-phone="400-800-1234" channel-email="report@example.cn" channel-sms="10690000" channel-chat="/help/chat"',
    );
    await steps(dialog).open(button);
    const process = $(dialog, '[part=process]');
    expect(process.textContent).to.contain('15 个工作日');
    expect(process.textContent).to.contain('默认时限');
    // The handling process itself is published, not only the time limit: the default, or the host's own.
    expect(process.textContent).to.contain('登记并生成受理编号').and.to.contain('将处理结果反馈给您');
    (dialog as HTMLElement & { process: string }).process = '受理后由合规组在 3 个工作日内初审。';
    await dialog.updateComplete;
    expect($(dialog, '[part=process]').textContent).to.contain('受理后由合规组在 3 个工作日内初审。');
    (dialog as HTMLElement & { process: string }).process = '';
    await dialog.updateComplete;
    const links = [...process.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal([
      'tel:4008001234',
      'mailto:report@example.cn',
      'sms:10690000',
      new URL('/help/chat', document.baseURI).href,
    ]);
    expect(process.textContent).to.contain('电话').and.to.contain('短信').and.to.contain('在线窗口');
    // The process comes before the submit button in reading order.
    const submitBtn = $(dialog, 'button[type=submit]');
    expect(process.compareDocumentPosition(submitBtn) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    // Configured limit, and English.
    configure({ thresholds: { complaintDeadlineWorkingDays: 10 } });
    wrap.setAttribute('lang', 'en');
    await dialog.updateComplete;
    expect($(dialog, '[part=process]').textContent).to.contain('within 10 working days');
    expect($(dialog, '[part=process]').textContent).to.contain('Telephone').and.to.contain('SMS').and.to.contain('Online window');
    expect($(dialog, 'h2').textContent).to.equal('Complaint or report');
  });

  it("[GBT45654-complaint-channels] lists every published channel, linking only safe ones (the rules the button's fallback shares)", async () => {
    // The host's attributes come from its CMS: a javascript: chat URL or a malformed e-mail must not become a link,
    // but the channel is still listed. Mutation caught: linking the chat URL as given (any scheme).
    const { button, dialog } = await setup(
      'cn',
      'channel-email="report at example" channel-chat="javascript:alert(1)" channel-phone="400-800-1234"',
    );
    await steps(dialog).open(button);
    const process = $(dialog, '[part=process]');
    const links = [...process.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['tel:4008001234']);
    expect(process.textContent).to.contain('report at example').and.contain('javascript:alert(1)');
  });

  it('[INTERIM-15-feedback] keyboard-only flow: category, description, evidence, submit, receipt with tracking number and due date', async () => {
    const { button, dialog, intake } = await setup('cn');
    button.shadowRoot!.querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive(dialog)?.id === 'category');
    await dialog.updateComplete;
    await sendKeys({ press: 'ArrowDown' }); // A1.a
    await sendKeys({ press: 'ArrowDown' }); // A1.b
    await dialog.updateComplete;
    expect($<HTMLSelectElement>(dialog, '#category').value).to.equal('A1.b');
    await sendKeys({ press: 'Tab' });
    expect(deepActive(dialog)?.id).to.equal('description');
    await sendKeys({ type: 'harmful answer' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive(dialog)?.id).to.equal('evidence');
    await sendKeys({ press: 'Space' });
    for (let i = 0; i < 20 && deepActive(dialog)?.getAttribute('type') !== 'submit'; i++) await sendKeys({ press: 'Tab' });
    expect(deepActive(dialog)?.getAttribute('type')).to.equal('submit');
    const submitted = oneEvent(dialog, 'aq-report-submitted');
    await sendKeys({ press: 'Enter' });
    const ev = await submitted;
    expect(ev.detail.state).to.equal('received');
    await dialog.updateComplete;
    const receipt = $(dialog, '[part=receipt]');
    expect(receipt.getAttribute('role')).to.equal('status');
    expect(receipt.textContent).to.contain(ev.detail.trackingNumber!);
    expect(ev.detail.trackingNumber).to.match(/^AQ-\d{8}-/);
    expect(receipt.textContent).to.contain('前反馈处理结果');
    expect(deepActive(dialog)?.id).to.equal('receipt-title');
    await expectAccessible(dialog);
    const got = await intake.received();
    expect(got).to.have.length(1);
    const payload = got[0].payload as Record<string, unknown>;
    expect(payload).to.include({
      category: 'A1.b',
      description: 'harmful answer',
      messageId: 'msg-1',
      conversationId: 'conv-1',
      lang: 'zh-CN',
    });
    expect(payload.evidence).to.include({ messageId: 'msg-1', pageUrl: location.href });
    expect((payload.evidence as { excerpt: string }).excerpt).to.contain('The moon is made of cheese');
    // Due date: 15 working days after receipt.
    const receiptBody = got[0].receipt as { receivedAt: string; dueAt: string };
    expect(ev.detail.dueAt).to.equal(receiptBody.dueAt);
    expect(receiptBody.dueAt).to.equal(addWorkingDays(new Date(receiptBody.receivedAt), 15).toISOString());
    await sendKeys({ press: 'Tab' });
    expect(deepActive(dialog)?.textContent).to.equal('关闭');
    await sendKeys({ press: 'Enter' }); // the receipt's Close button
    await until(() => !$<HTMLDialogElement>(dialog, 'dialog').open);
  });

  it("evidence is attached only with the user's agreement", async () => {
    const { button, dialog, intake } = await setup('cn');
    await steps(dialog).open(button);
    await steps(dialog).chooseCategory('A4.c');
    expect($(dialog, '#evidence-details').textContent).to.contain('msg-1');
    await steps(dialog).submit();
    await oneEvent(dialog, 'aq-report-submitted');
    const [rec] = await intake.received();
    expect((rec.payload as Record<string, unknown>).evidence).to.equal(undefined);
  });

  it('[PIPL-50-rights] a personal-information request needs access, copy, correction or deletion', async () => {
    const { button, dialog, intake } = await setup('cn');
    await steps(dialog).open(button);
    await steps(dialog).chooseCategory('P.personal-info');
    const radios = [...dialog.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name=rights]')];
    expect(radios.map((r) => r.value)).to.deep.equal(['access', 'copy', 'correction', 'deletion']);
    expect(dialog.shadowRoot!.querySelector('fieldset legend')!.textContent).to.contain('个人信息权利请求');
    await steps(dialog).submit();
    expect($(dialog, '[part=errors]').textContent).to.contain('请选择个人信息权利请求类型');
    expect(radios[0].getAttribute('aria-invalid')).to.equal('true');
    expect(deepActive(dialog)).to.equal(radios[0]);
    expect(await intake.received()).to.have.length(0);
    radios[3].click();
    await steps(dialog).submit();
    await oneEvent(dialog, 'aq-report-submitted');
    const [rec] = await intake.received();
    expect(rec.payload).to.include({ category: 'P.personal-info', rightsRequest: 'deletion' });
  });

  it('[MEASURES-report-unlabelled] unlabelled AI-generated content can be reported', async () => {
    const { button, dialog, intake } = await setup('cn');
    await steps(dialog).open(button);
    const option = $<HTMLOptionElement>(dialog, 'option[value="P.unlabelled-ai"]');
    expect(option.textContent).to.equal('未标识的人工智能生成合成内容');
    await steps(dialog).chooseCategory('P.unlabelled-ai');
    await steps(dialog).submit();
    await oneEvent(dialog, 'aq-report-submitted');
    expect((await intake.received())[0].payload).to.include({ category: 'P.unlabelled-ai' });
  });

  it('validation errors: a summary with role=alert, aria-invalid, focus on the first field, nothing sent', async () => {
    const { button, dialog, intake } = await setup('cn');
    await steps(dialog).open(button);
    await steps(dialog).fillField('email', 'not-an-address');
    await steps(dialog).submit();
    const errors = $(dialog, '[part=errors]');
    expect(errors.getAttribute('role')).to.equal('alert');
    expect(errors.textContent).to.contain('请选择举报类别').and.to.contain('电子邮箱格式不正确');
    const select = $(dialog, '#category');
    expect(select.getAttribute('aria-invalid')).to.equal('true');
    expect(select.getAttribute('aria-describedby')).to.equal('category-error');
    expect(deepActive(dialog)).to.equal(select);
    expect($(dialog, '#email').getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(dialog);
    expect(await intake.posts()).to.have.length(0);
    // Pure validation: "other" needs a description.
    expect(validateDraft({ category: 'P.other', description: ' ', evidence: null }, { dsa: false }).map((e) => e.key)).to.deep.equal([
      'errDescription',
    ]);
  });

  it('attachment limits: type and size are checked with clear errors; an allowed file is sent', async () => {
    const { button, dialog, intake } = await setup('eu', 'max-file-size="1000"');
    document.querySelector('[lang]')!.setAttribute('lang', 'en');
    await steps(dialog).open(button);
    const input = $<HTMLInputElement>(dialog, '#file');
    const put = async (file: File) => {
      const dt = new DataTransfer();
      dt.items.add(file);
      input.files = dt.files;
      input.dispatchEvent(new Event('change'));
      await aTimeout(50);
      await dialog.updateComplete;
    };
    await put(new File(['MZ...'], 'tool.exe', { type: 'application/x-msdownload' }));
    expect($(dialog, '#file-error').textContent).to.contain('This file type is not supported: application/x-msdownload');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.value).to.equal('');
    await put(new File([new Uint8Array(2000)], 'big.png', { type: 'image/png' }));
    expect($(dialog, '#file-error').textContent).to.contain('too large (2.0 KB); the limit is 1000 B');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await put(new File([png], 'shot.png', { type: 'image/png' }));
    expect($(dialog, '#file-error')).to.equal(null);
    expect(dialog.shadowRoot!.textContent).to.contain('shot.png (7 B)');
    await steps(dialog).chooseCategory('STATEMENT_CATEGORY_VIOLENCE');
    await steps(dialog).fillField('description', 'explicit content');
    await steps(dialog).fillField('name', 'Ana');
    await steps(dialog).fillField('email', 'ana@example.eu');
    $<HTMLInputElement>(dialog, '#bonafide').click();
    await steps(dialog).submit();
    await oneEvent(dialog, 'aq-report-submitted');
    const [rec] = await intake.received();
    const att = (rec.payload as { attachments: { name: string; size: number; dataBase64: string }[] }).attachments[0];
    expect(att).to.include({ name: 'shot.png', size: 7, dataBase64: btoa(String.fromCharCode(...png)) });
  });

  it('[DSA-16.2-notice] eu profile: explanation, exact URL, name and e-mail, good-faith statement are required', async () => {
    const { button, dialog, intake } = await setup('eu');
    await steps(dialog).open(button);
    expect($(dialog, 'label[for=description]').textContent).to.contain('Why you consider the content illegal');
    expect($<HTMLTextAreaElement>(dialog, '#locations').value).to.equal(location.href);
    await steps(dialog).fillField('locations', '');
    await steps(dialog).chooseCategory('STATEMENT_CATEGORY_CYBER_VIOLENCE');
    await steps(dialog).submit();
    const text = $(dialog, '[part=errors]').textContent!;
    for (const m of [
      'Explain why the content is illegal',
      'Give at least one URL',
      'Enter your name',
      'Enter a valid e-mail',
      'Confirm the good-faith statement',
    ])
      expect(text).to.contain(m);
    for (const id of ['description', 'locations', 'name', 'email', 'bonafide'])
      expect($(dialog, `#${id}`).getAttribute('aria-invalid'), id).to.equal('true');
    await expectAccessible(dialog);
    expect(await intake.posts()).to.have.length(0);
    await steps(dialog).fillField('description', 'Defamatory claim about a named person');
    await steps(dialog).fillField('locations', 'https://chat.example/c/1#m-1\nhttps://chat.example/c/1#m-2');
    await steps(dialog).fillField('name', 'Ana Example');
    await steps(dialog).fillField('email', 'ana@example.eu');
    $<HTMLInputElement>(dialog, '#bonafide').click();
    await steps(dialog).submit();
    const ev = await oneEvent(dialog, 'aq-report-submitted');
    expect(ev.detail.state).to.equal('received');
    const [rec] = await intake.received();
    expect((rec as unknown as { profile: string }).profile).to.equal('eu');
    // The DSA category is sent with the risk it is routed as.
    expect((rec.payload as { category: string }).category).to.equal('A4.a');
    expect((rec.payload as { dsa: unknown }).dsa).to.deep.equal({
      category: 'STATEMENT_CATEGORY_CYBER_VIOLENCE',
      explanation: 'Defamatory claim about a named person',
      locations: ['https://chat.example/c/1#m-1', 'https://chat.example/c/1#m-2'],
      reporterName: 'Ana Example',
      reporterEmail: 'ana@example.eu',
      bonaFide: true,
    });
  });

  it('[DSA-16.2-notice] a child-sexual-abuse notice needs no name or e-mail', async () => {
    const { button, dialog, intake } = await setup('eu');
    await steps(dialog).open(button);
    await steps(dialog).chooseCategory('KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL');
    expect(dialog.shadowRoot!.textContent).to.contain('Name and e-mail are not required for this category.');
    expect($<HTMLInputElement>(dialog, '#name').required).to.equal(false);
    await steps(dialog).fillField('description', 'CSAM');
    $<HTMLInputElement>(dialog, '#bonafide').click();
    await steps(dialog).submit();
    await oneEvent(dialog, 'aq-report-submitted');
    const [rec] = await intake.received();
    expect((rec.payload as { dsa: Record<string, unknown> }).dsa.reporterName).to.equal(undefined);
    expect((rec.payload as { category: string }).category, 'routed to the authority only').to.equal('P.csam');
  });

  it('[DSA-16.2-notice] the eu profile offers the DSA Transparency Database statement categories, not the China Appendix A list', async () => {
    const { button, dialog } = await setup('eu');
    await steps(dialog).open(button);
    const values = Array.from(dialog.shadowRoot!.querySelectorAll<HTMLOptionElement>('#category option'))
      .map((o) => o.value)
      .filter(Boolean);
    expect(values).to.include.members([
      'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
      'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
      'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
      'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL',
    ]);
    expect(
      values.filter((v) => /^A[1-5]\./.test(v)),
      'no Appendix A risk',
    ).to.deep.equal([]);
    expect(dialog.shadowRoot!.textContent).not.to.contain('socialist');
    expect(dialog.shadowRoot!.textContent).not.to.contain('社会主义');
  });

  it('offline: shows the "queued, will be sent" receipt with the local id; the report arrives later, once', async () => {
    const { button, dialog, intake, client } = await setup('cn', 'receipt-wait-ms="300"');
    await intake.faults({ failNext: 1000 });
    await steps(dialog).open(button);
    await steps(dialog).chooseCategory('A5.a');
    await steps(dialog).submit();
    const ev = await oneEvent(dialog, 'aq-report-submitted');
    expect(ev.detail.state).to.equal('queued');
    await dialog.updateComplete;
    expect($(dialog, '[part=receipt]').textContent).to.contain(`本地编号：${ev.detail.id}`);
    const stored = await client.outbox.items();
    expect(stored.map((i) => i.id)).to.deep.equal([ev.detail.id]);
    await intake.faults({ failNext: 0 });
    client.outbox.kick(true);
    await until(async () => (await client.list())[0]?.state === 'received');
    const [mine] = await client.list();
    const got = await intake.received();
    expect(got).to.have.length(1);
    expect(mine.receipt!.trackingNumber).to.equal((got[0].receipt as { trackingNumber: string }).trackingNumber);
  });

  it('[DSA-16.4-receipt] [INTERIM-15-feedback] the status list shows the endpoint status and the decision with redress', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint, profile: 'eu' });
    const client = newClient();
    const sent = await client.submit({
      category: 'A4.c',
      description: 'x',
      dsa: { explanation: 'x', locations: ['https://a/1'], reporterName: 'A', reporterEmail: 'a@b.eu', bonaFide: true },
    });
    expect(sent.state).to.equal('received');
    const tracking = sent.report.receipt!.trackingNumber!;
    const wrap = await fixture<HTMLDivElement>(html`<div lang="en"><aq-report-status .client=${client}></aq-report-status></div>`);
    const status = wrap.querySelector('aq-report-status') as AqReportStatus;
    await until(() => status.shadowRoot!.textContent!.includes(tracking));
    expect(status.shadowRoot!.querySelector('.state')!.textContent).to.equal('Received');
    expect(status.shadowRoot!.textContent).to.contain('working days left');
    await expectAccessible(status);
    const r = await fetch(`${intake.endpoint}/__decision/${tracking}`, {
      method: 'POST',
      body: JSON.stringify({
        status: 'decided',
        decision: { outcome: 'Content removed', reasons: 'Defamation', automated: false, redress: 'You may appeal within 6 months.' },
      }),
    });
    expect(r.status).to.equal(200);
    status.shadowRoot!.querySelector<HTMLButtonElement>('[part=refresh]')!.click();
    await until(() => status.shadowRoot!.textContent!.includes('Content removed'));
    const text = status.shadowRoot!.textContent!;
    expect(text)
      .to.contain('Decided')
      .and.to.contain('Defamation')
      .and.to.contain('You may appeal within 6 months.')
      .and.to.contain('Automated means used');
    wrap.setAttribute('lang', 'zh-CN');
    await until(() => status.shadowRoot!.textContent!.includes('已处理'));
    expect(status.shadowRoot!.textContent).to.contain('申诉与救济途径');
    await expectAccessible(status);
  });

  it('the status list repairs a report whose receipt was lost (re-sent with the same key, stored once)', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    const client = newClient();
    const sent = await client.submit({ category: 'A1.g' });
    // Simulate a page closed after the send but before the receipt was written.
    await client.storage.put('records', { ...sent.report, state: 'queued', receipt: undefined });
    expect(await client.reconcile()).to.equal(1);
    await until(async () => (await client.list())[0].state === 'received');
    expect((await client.list())[0].receipt!.trackingNumber).to.equal(sent.report.receipt!.trackingNumber);
    expect(await intake.received()).to.have.length(1);
  });

  it('bad attributes log one error naming element, attribute and allowed values, with a safe fallback', async () => {
    const errors = await captureErrors(async () => {
      const btn = await fixture<HTMLElement>(html`<aq-report-button variant="huge"></aq-report-button>`);
      await (btn as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      expect(btn.shadowRoot!.querySelector('button')!.textContent!.trim()).to.equal('举报');
      const { dialog, button } = await setup('cn', 'deadline-days="30"');
      await steps(dialog).open(button);
      expect($(dialog, '[part=process]').textContent).to.contain('15 个工作日');
    });
    expect(errors.filter((e) => e.includes('<aq-report-button> variant="huge"') && e.includes('message, global'))).to.have.length(1);
    expect(errors.filter((e) => e.includes('<aq-report-dialog> deadline-days="30"') && e.includes('1 to 15'))).to.have.length(1);
  });

  it('working days in the browser: weekends, holidays and make-up days (调休)', () => {
    expect(addWorkingDays(new Date('2025-01-24T10:00:00+08:00'), 15, CN_2025).toISOString()).to.equal('2025-02-20T02:00:00.000Z');
    expect(addWorkingDays(new Date('2025-03-07T12:00:00Z'), 1).toISOString()).to.equal('2025-03-10T12:00:00.000Z');
  });

  it('runs under a strict CSP with Trusted Types', async () => {
    await expectCspClean({
      modules: ['/packages/report/src/register.ts'],
      html: '<aq-report-button message-id="m1"></aq-report-button><aq-report-button variant="global"></aq-report-button><aq-report-dialog open channel-phone="400"></aq-report-dialog><aq-report-status></aq-report-status>',
    });
  });
});
