// The element harnesses' counterpart for a second page driven from the Node side (`page()`, the
// aq-page server command): the same step names (agree, decline, togglePurpose, toggle, press), done
// with real mouse clicks on selectors that pierce shadow roots (`>>>`), and reads by evaluation.
import { aTimeout } from '@open-wc/testing';
import { page } from './index.js';

/** A page opened in the test's browser, driven from the Node side. */
export class PageSteps {
  private constructor(readonly id: string) {}

  /**
   * Open `url` and wait until `document.body.dataset.ready` (the demo sets it). With `network`, the
   * page's requests whose URL contains a `hold` part wait until `release()` (a slow network, made
   * deterministic) and those with a `block` part fail until `unblock()`; the wait is then only for
   * DOMContentLoaded.
   */
  static async open(url: string, network?: { hold?: string[]; block?: string[] }): Promise<PageSteps> {
    const waitUntil = network ? 'domcontentloaded' : 'load';
    const p = new PageSteps(((await page({ action: 'open', url, waitUntil, ...network })) as { id: string }).id);
    if (!network) await p.ready();
    return p;
  }
  /** Let the held requests go on (see `open`). */
  async release(): Promise<void> {
    await page({ action: 'release', id: this.id });
  }
  /** Let requests that were blocked through from now on (see `open`). */
  async unblock(): Promise<void> {
    await page({ action: 'unblock', id: this.id });
  }
  /** Real key presses into the element matched by `selector` (`>>>` pierces a shadow root). */
  async type(selector: string, text: string): Promise<void> {
    await page({ action: 'type', id: this.id, selector, text });
  }
  ready(): Promise<unknown> {
    return this.evaluate('new Promise((r) => { const t = () => (document.body.dataset.ready ? r(1) : setTimeout(t, 20)); t(); })');
  }
  async evaluate<T>(expression: string): Promise<T> {
    return ((await page({ action: 'evaluate', id: this.id, expression })) as { value: T }).value;
  }
  /** A real mouse click on `selector` (`>>>` pierces a shadow root). */
  async click(selector: string): Promise<void> {
    await page({ action: 'click', id: this.id, selector });
  }
  /** Poll `expression` in the page until it is true; on a timeout the error carries `explain`'s value (a page expression), if given. */
  async until(expression: string, ms = 20_000, explain?: string): Promise<void> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await this.evaluate<boolean>(expression)) return;
      await aTimeout(100);
    }
    const state = explain ? `\n${JSON.stringify(await this.evaluate<unknown>(explain))}` : '';
    throw new Error(`page: not true in time: ${expression}${state}`);
  }
  async reload(): Promise<void> {
    await page({ action: 'reload', id: this.id });
    await this.ready();
  }
  requests(): Promise<{ requests: string[]; errors: string[] }> {
    return page({ action: 'requests', id: this.id }) as Promise<{ requests: string[]; errors: string[] }>;
  }
  async close(): Promise<void> {
    await page({ action: 'close', id: this.id });
  }
}

/** One element on such a page, by a CSS selector for its host (`aq-consent-notice#first-run`). */
export class PageElementSteps {
  constructor(
    readonly page: PageSteps,
    readonly host: string,
  ) {}
  protected q(): string {
    return `document.querySelector(${JSON.stringify(this.host)})`;
  }
  /** Click the element's part `name` (or any selector inside its shadow root). */
  clickPart(name: string): Promise<void> {
    return this.page.click(`${this.host} >>> [part~="${name}"]`);
  }
}

/** `<aq-consent-notice>` on a page: agree, decline, one purpose. */
export class PageConsentNoticeSteps extends PageElementSteps {
  isOpen(): Promise<boolean> {
    return this.page.evaluate<boolean>(`${this.q()}.open`);
  }
  async agree(): Promise<void> {
    await this.clickPart('accept');
    await this.page.until(`!${this.q()}.open`);
  }
  async decline(): Promise<void> {
    await this.clickPart('decline');
    await this.page.until(`!${this.q()}.open`);
  }
  togglePurpose(id: string): Promise<void> {
    return this.page.click(`${this.host} >>> input[data-purpose="${id}"]`);
  }
}

/** `<aq-training-optout>` on a page: the switch. */
export class PageTrainingOptOutSteps extends PageElementSteps {
  isOn(): Promise<boolean> {
    return this.page.evaluate<boolean>(`${this.q()}.checked`);
  }
  toggle(): Promise<void> {
    return this.clickPart('switch');
  }
}

/** `<aq-report-button>` on a page: the entry a user clicks. */
export class PageReportButtonSteps extends PageElementSteps {
  press(): Promise<void> {
    return this.clickPart('button');
  }
}
