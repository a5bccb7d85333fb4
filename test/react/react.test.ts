// @anquan/react in Chromium: the wrappers (React 19 + @lit/react) render the real elements, set
// element properties (objects included) as properties, and deliver DOM events to `onAq…` props.
// React and react-dom are CommonJS, so they and the wrappers come from one ES bundle built by
// test/react/build-fixture.mjs into node_modules/.cache/anquan/ (`node test/react/build-fixture.mjs`).
import { configure, resetConfig } from '@anquan/core';
import { aTimeout, expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type * as Wrappers from '../../packages/react/src/index.js';
import { captureErrors, expectAccessible, ReportButtonHarness, silenceErrors } from '../harness/index.js';
import { manifestTags } from '../harness/manifest.js';

type ReactNs = typeof import('react');
type Fixture = typeof Wrappers & {
  React: ReactNs;
  act: ReactNs['act'];
  flushSync: (fn: () => void) => void;
  createRoot: (el: Element) => { render(node: unknown): void; unmount(): void };
  hydrateRoot: (
    el: Element,
    node: unknown,
    options?: { onRecoverableError?: (e: unknown) => void },
  ) => { render(node: unknown): void; unmount(): void };
};

/** What react-dom/server renders for `hydrationTree()` (asserted in test/frameworks.node.test.mjs). */
export const REACT_SERVER_HTML =
  '<p data-aq-message="">Reply <aq-ai-label id="l1" class="tag">inner</aq-ai-label></p><aq-report-button></aq-report-button>';

/** Every tag, from the manifests (test/harness/manifest.ts). */
const ALL_TAGS = await manifestTags();

const pascal = (tag: string) => tag.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());

let fx: Fixture;
let host: HTMLElement;
let root: ReturnType<Fixture['createRoot']>;

before(async () => {
  // React's act() environment flag: lets act() flush effects without a warning.
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  try {
    fx = (await import('/node_modules/.cache/anquan/react-bundle.js' as string)) as Fixture;
  } catch (err) {
    throw new Error(
      `/node_modules/.cache/anquan/react-bundle.js is missing or broken: run \`node test/react/build-fixture.mjs\` first (${err})`,
    );
  }
});

beforeEach(() => {
  host = document.createElement('div');
  host.lang = 'en';
  document.body.append(host);
  root = fx.createRoot(host);
});

afterEach(async () => {
  await fx.act(async () => root.unmount());
  host.remove();
  resetConfig();
});

async function render(node: unknown): Promise<void> {
  await fx.act(async () => root.render(node));
}

async function settle(el: Element): Promise<void> {
  await (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
}

describe('@anquan/react', () => {
  it('has one wrapper per element, named after its tag, and importing it defines every tag', () => {
    for (const tag of ALL_TAGS) {
      const name = pascal(tag);
      const component = (fx as unknown as Record<string, { displayName?: string; $$typeof?: symbol }>)[name];
      expect(component, name).to.exist;
      expect(component.displayName, `${name}.displayName`).to.equal(name);
      expect(component.$$typeof, `${name} is a React forwardRef component`).to.equal(Symbol.for('react.forward_ref'));
      expect(customElements.get(tag), `<${tag}> defined`).to.exist;
    }
  });

  it('renders the real element with props set as element properties, and updates them on re-render', async () => {
    const { React, AqAiLabel } = fx;
    const ref = React.createRef<HTMLElement>();
    await render(
      React.createElement(AqAiLabel, { ref, position: 'start', text: 'AI-generated reply', id: 'lbl', className: 'reply-label' }, 'Hello'),
    );
    const el = host.querySelector('aq-ai-label') as HTMLElement & { position: string; text: string | null; wording?: string };
    expect(el).to.be.instanceOf(customElements.get('aq-ai-label')!);
    expect(ref.current).to.equal(el);
    expect(el.id).to.equal('lbl');
    expect(el.className).to.equal('reply-label');
    expect(el.position).to.equal('start');
    expect(el.text).to.equal('AI-generated reply');
    await settle(el);
    expect(el.getAttribute('position'), 'reflected by the element').to.equal('start');
    expect(el.shadowRoot!.textContent).to.contain('AI-generated reply');
    expect(el.textContent).to.equal('Hello');

    await render(React.createElement(AqAiLabel, { ref, position: 'end', text: 'AI-generated answer', id: 'lbl' }, 'Hello'));
    expect(host.querySelector('aq-ai-label'), 'the same element is kept').to.equal(el);
    await settle(el);
    expect(el.position).to.equal('end');
    expect(el.shadowRoot!.textContent).to.contain('AI-generated answer');
    await expectAccessible(host);
  });

  it('passes objects as properties, not as "[object Object]" attributes', async () => {
    const { React, AqTransparency } = fx;
    const disclosure = { intendedUsers: 'Adults' };
    const missing: string[][] = [];
    // The element reports the incomplete disclosure on the console too.
    await silenceErrors(async () => {
      await render(
        React.createElement(AqTransparency, { disclosure, onAqDisclosureFoundIncomplete: (e) => missing.push(e.detail.missing) }),
      );
      const el = host.querySelector('aq-transparency') as HTMLElement & { disclosure: unknown };
      await settle(el);
      await aTimeout(0);
      expect(el.disclosure).to.equal(disclosure);
      expect(el.hasAttribute('disclosure')).to.be.false;
      expect(missing.length, 'aq-disclosure-found-incomplete reached onAqDisclosureFoundIncomplete').to.equal(1);
      expect(missing[0]).to.not.include('intendedUsers');
      expect(missing[0].length).to.be.greaterThan(0);
    });
  });

  it('delivers a cancelable event to its onAq… prop from keyboard operation, and swaps handlers on re-render', async () => {
    const { React, AqReportButton } = fx;
    const first: unknown[] = [];
    const second: unknown[] = [];
    const onFirst = (e: CustomEvent<{ messageId?: string }>) => {
      e.preventDefault(); // the host opens its own form: no dialog is created
      first.push(e.detail);
    };
    await render(React.createElement(AqReportButton, { messageId: 'm-1', conversationId: 'c-1', onAqRequestReport: onFirst }));
    const el = host.querySelector('aq-report-button') as HTMLElement;
    await settle(el);
    const button = new ReportButtonHarness(el).button;
    expect(button.textContent!.trim()).to.equal('Report');
    button.focus();
    await sendKeys({ press: 'Enter' });
    expect(first).to.deep.equal([{ source: 'aq-report-button', messageId: 'm-1', conversationId: 'c-1' }]);
    expect(document.querySelector('aq-report-dialog'), 'preventDefault() in the React handler stopped the dialog').to.be.null;

    await render(
      React.createElement(AqReportButton, {
        messageId: 'm-2',
        onAqRequestReport: (e: CustomEvent<{ messageId?: string }>) => {
          e.preventDefault();
          second.push(e.detail);
        },
      }),
    );
    button.focus();
    await sendKeys({ press: 'Space' });
    expect(first.length, 'the old handler was removed').to.equal(1);
    expect(second).to.deep.equal([{ source: 'aq-report-button', messageId: 'm-2', conversationId: undefined }]);
    await expectAccessible(host);
  });

  it('follows the page language and the profile (zh-CN and en, cn and eu)', async () => {
    const { React, AqAiNotice } = fx;
    const dismissed: { position: string }[] = [];
    host.lang = 'zh-CN';
    await render(React.createElement(AqAiNotice, { position: 'bottom', onAqAiNoticeDismissed: (e) => dismissed.push(e.detail) }));
    const el = host.querySelector('aq-ai-notice') as HTMLElement;
    await settle(el);
    expect(el.shadowRoot!.textContent).to.match(/人工智能|AI/);
    expect(el.shadowRoot!.querySelector('button'), 'no dismiss button under cn').to.be.null;

    configure({ profile: 'eu' });
    host.lang = 'en';
    await aTimeout(0);
    await settle(el);
    expect(el.shadowRoot!.textContent).to.match(/AI/);
    const dismiss = el.shadowRoot!.querySelector('button');
    expect(dismiss, 'dismiss button under eu').to.exist;
    dismiss!.focus();
    await sendKeys({ press: 'Enter' });
    expect(dismissed).to.deep.equal([{ position: 'bottom' }]);
  });

  it('React 19 without the wrappers: tags in createElement take objects as properties and onaq-… listeners', async () => {
    const { React } = fx;
    const requests: unknown[] = [];
    const disclosure = { intendedUsers: 'Adults' };
    await silenceErrors(async () => {
      await render(
        React.createElement(
          'div',
          null,
          React.createElement('aq-report-button', {
            'message-id': 'm-9',
            'onaq-request-report': (e: CustomEvent) => (e.preventDefault(), requests.push(e.detail)),
          }),
          React.createElement('aq-transparency', { disclosure }),
        ),
      );
    });
    const button = host.querySelector('aq-report-button') as HTMLElement & { messageId: string };
    await settle(button);
    expect(button.messageId).to.equal('m-9');
    await new ReportButtonHarness(button).press();
    expect(requests).to.deep.equal([{ source: 'aq-report-button', messageId: 'm-9', conversationId: undefined }]);
    expect((host.querySelector('aq-transparency') as HTMLElement & { disclosure: unknown }).disclosure).to.equal(disclosure);
  });

  it('hydrates server-rendered markup: the same nodes are kept, then get their properties and listeners', async () => {
    const { React, AqAiLabel, AqReportButton } = fx;
    const h = React.createElement;
    const requests: unknown[] = [];
    const tree = h(
      React.Fragment,
      null,
      h(
        'p',
        { 'data-aq-message': '' },
        'Reply ',
        h(AqAiLabel, { position: 'start', text: 'AI-generated', id: 'l1', className: 'tag' }, 'inner'),
      ),
      h(AqReportButton, { messageId: 'm-1', onAqRequestReport: (e: CustomEvent) => (e.preventDefault(), requests.push(e.detail)) }),
    );
    await fx.act(async () => root.unmount());
    const ssrHost = document.createElement('div');
    ssrHost.lang = 'en';
    ssrHost.innerHTML = REACT_SERVER_HTML;
    host.append(ssrHost);
    const serverLabel = ssrHost.querySelector('aq-ai-label') as HTMLElement & { position: string; text: string | null };
    const serverButton = ssrHost.querySelector('aq-report-button') as HTMLElement;
    const errors: unknown[] = [];
    errors.push(
      ...(await captureErrors(async () => {
        await fx.act(async () => {
          root = fx.hydrateRoot(ssrHost, tree, { onRecoverableError: (e) => errors.push(e) });
        });
      })),
    );
    expect(errors.map(String), 'hydration errors').to.deep.equal([]);
    expect(ssrHost.querySelector('aq-ai-label'), 'the server node was kept').to.equal(serverLabel);
    expect(ssrHost.querySelector('aq-report-button')).to.equal(serverButton);
    await settle(serverLabel);
    expect(serverLabel.position).to.equal('start');
    expect(serverLabel.text).to.equal('AI-generated');
    await settle(serverButton);
    await new ReportButtonHarness(serverButton).press();
    expect(requests).to.deep.equal([{ source: 'aq-report-button', messageId: 'm-1', conversationId: undefined }]);
  });

  it('dropping an onAq… prop removes its listener; unmounting removes the element', async () => {
    const { React, AqReportButton } = fx;
    const calls: unknown[] = [];
    await render(
      React.createElement(AqReportButton, { messageId: 'm-3', onAqRequestReport: (e: Event) => (e.preventDefault(), calls.push(e)) }),
    );
    const el = host.querySelector('aq-report-button') as HTMLElement;
    await settle(el);
    const entry = new ReportButtonHarness(el);
    await entry.press();
    expect(calls.length).to.equal(1);

    await render(React.createElement(AqReportButton, { messageId: 'm-3' }));
    let reached = 0;
    const stop = (e: Event) => {
      reached++;
      e.preventDefault();
    };
    host.addEventListener('aq-request-report', stop);
    await entry.press();
    host.removeEventListener('aq-request-report', stop);
    expect(reached, 'the event still bubbles to the page').to.equal(1);
    expect(calls.length, 'the removed handler was not called').to.equal(1);

    await fx.act(async () => root.unmount());
    expect(host.querySelector('aq-report-button')).to.be.null;
    root = fx.createRoot(document.createElement('div'));
  });
});
