import { APPENDIX_A_RISKS, CATEGORIES, getRisk, isRiskId, KEYWORD_RISKS, RISKS, riskName, risksOf } from '@anquan/core';
import { expect } from '@open-wc/testing';

describe('risk taxonomy', () => {
  it('[GBT45654-A-taxonomy] has the 5 Appendix A categories and 31 risks A1.a … A5.b, in both languages', () => {
    expect(CATEGORIES.filter((c) => !c.outsideStandard).map((c) => c.id)).to.deep.equal(['A1', 'A2', 'A3', 'A4', 'A5']);
    expect(APPENDIX_A_RISKS).to.have.length(31);
    const counts = ['A1', 'A2', 'A3', 'A4', 'A5'].map((c) => risksOf(c).length);
    expect(counts).to.deep.equal([8, 9, 5, 7, 2]);
    for (const r of APPENDIX_A_RISKS) {
      expect(r.id).to.match(/^A[1-5]\.[a-i]$/);
      expect(r.zh).to.match(/[\u4e00-\u9fff]/);
      expect(r.en).to.match(/^[A-Z]/);
      expect(r.outsideStandard).to.be.false;
    }
    expect(new Set(RISKS.map((r) => r.id)).size).to.equal(RISKS.length);
    expect(getRisk('A1.a')!.zh).to.equal('煽动颠覆国家政权、推翻社会主义制度');
    expect(getRisk('A5.b')!.en).to.contain('Unreliable');
  });

  it('carries the Appendix B per-risk minimums for the 17 keyword risks', () => {
    expect(KEYWORD_RISKS).to.have.length(17);
    expect(KEYWORD_RISKS.filter((r) => r.category === 'A1').every((r) => r.minKeywords === 200)).to.be.true;
    expect(KEYWORD_RISKS.filter((r) => r.category === 'A2').every((r) => r.minKeywords === 100)).to.be.true;
    expect(KEYWORD_RISKS.reduce((s, r) => s + r.minKeywords, 0)).to.equal(2500);
  });

  it('marks the product categories as outside the standard; CSAM routes only to the authority', () => {
    const product = RISKS.filter((r) => r.outsideStandard).map((r) => r.id);
    expect(product).to.deep.equal(['P.self-harm', 'P.minors', 'P.csam', 'P.unlabelled-ai', 'P.personal-info', 'P.copyright', 'P.other']);
    expect(getRisk('P.csam')!.routing).to.equal('authority-only');
    expect(getRisk('P.personal-info')!.rightsRequest).to.be.true;
    expect(isRiskId('A1.z')).to.be.false;
    expect(riskName('A2.e', 'en')).to.equal('Gender discrimination');
    expect(riskName('A2.e', 'zh-CN')).to.equal('性别歧视内容');
  });
});
