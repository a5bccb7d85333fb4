// @anquan/vue in Chromium: `app.use(AnquanPlugin)` with Vue's full build (the in-browser template
// compiler, `vue/dist/vue.esm-browser.js`) and `compilerOptions.isCustomElement`: templates use the
// aq-* tags as they are, bind attributes and properties, and listen with `@aq-…`.
import { configure, resetConfig } from '@anquan/core';
import { ANQUAN_TAGS, AnquanPlugin, isAnquanElement } from '@anquan/vue';
import { aTimeout, expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { captureErrors, expectAccessible, ReportButtonHarness, silenceErrors } from '../harness/index.js';
import { manifestTags } from '../harness/manifest.js';

type VueNs = typeof import('vue');

/** A template rendered on the server by test/frameworks.node.test.mjs (which asserts VUE_SERVER_HTML) and hydrated here. */
export const VUE_SSR_TEMPLATE =
  '<div><p data-aq-message>Reply <aq-ai-label position="start" :text="label">inner</aq-ai-label></p><aq-report-button :message-id="id" @aq-request-report="onRequest"></aq-report-button></div>';
export const VUE_SERVER_HTML =
  '<div><p data-aq-message>Reply <aq-ai-label position="start" text="AI-generated">inner</aq-ai-label></p><aq-report-button message-id="m-1"></aq-report-button></div>';
let Vue: VueNs;

before(async () => {
  Vue = (await import('/node_modules/vue/dist/vue.esm-browser.js' as string)) as VueNs;
});

const mounted: { unmount(): void }[] = [];
afterEach(() => {
  for (const app of mounted.splice(0)) app.unmount();
  for (const n of document.querySelectorAll('[data-vue-host]')) n.remove();
  resetConfig();
});

/** Mount `component` with the plugin and isCustomElement; returns the host and the Vue warnings. */
function mount(component: Record<string, unknown>, options: { customElements?: boolean; lang?: string } = {}) {
  const host = document.createElement('div');
  host.dataset.vueHost = '';
  host.lang = options.lang ?? 'en';
  document.body.append(host);
  const warnings: string[] = [];
  const app = Vue.createApp(component);
  app.config.warnHandler = (msg) => warnings.push(msg);
  if (options.customElements !== false) app.config.compilerOptions.isCustomElement = isAnquanElement;
  app.use(AnquanPlugin);
  app.mount(host);
  mounted.push(app);
  return { host, warnings, app };
}

async function settle(el: Element | null): Promise<void> {
  await Vue.nextTick();
  await (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
}

describe('@anquan/vue', () => {
  it('the plugin defines every aq-* element and registers no Vue component or global', async () => {
    const app = Vue.createApp({});
    const before = {
      components: Object.keys(app._context.components),
      directives: Object.keys(app._context.directives),
      globals: Object.keys(app.config.globalProperties),
      provides: Reflect.ownKeys(app._context.provides).length,
    };
    app.use(AnquanPlugin);
    expect(Object.keys(app._context.components)).to.deep.equal(before.components);
    expect(Object.keys(app._context.directives)).to.deep.equal(before.directives);
    expect(Object.keys(app.config.globalProperties)).to.deep.equal(before.globals);
    expect(Reflect.ownKeys(app._context.provides).length).to.equal(before.provides);
    expect([...ANQUAN_TAGS], "ANQUAN_TAGS is the manifests' list").to.deep.equal(await manifestTags());
    const missing = ANQUAN_TAGS.filter((t) => !customElements.get(t));
    expect(missing, 'tags the umbrella `anquan` did not define').to.deep.equal([]);
    expect(isAnquanElement('aq-ai-label')).to.be.true;
    expect(isAnquanElement('div')).to.be.false;
  });

  it('a template binds attributes and reactive props of <aq-ai-label>, without Vue warnings', async () => {
    const { host, warnings } = mount({
      template: `<p>Reply <aq-ai-label position="start" :text="text">Hello</aq-ai-label></p>`,
      setup() {
        return { text: Vue.ref('AI-generated reply') };
      },
    });
    const el = host.querySelector('aq-ai-label') as HTMLElement & { position: string; text: string | null };
    await settle(el);
    expect(el).to.be.instanceOf(customElements.get('aq-ai-label')!);
    expect(el.position).to.equal('start');
    expect(el.text).to.equal('AI-generated reply');
    expect(el.shadowRoot!.textContent).to.contain('AI-generated reply');
    expect(warnings, 'Vue warnings').to.deep.equal([]);
    await expectAccessible(host);
  });

  it('reactive state flows into the element and its events flow back through @aq-… listeners', async () => {
    const { host, warnings } = mount({
      template: `<div data-aq-message>
        <span>{{ requests.length }} report requests, last {{ last }}</span>
        <aq-report-button :message-id="messageId" conversation-id="c-1" @aq-request-report="onRequest"></aq-report-button>
      </div>`,
      setup() {
        const messageId = Vue.ref('m-1');
        const requests = Vue.ref<unknown[]>([]);
        const last = Vue.ref('');
        const onRequest = (e: CustomEvent<{ messageId?: string; conversationId?: string }>) => {
          e.preventDefault(); // the app opens its own form
          requests.value.push(e.detail);
          last.value = e.detail.messageId ?? '';
          messageId.value = 'm-2';
        };
        return { messageId, requests, last, onRequest };
      },
    });
    const el = host.querySelector('aq-report-button') as HTMLElement & { messageId: string };
    await settle(el);
    expect(el.messageId).to.equal('m-1');
    new ReportButtonHarness(el).button.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(host.querySelector('span')!.textContent).to.equal('1 report requests, last m-1');
    expect(el.messageId, 'the handler changed state; Vue re-bound the property').to.equal('m-2');
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(host.querySelector('span')!.textContent).to.equal('2 report requests, last m-2');
    expect(document.querySelector('aq-report-dialog'), 'preventDefault() in the Vue handler stopped the dialog').to.be.null;
    expect(warnings).to.deep.equal([]);
  });

  it('binds objects as properties (:disclosure) and receives their events', async () => {
    // The element reports the incomplete disclosure on the console too.
    await silenceErrors(async () => {
      const disclosure = { intendedUsers: 'Adults' };
      const missing: string[][] = [];
      const { host } = mount({
        template: `<aq-transparency :disclosure="disclosure" @aq-disclosure-found-incomplete="missing.push($event.detail.missing)"></aq-transparency>`,
        setup: () => ({ disclosure, missing }),
      });
      const el = host.querySelector('aq-transparency') as HTMLElement & { disclosure: unknown };
      await settle(el);
      await aTimeout(0);
      expect(el.disclosure).to.equal(disclosure);
      expect(el.hasAttribute('disclosure')).to.be.false;
      expect(missing.length).to.equal(1);
      expect(missing[0]).to.not.include('intendedUsers');
    });
  });

  it('follows lang (zh-CN, en) and the profile (cn, eu) in a Vue tree', async () => {
    const { host } = mount(
      {
        template: `<aq-ai-notice position="bottom" @aq-ai-notice-dismissed="dismissed.push($event.detail)"></aq-ai-notice>`,
        setup: () => ({ dismissed: Vue.reactive<unknown[]>([]) }),
      },
      { lang: 'zh-CN' },
    );
    const el = host.querySelector('aq-ai-notice') as HTMLElement;
    await settle(el);
    expect(el.shadowRoot!.textContent).to.match(/人工智能/);
    expect(el.shadowRoot!.querySelector('button'), 'not dismissible under cn').to.be.null;
    const seen: unknown[] = [];
    host.addEventListener('aq-ai-notice-dismissed', (e) => seen.push((e as CustomEvent).detail));
    configure({ profile: 'eu' });
    host.lang = 'en';
    await aTimeout(0);
    await settle(el);
    expect(el.shadowRoot!.textContent).to.match(/AI/);
    el.shadowRoot!.querySelector('button')!.focus();
    await sendKeys({ press: 'Enter' });
    expect(seen).to.deep.equal([{ position: 'bottom' }]);
  });

  it('hydrates server-rendered markup (createSSRApp): no mismatch, the same nodes upgrade and listen', async () => {
    const host = document.createElement('div');
    host.dataset.vueHost = '';
    host.lang = 'en';
    host.innerHTML = VUE_SERVER_HTML;
    document.body.append(host);
    const serverLabel = host.querySelector('aq-ai-label') as HTMLElement & { text: string | null; position: string };
    const serverButton = host.querySelector('aq-report-button') as HTMLElement & { messageId: string };
    const requests: unknown[] = [];
    const warnings: string[] = [];
    const app = Vue.createSSRApp({
      template: VUE_SSR_TEMPLATE,
      setup: () => ({
        label: Vue.ref('AI-generated'),
        id: Vue.ref('m-1'),
        onRequest: (e: CustomEvent) => {
          e.preventDefault();
          requests.push(e.detail);
        },
      }),
    });
    app.config.compilerOptions.isCustomElement = isAnquanElement;
    app.config.warnHandler = (msg) => warnings.push(msg);
    // Vue reports hydration mismatches on the console.
    const errors = await captureErrors(() => {
      app.use(AnquanPlugin);
      app.mount(host);
      mounted.push(app);
    });
    expect(
      [...warnings, ...errors].filter((m) => /mismatch|hydrat/i.test(m)),
      'hydration mismatches',
    ).to.deep.equal([]);
    expect(host.querySelector('aq-ai-label'), 'the server node was kept').to.equal(serverLabel);
    await settle(serverLabel);
    expect(serverLabel.text).to.equal('AI-generated');
    expect(serverLabel.position).to.equal('start');
    await settle(serverButton);
    expect(serverButton.messageId).to.equal('m-1');
    await new ReportButtonHarness(serverButton).press();
    expect(requests).to.deep.equal([{ source: 'aq-report-button', messageId: 'm-1', conversationId: undefined }]);
  });
});
