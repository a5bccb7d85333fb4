// AnquanElement: the base of every aq-* element. Typed `emit()` (bubbles, composed), a `define()` that
// tolerates a second registration and warns on a version conflict, `lang`/`dir` from the element or its
// nearest ancestor (across shadow roots), the active profile, and attribute validation that falls
// back to a safe default with one clear console error.
import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { type AnquanConfig, configReady, getConfig, onConfigChange } from './config-state.js';
import type { AnquanEventMap } from './events.js';
import { type Locale, messagesReady, resolveLocale } from './i18n.js';
import { PROFILE_IDS, type ProfileId } from './profiles.js';
import { VERSION } from './version.js';

const connected = new Set<AnquanElement>();
let observer: MutationObserver | null = null;
let unsubscribeConfig: (() => void) | null = null;

function refreshAll(): void {
  for (const el of connected) el.requestUpdate();
}

/** One shared observer re-renders elements when any `lang` or `dir` in the document changes. */
function watchDocument(): void {
  if (observer || typeof MutationObserver === 'undefined' || typeof document === 'undefined') return;
  observer = new MutationObserver(refreshAll);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true });
  unsubscribeConfig = onConfigChange(refreshAll);
}

function unwatchDocument(): void {
  if (connected.size > 0) return;
  observer?.disconnect();
  observer = null;
  unsubscribeConfig?.();
  unsubscribeConfig = null;
}

/** Find the nearest `attr` on the element or an ancestor, crossing shadow-root boundaries. */
function closestAttribute(start: Element, attr: string): string | null {
  let node: Node | null = start;
  while (node) {
    if (node instanceof Element && node.hasAttribute(attr)) return node.getAttribute(attr);
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return null;
}

export type EmitOptions = Omit<CustomEventInit, 'detail'>;

/** The intents: events named `aq-request-*` (cancelable, with `detail.source`). */
export type RequestEventName = { [K in keyof AnquanEventMap]: K extends `aq-request-${string}` ? K : never }[keyof AnquanEventMap];

export class AnquanElement extends LitElement {
  /** The SDK version this class belongs to; `define()` compares it on a second registration. */
  static version = VERSION;

  /**
   * Register `tag` for this class. A second registration of the same tag is tolerated; when the
   * registered class comes from another Anquan version, a console warning says so.
   */
  // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass being defined
  static define(tag: string, ctor: CustomElementConstructor = this): void {
    if (typeof customElements === 'undefined') return;
    const existing = customElements.get(tag) as (CustomElementConstructor & { version?: string }) | undefined;
    if (!existing) {
      customElements.define(tag, ctor);
      return;
    }
    const version = (ctor as unknown as { version?: string }).version;
    if (existing !== ctor && existing.version !== version) {
      console.warn(
        `[anquan] <${tag}> is already registered by Anquan ${existing.version ?? '(unknown version)'}; this copy is ${version}. The first registration stays. Load Anquan once per page.`,
      );
    }
  }

  /** Profile for this element only (`cn` or `eu`); default: the active profile from `configure()`. */
  @property({ reflect: true }) profile?: ProfileId;

  private attributeErrors = new Set<string>();

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    watchDocument();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    unwatchDocument();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('profile')) {
      const valid = this.profile === undefined || PROFILE_IDS.includes(this.profile);
      if (!valid) this.attributeError('profile', this.profile, PROFILE_IDS.join(', '), 'the active profile');
      this.validProfile = valid ? this.profile : undefined;
    }
  }

  private validProfile: ProfileId | undefined;

  /**
   * The page's configuration (`configReady`: a `data-anquan-config` block whose validator is still
   * loading) and per-locale message tables (`defineLocaleMessages`): before each update, wait until every table
   * defined so far has this element's locale, so a first render in English or a runtime `lang`
   * switch never shows zh-CN text or keys. `updateComplete` includes the wait. A zh-CN page never waits.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    // The page's data-anquan-config blocks first: never a render with the defaults while they load.
    const config = configReady();
    if (config) return config.then(() => this.scheduleUpdate());
    // The profile attribute's locale, before willUpdate has validated it (getConfig ignores a bad id).
    const wait = messagesReady(resolveLocale(closestAttribute(this, 'lang'), getConfig(this.profile).defaultLocale));
    if (!wait) return super.scheduleUpdate();
    // The locale may change while the table loads: check again before updating.
    return wait.then(() => this.scheduleUpdate());
  }

  /** The configuration for this element's profile (a bad `profile` value means the active profile). */
  get config(): AnquanConfig {
    return getConfig(this.validProfile);
  }

  /** `cn` or `eu`: the element's `profile` attribute, else the active profile. */
  get activeProfile(): ProfileId {
    return this.config.id;
  }

  /** The locale from `lang` on the element or its nearest ancestor; else the profile's default. */
  get locale(): Locale {
    return resolveLocale(closestAttribute(this, 'lang'), this.config.defaultLocale);
  }

  /** `ltr` or `rtl` from `dir` on the element or its nearest ancestor. */
  get direction(): 'ltr' | 'rtl' {
    return closestAttribute(this, 'dir') === 'rtl' ? 'rtl' : 'ltr';
  }

  /** Dispatch a typed, bubbling, composed CustomEvent; returns it (check `defaultPrevented`). */
  emit<K extends keyof AnquanEventMap>(name: K, detail: AnquanEventMap[K], options: EmitOptions = {}): CustomEvent<AnquanEventMap[K]> {
    const event = new CustomEvent(name, { bubbles: true, composed: true, cancelable: false, ...options, detail });
    this.dispatchEvent(event);
    return event;
  }

  /**
   * Dispatch a cancelable intent (`aq-request-*`) whose `detail.source` is this element's tag unless
   * given. Returns true when nobody cancelled it (the element goes on with its default action).
   */
  protected request<K extends RequestEventName>(
    name: K,
    detail: Omit<AnquanEventMap[K], 'source'> & { source?: AnquanEventMap[K]['source'] },
  ): boolean {
    const full = { source: this.localName, ...detail } as AnquanEventMap[K];
    return !this.emit(name, full, { cancelable: true }).defaultPrevented;
  }

  /**
   * Log one console error for a bad attribute value (once per attribute and value), naming the
   * element, the attribute, what is allowed and the safe fallback in force.
   */
  protected attributeError(attribute: string, value: unknown, allowed: string, fallback: string): void {
    const key = `${attribute}=${String(value)}`;
    if (this.attributeErrors.has(key)) return;
    this.attributeErrors.add(key);
    console.error(`[anquan] <${this.localName}> ${attribute}="${String(value)}" is not allowed; use ${allowed}. Using ${fallback}.`);
  }

  // Validation (docs/api-conventions.md): each helper returns the value when it is allowed, else
  // `fallback` with one console error naming the element, the attribute and what is allowed. The
  // property keeps what the host set (an element never writes its own attributes back); the
  // element computes its effective value in `willUpdate` and uses that. An absent value (null,
  // undefined, '') is the fallback without an error.

  /** An enumerated value: one of `allowed`. */
  protected oneOf<T extends string>(attribute: string, value: string | null | undefined, allowed: readonly T[], fallback: T): T {
    if (value === null || value === undefined || value === '') return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.attributeError(attribute, value, allowed.join(', '), fallback);
    return fallback;
  }

  /** An integer from `min` to `max` (inclusive). */
  protected intInRange(attribute: string, value: unknown, min: number, max: number, fallback: number): number {
    return this.numeric(attribute, value, min, max, fallback, true);
  }

  /** A finite number from `min` to `max` (inclusive). */
  protected numberInRange(attribute: string, value: unknown, min: number, max: number, fallback: number): number {
    return this.numeric(attribute, value, min, max, fallback, false);
  }

  private numeric(attribute: string, value: unknown, min: number, max: number, fallback: number, integer: boolean): number {
    if (value === null || value === undefined || value === '') return fallback;
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    if (Number.isFinite(n) && (!integer || Number.isInteger(n)) && n >= min && n <= max) return n;
    const what = integer ? 'an integer' : 'a number';
    const upper = max === Number.POSITIVE_INFINITY ? `${min} or more` : `from ${min} to ${max}`;
    this.attributeError(attribute, value, `${what} ${upper}`, String(fallback));
    return fallback;
  }
}
