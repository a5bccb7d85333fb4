// Labels stay on the media when the host page styles the container (a chat bubble with
// `white-space: pre-wrap`, as in the demo): the template's whitespace must not push the media away
// from the label.
import '@anquan/label/register';
import { aTimeout, expect, fixture, html } from '@open-wc/testing';

const png = () => {
  const c = document.createElement('canvas');
  c.width = 400;
  c.height = 300;
  const g = c.getContext('2d')!;
  g.fillStyle = '#3a7';
  g.fillRect(0, 0, 400, 300);
  return c.toDataURL('image/png');
};

const inside = (inner: DOMRect, outer: DOMRect) =>
  inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;

describe('labels in a host context', () => {
  it('[GB45438-5.2-image] the image label sits on the image corner inside a pre-wrap chat bubble', async () => {
    const host = await fixture(
      html`<div style="white-space: pre-wrap; line-height: 1.6; padding: 8px"><aq-ai-image><img src=${png()} alt="generated" width="400" height="300" /></aq-ai-image></div>`,
    );
    const el = host.querySelector('aq-ai-image')!;
    const img = el.querySelector('img')!;
    await img.decode();
    await aTimeout(50);
    const label = el.shadowRoot!.querySelector('[part~="label"]')!.getBoundingClientRect();
    const box = img.getBoundingClientRect();
    expect(inside(label, box), 'label inside the image box').to.be.true;
    expect(Math.abs(label.bottom - box.bottom)).to.be.lessThan(12);
    expect(el.getBoundingClientRect().height).to.be.closeTo(box.height, 1);
  });
});
