// The shared harness every element test uses from day one: an axe-core check, and a page served with
// a strict CSP and Trusted Types that fails on any securitypolicyviolation.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

export { STRICT_CSP_NOTE } from './constants.js';
export * from './elements.js';
export * from './page-steps.js';

interface AxeNode {
  target: (string | string[])[];
}
interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: AxeNode[] }[];
  incomplete: { id: string; impact: string; help: string; nodes: AxeNode[] }[];
}
declare global {
  interface Window {
    axe?: { run: (ctx: Element, opts?: object) => Promise<AxeResult> };
  }
}

let axeLoading: Promise<void> | null = null;
function loadAxe(): Promise<void> {
  axeLoading ??= new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = '/node_modules/axe-core/axe.min.js';
    s.onload = () => resolve();
    s.onerror = () => reject(new Error('axe-core did not load'));
    document.head.append(s);
  });
  return axeLoading;
}

/** Resolve an axe target (selectors, arrays of selectors for shadow roots) to its element. */
function axeElement(target: (string | string[])[]): Element | null {
  const path = target.flatMap((t) => (Array.isArray(t) ? t : [t]));
  let root: Document | ShadowRoot = document;
  let el: Element | null = null;
  for (const sel of path) {
    el = root.querySelector(sel);
    if (!el) return null;
    if (el.shadowRoot) root = el.shadowRoot;
  }
  return el;
}

type Rgba = [number, number, number, number];
function parseColor(c: string): Rgba | null {
  const m = /rgba?\(([^)]+)\)/.exec(c);
  if (!m) return null;
  const p = m[1]
    .split(/[\s,/]+/)
    .filter(Boolean)
    .map(Number);
  return [p[0], p[1], p[2], p[3] ?? 1];
}
const over = (top: Rgba, bottom: Rgba): Rgba => {
  const a = top[3] + bottom[3] * (1 - top[3]);
  return [0, 1, 2].map((i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / (a || 1)).concat(a) as Rgba;
};
function luminance([r, g, b]: Rgba): number {
  const f = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

/**
 * The contrast of an element's text against the backgrounds under it (composited up the flat tree,
 * across shadow roots), or a reason it cannot be known (a background image or gradient).
 */
export function textContrast(el: Element): { ratio: number; large: boolean } | { unknown: string } {
  const style = getComputedStyle(el);
  const fg = parseColor(style.color);
  if (!fg) return { unknown: `colour ${style.color}` };
  let bg: Rgba = [0, 0, 0, 0];
  for (let node: Element | null = el; node; ) {
    const s = getComputedStyle(node);
    if (s.backgroundImage !== 'none') return { unknown: `background image on ${node.localName}` };
    const c = parseColor(s.backgroundColor);
    if (c && c[3] > 0) bg = over(bg, c);
    if (bg[3] >= 0.999) break;
    node = node.assignedSlot ?? node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
  }
  bg = over(bg, [255, 255, 255, 1]);
  const text = over(fg, bg);
  const [l1, l2] = [luminance(text), luminance(bg)].sort((a, b) => b - a);
  const size = Number.parseFloat(style.fontSize);
  const bold = Number(style.fontWeight) >= 700;
  return { ratio: (l1 + 0.05) / (l2 + 0.05), large: size >= 24 || (bold && size >= 18.66) };
}

/**
 * Run axe-core (WCAG 2.1 A/AA rules) on `el` and fail with the violations listed. Colour-contrast
 * results axe cannot resolve (`incomplete`: text over a backdrop, a pseudo-element, a shadow host)
 * are reviewed here, not dropped: the text's contrast is computed against the composited
 * backgrounds and must be ≥ 4.5:1 (3:1 for large text); one that cannot be computed fails too.
 */
export async function expectAccessible(el: Element, options: { disableRules?: string[] } = {}): Promise<void> {
  await loadAxe();
  const rules = Object.fromEntries((options.disableRules ?? []).map((r) => [r, { enabled: false }]));
  const result = await window.axe!.run(el, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    rules,
  });
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  if (!options.disableRules?.includes('color-contrast')) {
    for (const item of result.incomplete.filter((i) => i.id === 'color-contrast')) {
      for (const node of item.nodes) {
        const target = axeElement(node.target);
        const where = node.target.flat().join(' ');
        if (!target) {
          summary.push(`color-contrast (incomplete): element not found at ${where}`);
          continue;
        }
        const c = textContrast(target);
        if ('unknown' in c) summary.push(`color-contrast (incomplete): cannot be reviewed (${c.unknown}) at ${where}`);
        else if (c.ratio < (c.large ? 3 : 4.5)) summary.push(`color-contrast (reviewed): ${c.ratio.toFixed(2)}:1 at ${where}`);
      }
    }
  }
  if (!options.disableRules?.includes('color-contrast')) summary.push(...contrastSweep(el));
  expect(summary.join('\n'), 'axe-core violations').to.equal('');
}

/** Every element under `root` (light and open shadow trees) that shows text of its own. */
function* textElements(root: Element | ShadowRoot): Generator<Element> {
  for (const el of Array.from(root.querySelectorAll('*'))) {
    if (el.shadowRoot) yield* textElements(el.shadowRoot);
    if (['script', 'style', 'template', 'slot', 'option'].includes(el.localName)) continue;
    if (Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())) yield el;
  }
}

/**
 * Axe skips text it cannot place (inside a modal `<dialog>` in the top layer, for one): compute the
 * contrast of every visible, enabled element with text of its own under `el`, shadow roots
 * included, and list those under 4.5:1 (3:1 for large text).
 */
export function contrastSweep(el: Element): string[] {
  const out: string[] = [];
  for (const t of textElements(el.shadowRoot ?? el)) {
    if (!t.getClientRects().length || t.closest('[disabled],[aria-disabled="true"],[inert]') || (t as HTMLButtonElement).disabled) continue;
    const style = getComputedStyle(t);
    if (style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
    const c = textContrast(t);
    if ('ratio' in c && c.ratio < (c.large ? 3 : 4.5)) {
      const text = (t.textContent ?? '').trim().slice(0, 30);
      out.push(
        `color-contrast (swept): ${c.ratio.toFixed(2)}:1 for "${text}" (<${t.localName}${t.className ? ` class="${t.className}"` : ''}>, ${style.color} on its background)`,
      );
    }
  }
  return out;
}

export interface CspResult {
  violations: { directive: string; blockedURI: string; sample: string; source: string; line: number }[];
  errors: string[];
  text: string;
}

let cspSeq = 0;
/**
 * Load `modules` and render `html` in an iframe served with
 * `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'`.
 * `script` is an optional module whose default export `(host) => Promise<void>` drives the page.
 */
export async function runUnderStrictCsp(task: { modules: string[]; html?: string; script?: string; waitMs?: number }): Promise<CspResult> {
  const id = `csp${++cspSeq}`;
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:800px;height:600px;border:0';
  const result = new Promise<CspResult>((resolve) => {
    const onMessage = (e: MessageEvent) => {
      if (e.data?.type === 'aq-csp-result' && e.data.id === id) {
        window.removeEventListener('message', onMessage);
        resolve(e.data as CspResult);
      }
    };
    window.addEventListener('message', onMessage);
  });
  frame.src = `/test/harness/csp/page.html#${encodeURIComponent(JSON.stringify({ ...task, id }))}`;
  document.body.append(frame);
  try {
    return await result;
  } finally {
    frame.remove();
  }
}

/** Fail on any CSP violation or error while `task` runs under the strict CSP. */
export async function expectCspClean(task: Parameters<typeof runUnderStrictCsp>[0]): Promise<CspResult> {
  const r = await runUnderStrictCsp(task);
  expect(
    r.violations.map((v) => `${v.directive} blocked ${v.blockedURI || v.sample} (${v.source}:${v.line})`).join('\n'),
    'securitypolicyviolation events',
  ).to.equal('');
  expect(r.errors.join('\n'), 'errors under the strict CSP').to.equal('');
  return r;
}

/**
 * Run `fn` with console.error captured; returns the messages (each call's arguments, joined by a
 * space). `fn` gets the live list, for assertions while it runs; `calls` gets each call's arguments.
 */
export async function captureErrors(fn: (errors: string[], calls: unknown[][]) => Promise<unknown> | unknown): Promise<string[]> {
  const errors: string[] = [];
  const calls: unknown[][] = [];
  const orig = console.error;
  console.error = (...args: unknown[]) => {
    calls.push(args);
    errors.push(args.map(String).join(' '));
  };
  try {
    await fn(errors, calls);
  } finally {
    console.error = orig;
  }
  return errors;
}

/** Run `fn` with console.error silenced (an expected error the test does not look at); returns `fn`'s result. */
export async function silenceErrors<T>(fn: () => Promise<T> | T): Promise<T> {
  let result!: T;
  await captureErrors(async () => {
    result = await fn();
  });
  return result;
}

/** A name (database, ledger, intake) that no other test uses. */
export const unique = (prefix: string): string => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * Create database `name` as another script would, at the SDK's schema version (1) but without its
 * stores: the SDK's open then succeeds with no upgrade, and every write fails with a real NotFoundError.
 */
export function foreignDatabase(name: string): Promise<void> {
  return new Promise<void>((res, rej) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('foreign');
    req.onsuccess = () => {
      req.result.close();
      res();
    };
    req.onerror = () => rej(req.error);
  });
}

/** Poll `check` every 30 ms until it holds; throws after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error(`${what} not met within ${ms} ms`);
}

/** A fresh intake endpoint on the test server, with fault injection and a record count. */
export function testIntake(name = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`) {
  const base = `/aq-test-intake/${name}`;
  return {
    endpoint: base,
    async faults(f: {
      failNext?: number;
      status?: number;
      code?: string;
      retryAfter?: number;
      delayMs?: number;
      dropAfterStore?: number;
      missing?: boolean;
    }) {
      await fetch(`${base}/__faults`, { method: 'POST', body: JSON.stringify(f) });
    },
    async posts(): Promise<string[]> {
      return (await fetch(`${base}/__posts`)).json();
    },
    async received(): Promise<{ id: string; kind: string; payload: unknown; chainHead?: unknown; receipt: unknown }[]> {
      return (await fetch(`${base}/__received`)).json();
    },
  };
}

/** Run an external tool (ffmpeg, ffprobe, exiftool, convert, identify) on bytes, from the Node side. */
export function runTool(payload: {
  tool: string;
  args: string[];
  input?: string;
  inputName?: string;
  outputName?: string;
  timeout?: number;
}) {
  return executeServerCommand<{ code: number; stdout: string; stderr: string; output?: string }>('aq-tool', payload);
}

/** A screenshot of the test page (CSS px clip), decoded to RGBA pixels: what Chromium drew. */
export async function screenshotPixels(clip: { x: number; y: number; width: number; height: number }) {
  const r = { x: Math.floor(clip.x), y: Math.floor(clip.y), width: Math.ceil(clip.width), height: Math.ceil(clip.height) };
  const { data } = await executeServerCommand<{ data: string }>('aq-screenshot', { clip: r });
  const bin = atob(data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const image = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  return { scale: bitmap.width / r.width, width: image.width, height: image.height, data: image.data };
}

/** Rows of an RGBA image holding a near-white pixel (all channels > 200): the inked height of white text. */
export function whiteRows(p: { width: number; height: number; data: Uint8ClampedArray }): number {
  let rows = 0;
  for (let y = 0; y < p.height; y++) {
    for (let x = 0; x < p.width; x++) {
      const i = (y * p.width + x) * 4;
      if (p.data[i]! > 200 && p.data[i + 1]! > 200 && p.data[i + 2]! > 200) {
        rows++;
        break;
      }
    }
  }
  return rows;
}

/** Drive a second page from the Node side (open, evaluate, reload, requests, close). */
export function page(payload: Record<string, unknown>) {
  return executeServerCommand<Record<string, unknown>>('aq-page', payload);
}
