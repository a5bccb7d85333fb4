// The shared harness every element test uses from day one: an axe-core check, and a page served with
// a strict CSP and Trusted Types that fails on any securitypolicyviolation.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

export { STRICT_CSP_NOTE } from './constants.js';

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
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

/** Run axe-core (WCAG 2.1 A/AA rules) on `el` and fail with the violations listed. */
export async function expectAccessible(el: Element, options: { disableRules?: string[] } = {}): Promise<void> {
  await loadAxe();
  const rules = Object.fromEntries((options.disableRules ?? []).map((r) => [r, { enabled: false }]));
  const result = await window.axe!.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, rules });
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary.join('\n'), 'axe-core violations').to.equal('');
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
  expect(r.violations.map((v) => `${v.directive} blocked ${v.blockedURI || v.sample} (${v.source}:${v.line})`).join('\n'), 'securitypolicyviolation events').to.equal('');
  expect(r.errors.join('\n'), 'errors under the strict CSP').to.equal('');
  return r;
}

/** Run `fn` with console.error captured; returns the messages. */
export async function captureErrors(fn: () => Promise<unknown> | unknown): Promise<string[]> {
  const errors: string[] = [];
  const orig = console.error;
  console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
  try {
    await fn();
  } finally {
    console.error = orig;
  }
  return errors;
}

/** A name (database, ledger, intake) that no other test uses. */
export const unique = (prefix: string): string => `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2)}`;

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
    async faults(f: { failNext?: number; status?: number; delayMs?: number; dropAfterStore?: number }) {
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
export function runTool(payload: { tool: string; args: string[]; input?: string; inputName?: string; outputName?: string; timeout?: number }) {
  return executeServerCommand<{ code: number; stdout: string; stderr: string; output?: string }>('aq-tool', payload);
}

/** Drive a second page from the Node side (open, evaluate, reload, requests, close). */
export function page(payload: Record<string, unknown>) {
  return executeServerCommand<Record<string, unknown>>('aq-page', payload);
}
