// Driven inside the strict-CSP iframe: waits for every consent element, clicks a control when asked
// (`data-click` on the element: a selector in its shadow root), then copies the shadow-root text from
// before and after the clicks into the light DOM ("BEFORE … AFTER …") so the test can read it.
type Aq = HTMLElement & { ready?: Promise<unknown>; updateComplete?: Promise<unknown> };

export default async function drive(host: HTMLElement): Promise<void> {
  const els = Array.from(host.querySelectorAll<Aq>('*')).filter((e) => e.localName.startsWith('aq-'));
  const text = () => els.map((e) => e.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '').join('\n');
  for (const el of els) await (el.ready ?? el.updateComplete);
  const before = text();
  for (const el of els) {
    const sel = el.dataset.click;
    if (!sel) continue;
    const target = el.shadowRoot!.querySelector<HTMLElement>(sel);
    if (!target) throw new Error(`csp-drive: no ${sel} in <${el.localName}>`);
    target.click();
    await new Promise((r) => setTimeout(r, 300));
    for (const e of els) await e.updateComplete;
  }
  const out = document.createElement('pre');
  out.textContent = `BEFORE\n${before}\nAFTER\n${text()}`;
  document.body.append(out);
}
