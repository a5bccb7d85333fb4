// The report button alone: the dialog (form, taxonomy, messages) is a chunk its first click loads; when
// that chunk cannot load, the button shows the host's published channels, never nothing.
// This file imports only the button's registration, so nothing here has loaded the dialog before.
import '../../packages/report/src/report-button/aq-report-button.ts';
import { expect, fixture, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { ReportButtonHarness, ReportDialogHarness, until } from '../harness/index.js';

const block = (patterns: string[]) => executeServerCommand('aq-block-requests', { patterns });

describe('report button: the dialog loads on the first click', () => {
  after(() => block([]));

  it('no dialog on the page and the chunk fails: the button still says what to do and offers a retry', async () => {
    await block(['report-dialog.component']);
    const wrap = await fixture<HTMLDivElement>('<div lang="en"><aq-report-button></aq-report-button></div>');
    const button = wrap.querySelector('aq-report-button') as HTMLElement & { updateComplete: Promise<unknown> };
    const failed = oneEvent(button, 'aq-report-dialog-failed');
    await new ReportButtonHarness(button).press();
    await failed;
    await button.updateComplete;
    const panel = button.shadowRoot!.querySelector('[part="fallback"]')!;
    expect(panel.textContent).to.contain('cannot load');
    expect(panel.querySelector('[part="retry"]')).to.exist;
    expect(document.body.querySelector(':scope > aq-report-dialog'), 'no empty dialog left behind').to.equal(null);
  });

  it('[GBT45654-complaint-channels] the dialog chunk fails to load: the button shows the published channels and a retry; the retry opens the form', async () => {
    const wrap = await fixture<HTMLDivElement>(`<div lang="zh-CN">
      <aq-report-button message-id="m-1"></aq-report-button>
      <aq-report-dialog channel-phone="400-000-0000" channel-email="report@example.cn" channel-chat="javascript:alert(1)"></aq-report-dialog>
    </div>`);
    const button = wrap.querySelector('aq-report-button')!;
    expect(customElements.get('aq-report-dialog'), 'not loaded before the first click').to.equal(undefined);
    // The network loses the dialog's chunk (a real failed request, not a stub).
    await block(['report-dialog.component']);
    const failed = oneEvent(button, 'aq-report-dialog-failed');
    await new ReportButtonHarness(button).press();
    expect((await failed).detail.error)
      .to.be.a('string')
      .and.not.equal('');
    await (button as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const panel = button.shadowRoot!.querySelector('[part="fallback"]')!;
    expect(panel, 'a fallback panel, never nothing').to.exist;
    expect(panel.getAttribute('role')).to.equal('alert');
    const links = [...panel.querySelectorAll<HTMLAnchorElement>('[part="fallback-channel"] a')].map((a) => a.getAttribute('href'));
    // Mutation caught: a fallback that ignores the dialog's attributes (no channels), or one that links any scheme.
    expect(links).to.deep.equal(['tel:4000000000', 'mailto:report@example.cn']);
    expect(panel.textContent).to.contain('400-000-0000').and.contain('电话');
    // The unsafe chat URL is listed as text (the dialog's rule, report/src/channels.ts), never as a link.
    expect(panel.textContent).to.contain('javascript:alert(1)');
    expect(customElements.get('aq-report-dialog')).to.equal(undefined);
    // Back online: the retry loads the dialog and opens it for the message.
    await block([]);
    const retry = button.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry"]')!;
    retry.click();
    await until(() => !!customElements.get('aq-report-dialog'), 5000, 'the dialog chunk loads on retry');
    const dialog = new ReportDialogHarness(wrap.querySelector('aq-report-dialog') as HTMLElement & { show(c?: object): void });
    await until(() => dialog.isOpen, 5000, 'the report form opens');
    await until(() => !button.shadowRoot!.querySelector('[part="fallback"]'), 5000, 'the fallback goes once the form opens');
  });

  it('a dialog id that names nothing: the loaded dialog opens as a new element', async () => {
    const wrap = await fixture<HTMLDivElement>('<div lang="en"><aq-report-button dialog="missing"></aq-report-button></div>');
    await new ReportButtonHarness(wrap.querySelector('aq-report-button')!).press();
    await until(() => !!document.body.querySelector(':scope > aq-report-dialog'), 5000, 'a new dialog is appended');
    (document.body.querySelector(':scope > aq-report-dialog') as HTMLElement).remove();
  });
});
