// One small harness per interactive element: the steps a user takes (open, choose, fill, submit,
// agree, toggle, enter a PIN), acting through the element's shadow DOM as a user would — clicking
// its buttons, typing into its fields (with input/change events) — and waiting for the element to
// update. The a11y, framework and element suites share them; a keyboard path stays with sendKeys.
import { until } from './index.js';

type Target = string | Element;
type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** What every harness shares: the shadow root, parts, and the generic user steps. */
export class ElementHarness<E extends HTMLElement = HTMLElement> {
  constructor(readonly el: E) {}

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  /** The first match in the shadow root (`[part~=…]` selectors preferred). */
  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }

  /** The element whose `part` includes `name`. */
  part<T extends Element = HTMLElement>(name: string): T | null {
    return this.$<T>(`[part~="${name}"]`);
  }

  /** The shadow root's text, whitespace collapsed. */
  text(): string {
    return (this.root.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Wait for the element's pending render. */
  async updated(): Promise<void> {
    await (this.el as { updateComplete?: Promise<unknown> }).updateComplete;
  }

  /** Wait until `selector` matches in the shadow root; returns the match. */
  async waitFor<T extends Element = HTMLElement>(selector: string, ms = 5000): Promise<T> {
    await until(() => !!this.$(selector), ms, `${this.el.localName} ${selector}`);
    return this.$<T>(selector)!;
  }

  protected resolve<T extends Element>(target: Target): T {
    const el = typeof target === 'string' ? this.$<T>(target) : (target as T);
    if (!el) throw new Error(`${this.el.localName}: nothing matches ${String(target)}`);
    return el;
  }

  /** Click a control (a button, a checkbox, a link). */
  async click(target: Target): Promise<void> {
    this.resolve<HTMLElement>(target).click();
    await this.updated();
  }

  /** Type `value` into a field (select: choose it): the value, then `input` and `change` as typing gives. */
  async fill(target: Target, value: string): Promise<void> {
    const field = this.resolve<Field>(target);
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
    await this.updated();
  }

  /** Tick or untick a checkbox (by clicking it, when its state differs). */
  async check(target: Target, on = true): Promise<void> {
    const box = this.resolve<HTMLInputElement>(target);
    if (box.checked !== on) await this.click(box);
  }

  /** Submit the form around `target` (default: the first form) with its submit button. */
  async submit(target: Target = 'form'): Promise<void> {
    const el = this.resolve<Element>(target);
    const form = el instanceof HTMLFormElement ? el : el.closest('form');
    if (!form) throw new Error(`${this.el.localName}: no form around ${String(target)}`);
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"], button:not([type])');
    if (button) button.click();
    else form.requestSubmit();
    await this.updated();
  }
}

/** `<aq-report-button>`: the entry point a user clicks. */
export class ReportButtonHarness extends ElementHarness {
  get button(): HTMLButtonElement {
    return this.part<HTMLButtonElement>('button') ?? this.$<HTMLButtonElement>('button')!;
  }
  async press(): Promise<void> {
    // A page in another language than zh-CN renders once its message table is there.
    await this.updated();
    await this.click(this.button);
  }
}

/** `<aq-report-dialog>`: open, choose a category, describe, submit, read the receipt, close. */
export class ReportDialogHarness extends ElementHarness<HTMLElement & { show(c?: object): void }> {
  get dialog(): HTMLDialogElement {
    return this.part<HTMLDialogElement>('dialog') ?? this.$<HTMLDialogElement>('dialog')!;
  }
  get isOpen(): boolean {
    return !!this.dialog?.open;
  }
  /** Open it from a report button (clicked), or with `show(context)` when there is none. */
  async open(from?: HTMLElement | ReportButtonHarness, context?: object): Promise<void> {
    if (from) await (from instanceof ReportButtonHarness ? from : new ReportButtonHarness(from)).press();
    else this.el.show(context);
    await this.updated();
    await until(() => this.isOpen, 5000, 'the report dialog opens');
  }
  async chooseCategory(category: string): Promise<void> {
    await this.fill('[part~="category"]', category);
  }
  /** Type into a field of the form by its id (`description`, `email`, `locations`, …). */
  async fillField(id: string, value: string): Promise<void> {
    await this.fill(`#${id}`, value);
  }
  async describe(text: string): Promise<void> {
    await this.fillField('description', text);
  }
  override async submit(): Promise<void> {
    await this.click('[part~="submit"]');
  }
  get receipt(): HTMLElement | null {
    return this.part('receipt');
  }
  /** The tracking number (or local id) shown on the receipt, once there is one. */
  get trackingNumber(): string | null {
    const strong = this.receipt?.querySelector('strong')?.textContent ?? '';
    return /[:：]\s*(\S+)/.exec(strong)?.[1] ?? null;
  }
  /** Close with the dialog's own Close button (the receipt's, or the form header's). */
  async close(): Promise<void> {
    await this.click(this.receipt ? this.receipt.querySelector('button')! : '[part~="form"] header button');
    await until(() => !this.isOpen, 5000, 'the report dialog closes');
  }
}

/** `<aq-consent-notice>`: agree, decline, give or withdraw one purpose. */
export class ConsentNoticeHarness extends ElementHarness<HTMLElement & { open: boolean }> {
  get acceptButton(): HTMLButtonElement {
    return this.part<HTMLButtonElement>('accept')!;
  }
  get declineButton(): HTMLButtonElement {
    return this.part<HTMLButtonElement>('decline')!;
  }
  purpose(id: string): HTMLInputElement {
    return this.$<HTMLInputElement>(`input[data-purpose="${id}"]`)!;
  }
  async agree(): Promise<void> {
    await this.click(this.acceptButton);
  }
  async decline(): Promise<void> {
    await this.click(this.declineButton);
  }
  /** One click on an optional or separate purpose's checkbox. */
  async togglePurpose(id: string): Promise<void> {
    await this.click(this.purpose(id));
  }
}

/** `<aq-training-optout>`: the one switch. */
export class TrainingOptOutHarness extends ElementHarness {
  get switch(): HTMLButtonElement {
    return this.part<HTMLButtonElement>('switch')!;
  }
  get isOn(): boolean {
    return this.switch.getAttribute('aria-checked') === 'true';
  }
  async toggle(): Promise<void> {
    await this.click(this.switch);
  }
}

/** `<aq-minor-lock>`: the guardian opens the PIN form, enters the PIN, unlocks. */
export class MinorLockHarness extends ElementHarness<HTMLElement & { open: boolean }> {
  async openGuardian(): Promise<void> {
    if (!this.part('guardian')) await this.click('button');
  }
  async enterPin(pin: string): Promise<void> {
    await this.fill(await this.waitFor('[part~="guardian"] input[name="pin"]'), pin);
  }
  override async submit(): Promise<void> {
    await super.submit('[part~="guardian"]');
  }
  /** The whole guardian unlock: open the form, the PIN, Unlock. */
  async unlock(pin: string): Promise<void> {
    await this.openGuardian();
    await this.enterPin(pin);
    await this.submit();
  }
}

/** `<aq-guardian-settings>`: set or enter the PIN, change settings, save, close. */
export class GuardianSettingsHarness extends ElementHarness {
  async enterPin(pin: string): Promise<void> {
    await this.fill(await this.waitFor('input[name="pin"]'), pin);
  }
  async confirmPin(pin: string): Promise<void> {
    await this.fill(await this.waitFor('input[name="confirm"]'), pin);
  }
  /** Change one setting by its field name (`quota`, `curfewStart`, `windows`, …). */
  async set(name: string, value: string): Promise<void> {
    await this.fill(await this.waitFor(`input[name="${name}"], select[name="${name}"]`), value);
  }
  /** Submit the form the PIN (or `field`) is in. */
  override async submit(field = 'input[name="pin"]'): Promise<void> {
    await super.submit(field);
  }
  async save(): Promise<void> {
    await super.submit('input[name="quota"]');
  }
  async exit(): Promise<void> {
    const close = Array.from(this.root.querySelectorAll<HTMLButtonElement>('button[type="button"]')).at(-1);
    if (!close) throw new Error('aq-guardian-settings: no Close button');
    await this.click(close);
  }
}

/** `<aq-age-gate>`: enter the age, continue; a guardian ticks the consent and enters the PIN. */
export class AgeGateHarness extends ElementHarness<HTMLElement & { state: string }> {
  async enterAge(age: number | string): Promise<void> {
    await this.fill('input[name="age"]', String(age));
  }
  override async submit(): Promise<void> {
    await super.submit('[part~="form"]');
  }
  /** The guardian's separate consent: tick the box (unless `tick` is false), the PIN, Confirm. */
  async giveGuardianConsent(pin: string, tick = true): Promise<void> {
    await this.waitFor('input[name="consent"]');
    await this.check('input[name="consent"]', tick);
    await this.fill('input[name="pin"]', pin);
    await this.submit();
  }
  get message(): HTMLElement | null {
    return this.part('message');
  }
}

/** `<aq-prescreen>`: type into the slotted field, submit its form, read the message part. */
export class PrescreenHarness extends ElementHarness {
  get field(): HTMLTextAreaElement | HTMLInputElement {
    return this.el.querySelector('textarea, input:not([type]), input[type="text"], input[type="search"]')!;
  }
  get form(): HTMLFormElement | null {
    return this.el.closest('form') ?? this.el.querySelector('form');
  }
  /** Type into the field: its new value and an `input` event. */
  async type(text: string): Promise<void> {
    this.field.value = text;
    this.field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await this.updated();
  }
  /** Submit the form (as Enter in the field or the send button does). */
  override async submit(): Promise<void> {
    this.form!.requestSubmit();
    await this.updated();
  }
  /** The message shown (`refusal`, `warning`, `suspension`, or any). */
  message(kind = 'message'): HTMLElement | null {
    return this.part(kind);
  }
  messageText(kind = 'message'): string {
    return this.message(kind)?.textContent ?? '';
  }
}

/** `<aq-paid-gate>`: press the slotted buy control; approve with the guardian PIN; cancel. */
export class PaidGateHarness extends ElementHarness {
  /** Press the host's buy control (the light-DOM child) as the user does. */
  async buy(selector = 'button'): Promise<void> {
    const control = this.el.querySelector<HTMLElement>(selector);
    if (!control) throw new Error(`aq-paid-gate: no ${selector} inside`);
    control.click();
    await this.updated();
  }

  /** Whether the gate is holding a purchase for the guardian's approval. */
  get holding(): boolean {
    return !!this.part('form');
  }

  /** The guardian types the PIN into the approval form and confirms. */
  async approve(pin: string): Promise<void> {
    const form = await this.waitFor<HTMLFormElement>('[part~="form"]');
    await this.fill(form.querySelector('input[name="pin"]')!, pin);
    await this.submit(form);
  }

  /** Cancel the held purchase. */
  async cancel(): Promise<void> {
    await this.click(this.resolve<HTMLFormElement>('[part~="form"]').querySelector<HTMLButtonElement>('button[type="button"]')!);
  }

  message(): string {
    return this.part('message')?.textContent?.trim() ?? '';
  }
}
