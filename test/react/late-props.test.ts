// Properties set after connect take effect. A framework inserts the element first and sets its
// properties afterwards (@lit/react in a layout effect, Vue after mount), so every public property is
// set here through the React wrapper on an element that is already connected and rendered. The list of
// elements and of their public, writable properties comes from the custom-elements.json manifests.
import { resetConfig } from '@anquan/core';
import { expect } from '@open-wc/testing';
import { until } from '../harness/index.js';
import { type ManifestElement, manifestElements } from '../harness/manifest.js';

type ReactNs = typeof import('react');
type Fixture = Record<string, unknown> & {
  React: ReactNs;
  act: ReactNs['act'];
  createRoot: (el: Element) => { render(node: unknown): void; unmount(): void };
};

const pascal = (tag: string) => tag.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
const ELEMENTS = await manifestElements();

/** Values for the manifests' type names that are aliases of string unions. */
const ALIASES: Record<string, unknown[]> = {
  AgeBand: ['8-11', '16-17'],
  LabelPosition: ['end', 'middle'],
  NoticePosition: ['bottom', 'top'],
  VisualPosition: ['top-left', 'bottom-left'],
  MinorModeSignal: ['off'],
  AdultOnlyMode: ['disable'],
  NoticeMode: ['inline', 'modal'],
  Profile: ['eu', 'cn'],
  ProfileId: ['eu', 'cn'],
};

/** A value unlike `current` that type `type` allows, or undefined when the test cannot make one. */
function valueFor(type: string, current: unknown, name: string): unknown {
  const t = type.replace(/\s+/g, ' ').trim();
  if (name === 'timeZone') return current === 'Asia/Shanghai' ? 'Europe/Berlin' : 'Asia/Shanghai';
  // Values the elements accept (an invalid one would be kept as the property but fall back in use).
  if (name === 'text') return current === '人工智能生成（晚设）' ? 'AI 合成' : '人工智能生成（晚设）';
  if (name === 'amount') return current === '600' ? '700' : '600';
  if (/^boolean( \| null| \| undefined)?$/.test(t)) return !current;
  if (/^number( \| null| \| undefined)?$/.test(t)) return typeof current === 'number' ? current + 1 : 3;
  const literals = [...t.matchAll(/'([^']*)'/g)].map((m) => m[1]).filter((v) => v !== current);
  if (literals.length && /^('[^']*'( \| )?)+( \| null| \| undefined)*$/.test(t)) return literals[0];
  const alias = t.split(' | ').find((p) => p in ALIASES);
  if (alias) return ALIASES[alias]!.find((v) => v !== current);
  if (/^string( \| null| \| undefined)?$/.test(t)) return `late ${name}`;
  return undefined;
}

let fx: Fixture;
before(async () => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  fx = (await import('/node_modules/.cache/anquan/react-bundle.js' as string)) as Fixture;
});
afterEach(() => resetConfig());

async function mounted(el: ManifestElement, props: Record<string, unknown>) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = fx.createRoot(host);
  const Wrapper = fx[pascal(el.tag)];
  const render = (p: Record<string, unknown>) => fx.act(async () => root.render(fx.React.createElement(Wrapper as never, p)));
  await render(props);
  const node = host.querySelector(el.tag) as HTMLElement & Record<string, unknown> & { updateComplete?: Promise<unknown> };
  await node.updateComplete;
  return {
    node,
    render,
    done: async () => {
      await fx.act(async () => root.unmount());
      host.remove();
    },
  };
}

describe('properties set through the React wrapper after mount', () => {
  for (const el of ELEMENTS) {
    it(`<${el.tag}>: every public property set after connect is the element's value after its update`, async () => {
      const m = await mounted(el, {});
      const skipped: string[] = [];
      try {
        expect(m.node.isConnected).to.be.true;
        for (const p of el.properties) {
          const value = valueFor(p.type, m.node[p.name], p.name);
          if (value === undefined) {
            skipped.push(`${p.name}: ${p.type}`);
            continue;
          }
          await m.render({ [p.name]: value });
          await m.node.updateComplete;
          expect(m.node[p.name], `${el.tag}.${p.name} set after connect`).to.equal(value);
        }
      } finally {
        await m.done();
      }
      // Objects and callbacks (controllers, stores, clients) have no generic test value: named here.
      expect(
        skipped.filter((s) => /^(string|boolean|number)( \| null| \| undefined)*$/.test(s.split(': ')[1]!)),
        `plain properties left untested (skipped: ${skipped.join(', ')})`,
      ).to.deep.equal([]);
    });
  }

  it("[CAC-MINOR-curfew] <AqMinorMode timeZone> set after connect moves the controller's day and curfew to that zone", async () => {
    // Catches: the time zone read only when the element connects (the controller keeps the browser's zone).
    const el = ELEMENTS.find((e) => e.tag === 'aq-minor-mode')!;
    const name = `late-tz-${Date.now()}`;
    const m = await mounted(el, { name, noLock: true });
    try {
      const node = m.node as unknown as { controller: { timeZone: string; name: string } };
      expect(node.controller.name).to.equal(name);
      await m.render({ name, noLock: true, timeZone: 'Pacific/Kiritimati' });
      await until(() => node.controller.timeZone === 'Pacific/Kiritimati', 2000, 'the controller takes the time zone');
      await m.render({ name: `${name}-2`, noLock: true, timeZone: 'Pacific/Kiritimati' });
      await until(() => node.controller.name === `${name}-2`, 2000, 'a new name is a new controller');
      expect(node.controller.timeZone).to.equal('Pacific/Kiritimati');
    } finally {
      await m.done();
    }
  });
});
