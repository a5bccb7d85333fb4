// Per-element entry points: `@anquan/label/ai-label.js` (an explicit path in the package's `exports`)
// defines `<aq-ai-label>` and no other tag. This file imports nothing else from Anquan, so the page's
// registry holds only what that one import defined.
import { expect } from '@open-wc/testing';
import { manifestTags } from './harness/manifest.js';

describe('per-element entry points', () => {
  it('importing @anquan/label/ai-label.js defines aq-ai-label and nothing else', async () => {
    const tags = await manifestTags();
    expect(tags.filter((t) => customElements.get(t))).to.deep.equal([]);
    const mod = (await import('@anquan/label/ai-label.js')) as { AqAiLabel: CustomElementConstructor };
    expect(tags.filter((t) => customElements.get(t))).to.deep.equal(['aq-ai-label']);
    expect(customElements.get('aq-ai-label')).to.equal(mod.AqAiLabel);
  });
});
