// Risk taxonomy: GB/T 45654-2025 Appendix A (5 categories, 31 risks) with the Appendix B per-risk
// minimums, plus the product categories outside the standard. Generated from
// shared/spec/taxonomy.json; one module used by report forms, the keyword engine and the classifier.

/** A category of Appendix A. */
export interface RiskCategory {
  /** Stable ID, `A1` … `A5`, or `P` for the product categories outside the standard. */
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  /** True for the product categories that Appendix A does not list. */
  readonly outsideStandard: boolean;
  readonly note?: string;
}

/** One risk: an Appendix A risk (`A1.a` … `A5.b`) or a product category (`P.*`). */
export interface Risk {
  readonly id: RiskId;
  readonly category: string;
  readonly zh: string;
  readonly en: string;
  /** True when the risk is not in Appendix A of GB/T 45654 (a product category). */
  readonly outsideStandard: boolean;
  /** Appendix B keyword-library minimum (A.1: 200, A.2: 100, others 0). */
  readonly minKeywords: number;
  /** Appendix B generated-content test-bank minimum. */
  readonly minTestQuestions: number;
  /** Appendix B should-refuse bank minimum. */
  readonly minShouldRefuse: number;
  /** Report routing: `authority-only` risks go only to the moderation authority and need no notifier contact. */
  readonly routing?: 'authority-only';
  /** Report-form hint: this category carries a personal-information rights request. */
  readonly rightsRequest?: boolean;
}

/** Every risk ID: the 31 Appendix A risks and the product categories. */
export const RISK_IDS = [
  'A1.a',
  'A1.b',
  'A1.c',
  'A1.d',
  'A1.e',
  'A1.f',
  'A1.g',
  'A1.h',
  'A2.a',
  'A2.b',
  'A2.c',
  'A2.d',
  'A2.e',
  'A2.f',
  'A2.g',
  'A2.h',
  'A2.i',
  'A3.a',
  'A3.b',
  'A3.c',
  'A3.d',
  'A3.e',
  'A4.a',
  'A4.b',
  'A4.c',
  'A4.d',
  'A4.e',
  'A4.f',
  'A4.g',
  'A5.a',
  'A5.b',
  'P.self-harm',
  'P.minors',
  'P.csam',
  'P.unlabelled-ai',
  'P.personal-info',
  'P.copyright',
  'P.other',
] as const;

export type RiskId = (typeof RISK_IDS)[number];

/** The 5 Appendix A categories and the product category group `P`. */
export const CATEGORIES: readonly RiskCategory[] = Object.freeze([
  { id: 'A1', zh: '包含违反社会主义核心价值观的内容', en: 'Violates core socialist values', outsideStandard: false },
  { id: 'A2', zh: '包含歧视性内容', en: 'Discriminatory content', outsideStandard: false },
  { id: 'A3', zh: '商业违法违规', en: 'Commercial violations', outsideStandard: false },
  { id: 'A4', zh: '侵犯他人合法权益', en: "Infringing others' lawful rights and interests", outsideStandard: false },
  {
    id: 'A5',
    zh: '无法满足特定服务类型的安全需求',
    en: 'Fails the safety needs of specific service types',
    outsideStandard: false,
    note: 'applies to high-safety uses: automatic control, medical information, psychological counselling, critical information infrastructure',
  },
  { id: 'P', zh: '产品类别（标准外）', en: 'Product categories (outside the standard)', outsideStandard: true },
]);

/** Every risk, in order: A1.a … A5.b, then the product categories. */
export const RISKS: readonly Risk[] = Object.freeze([
  {
    id: 'A1.a',
    category: 'A1',
    zh: '煽动颠覆国家政权、推翻社会主义制度',
    en: 'Inciting subversion of state power / overthrow of the socialist system',
    outsideStandard: false,
    minKeywords: 200,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A1.b',
    category: 'A1',
    zh: '危害国家安全和利益、损害国家形象',
    en: 'Endangering national security and interests; harming national image',
    outsideStandard: false,
    minKeywords: 200,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A1.c',
    category: 'A1',
    zh: '煽动分裂国家、破坏国家统一和社会稳定',
    en: 'Inciting secession; undermining national unity and social stability',
    outsideStandard: false,
    minKeywords: 200,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A1.d',
    category: 'A1',
    zh: '宣扬恐怖主义、极端主义',
    en: 'Promoting terrorism or extremism',
    outsideStandard: false,
    minKeywords: 200,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A1.e',
    category: 'A1',
    zh: '宣扬民族仇恨',
    en: 'Promoting ethnic hatred',
    outsideStandard: false,
    minKeywords: 200,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A1.f',
    category: 'A1',
    zh: '宣扬暴力、淫秽色情',
    en: 'Promoting violence, obscenity or pornography',
    outsideStandard: false,
    minKeywords: 200,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A1.g',
    category: 'A1',
    zh: '传播虚假有害信息',
    en: 'Spreading false and harmful information',
    outsideStandard: false,
    minKeywords: 200,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A1.h',
    category: 'A1',
    zh: '其他法律、行政法规禁止的内容',
    en: 'Other content prohibited by laws and administrative regulations',
    outsideStandard: false,
    minKeywords: 200,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A2.a',
    category: 'A2',
    zh: '民族歧视内容',
    en: 'Ethnic discrimination',
    outsideStandard: false,
    minKeywords: 100,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A2.b',
    category: 'A2',
    zh: '信仰歧视内容',
    en: 'Religious/belief discrimination',
    outsideStandard: false,
    minKeywords: 100,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A2.c',
    category: 'A2',
    zh: '国别歧视内容',
    en: 'Nationality/country discrimination',
    outsideStandard: false,
    minKeywords: 100,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A2.d',
    category: 'A2',
    zh: '地域歧视内容',
    en: 'Regional discrimination',
    outsideStandard: false,
    minKeywords: 100,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A2.e',
    category: 'A2',
    zh: '性别歧视内容',
    en: 'Gender discrimination',
    outsideStandard: false,
    minKeywords: 100,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A2.f',
    category: 'A2',
    zh: '年龄歧视内容',
    en: 'Age discrimination',
    outsideStandard: false,
    minKeywords: 100,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A2.g',
    category: 'A2',
    zh: '职业歧视内容',
    en: 'Occupational discrimination',
    outsideStandard: false,
    minKeywords: 100,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A2.h',
    category: 'A2',
    zh: '健康歧视内容',
    en: 'Health discrimination',
    outsideStandard: false,
    minKeywords: 100,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A2.i',
    category: 'A2',
    zh: '其他方面歧视内容',
    en: 'Other discrimination',
    outsideStandard: false,
    minKeywords: 100,
    minTestQuestions: 50,
    minShouldRefuse: 20,
  },
  {
    id: 'A3.a',
    category: 'A3',
    zh: '侵犯他人知识产权',
    en: "Infringing others' intellectual property",
    outsideStandard: false,
    minKeywords: 0,
    minTestQuestions: 20,
    minShouldRefuse: 0,
  },
  {
    id: 'A3.b',
    category: 'A3',
    zh: '违反商业道德',
    en: 'Violating business ethics',
    outsideStandard: false,
    minKeywords: 0,
    minTestQuestions: 20,
    minShouldRefuse: 0,
  },
  {
    id: 'A3.c',
    category: 'A3',
    zh: '泄露他人商业秘密',
    en: "Disclosing others' trade secrets",
    outsideStandard: false,
    minKeywords: 0,
    minTestQuestions: 20,
    minShouldRefuse: 0,
  },
  {
    id: 'A3.d',
    category: 'A3',
    zh: '利用算法、数据、平台等优势，实施垄断和不正当竞争行为',
    en: 'Using algorithm/data/platform advantages for monopoly or unfair competition',
    outsideStandard: false,
    minKeywords: 0,
    minTestQuestions: 20,
    minShouldRefuse: 0,
  },
  {
    id: 'A3.e',
    category: 'A3',
    zh: '其他商业违法违规行为',
    en: 'Other commercial violations',
    outsideStandard: false,
    minKeywords: 0,
    minTestQuestions: 20,
    minShouldRefuse: 0,
  },
  {
    id: 'A4.a',
    category: 'A4',
    zh: '危害他人身心健康',
    en: "Endangering others' physical or mental health",
    outsideStandard: false,
    minKeywords: 0,
    minTestQuestions: 20,
    minShouldRefuse: 0,
  },
  {
    id: 'A4.b',
    category: 'A4',
    zh: '侵害他人肖像权',
    en: 'Infringing portrait rights',
    outsideStandard: false,
    minKeywords: 0,
    minTestQuestions: 20,
    minShouldRefuse: 0,
  },
  {
    id: 'A4.c',
    category: 'A4',
    zh: '侵害他人名誉权',
    en: 'Infringing reputation rights',
    outsideStandard: false,
    minKeywords: 0,
    minTestQuestions: 20,
    minShouldRefuse: 0,
  },
  {
    id: 'A4.d',
    category: 'A4',
    zh: '侵害他人荣誉权',
    en: 'Infringing honour rights',
    outsideStandard: false,
    minKeywords: 0,
    minTestQuestions: 20,
    minShouldRefuse: 0,
  },
  {
    id: 'A4.e',
    category: 'A4',
    zh: '侵害他人隐私权',
    en: 'Infringing privacy rights',
    outsideStandard: false,
    minKeywords: 0,
    minTestQuestions: 20,
    minShouldRefuse: 0,
  },
  {
    id: 'A4.f',
    category: 'A4',
    zh: '侵害他人个人信息权益',
    en: 'Infringing personal-information rights',
    outsideStandard: false,
    minKeywords: 0,
    minTestQuestions: 20,
    minShouldRefuse: 0,
  },
  {
    id: 'A4.g',
    category: 'A4',
    zh: '侵犯他人其他合法权益',
    en: 'Infringing other lawful rights and interests',
    outsideStandard: false,
    minKeywords: 0,
    minTestQuestions: 20,
    minShouldRefuse: 0,
  },
  {
    id: 'A5.a',
    category: 'A5',
    zh: '内容不准确，严重不符合科学常识或主流认知',
    en: 'Inaccurate: seriously contrary to scientific common sense or mainstream understanding',
    outsideStandard: false,
    minKeywords: 0,
    minTestQuestions: 20,
    minShouldRefuse: 0,
  },
  {
    id: 'A5.b',
    category: 'A5',
    zh: '内容不可靠，虽然不包含严重错误的内容，但无法对使用者形成帮助',
    en: 'Unreliable: no serious error, but of no help to the user',
    outsideStandard: false,
    minKeywords: 0,
    minTestQuestions: 20,
    minShouldRefuse: 0,
  },
  {
    id: 'P.self-harm',
    category: 'P',
    zh: '自伤自杀',
    en: 'Self-harm or suicide',
    outsideStandard: true,
    minKeywords: 0,
    minTestQuestions: 0,
    minShouldRefuse: 0,
  },
  {
    id: 'P.minors',
    category: 'P',
    zh: '未成年人安全',
    en: "Minors' safety",
    outsideStandard: true,
    minKeywords: 0,
    minTestQuestions: 0,
    minShouldRefuse: 0,
  },
  {
    id: 'P.csam',
    category: 'P',
    zh: '儿童性虐待内容',
    en: 'Child sexual abuse material',
    outsideStandard: true,
    minKeywords: 0,
    minTestQuestions: 0,
    minShouldRefuse: 0,
    routing: 'authority-only',
  },
  {
    id: 'P.unlabelled-ai',
    category: 'P',
    zh: '未标识的人工智能生成合成内容',
    en: 'Unlabelled AI-generated content',
    outsideStandard: true,
    minKeywords: 0,
    minTestQuestions: 0,
    minShouldRefuse: 0,
  },
  {
    id: 'P.personal-info',
    category: 'P',
    zh: '个人信息权利请求',
    en: 'Personal-information request',
    outsideStandard: true,
    minKeywords: 0,
    minTestQuestions: 0,
    minShouldRefuse: 0,
    rightsRequest: true,
  },
  {
    id: 'P.copyright',
    category: 'P',
    zh: '著作权',
    en: 'Copyright',
    outsideStandard: true,
    minKeywords: 0,
    minTestQuestions: 0,
    minShouldRefuse: 0,
  },
  { id: 'P.other', category: 'P', zh: '其他', en: 'Other', outsideStandard: true, minKeywords: 0, minTestQuestions: 0, minShouldRefuse: 0 },
]);

const byId = new Map<string, Risk>(RISKS.map((r) => [r.id, r]));

/** The risk with this ID, or undefined. */
export function getRisk(id: string): Risk | undefined {
  return byId.get(id);
}

/** True when `id` is a known risk ID. */
export function isRiskId(id: unknown): id is RiskId {
  return typeof id === 'string' && byId.has(id);
}

/** The risks of one category, in order. */
export function risksOf(categoryId: string): Risk[] {
  return RISKS.filter((r) => r.category === categoryId);
}

/** The Appendix A risks only (31). */
export const APPENDIX_A_RISKS: readonly Risk[] = RISKS.filter((r) => !r.outsideStandard);

/** The 17 A.1 + A.2 risks that the keyword library and should-refuse bank must cover. */
export const KEYWORD_RISKS: readonly Risk[] = RISKS.filter((r) => r.category === 'A1' || r.category === 'A2');

/** Display name of a category (`A1` … `A5`, `P`) in `lang` (zh* gets Chinese, anything else English); the id itself when unknown. */
export function categoryName(id: string, lang: string): string {
  const c = CATEGORIES.find((x) => x.id === id);
  if (!c) return id;
  return lang.toLowerCase().startsWith('zh') ? c.zh : c.en;
}

/** The name of risk `id` in `lang` (zh* → Chinese, else English); the id itself when unknown. */
export function riskName(id: string, lang: string): string {
  const r = byId.get(id);
  if (!r) return id;
  return lang.toLowerCase().startsWith('zh') ? r.zh : r.en;
}

/**
 * Notice categories of the eu profile: the statement categories of the DSA Transparency Database
 * (Commission, Art. 24(5) DSA; https://transparency.dsa.ec.europa.eu, API documentation, `category`),
 * with child sexual abuse material as its own choice (DSA Art. 16(2)(c): no name or e-mail needed),
 * each mapped to the nearest risk of the taxonomy for routing (`risk`). A notice sends both.
 */
export interface DsaCategory {
  /** The Transparency Database value (`STATEMENT_CATEGORY_…`, or a `KEYWORD_…` specification). */
  readonly id: string;
  readonly en: string;
  readonly zh: string;
  /** The taxonomy risk a report of this category is routed as. */
  readonly risk: RiskId;
}

export const DSA_CATEGORIES: readonly DsaCategory[] = Object.freeze([
  { id: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH', en: 'Illegal or harmful speech', zh: '违法或有害言论', risk: 'A1.e' },
  { id: 'STATEMENT_CATEGORY_VIOLENCE', en: 'Violence', zh: '暴力', risk: 'A1.f' },
  { id: 'STATEMENT_CATEGORY_CYBER_VIOLENCE', en: 'Cyber violence', zh: '网络暴力', risk: 'A4.a' },
  { id: 'STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN', en: 'Cyber violence against women', zh: '针对女性的网络暴力', risk: 'A4.a' },
  { id: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS', en: 'Protection of minors', zh: '未成年人保护', risk: 'P.minors' },
  { id: 'KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL', en: 'Child sexual abuse material', zh: '儿童性虐待内容', risk: 'P.csam' },
  { id: 'STATEMENT_CATEGORY_SELF_HARM', en: 'Self-harm', zh: '自伤自杀', risk: 'P.self-harm' },
  { id: 'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY', en: 'Risk for public security', zh: '危害公共安全', risk: 'A1.d' },
  { id: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD', en: 'Scams and/or fraud', zh: '诈骗或欺诈', risk: 'A3.e' },
  {
    id: 'STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS',
    en: 'Unsafe, non-compliant or prohibited products',
    zh: '不安全、不合规或禁售的产品',
    risk: 'A1.h',
  },
  {
    id: 'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
    en: 'Data protection and privacy violations',
    zh: '违反数据保护与隐私',
    risk: 'A4.f',
  },
  {
    id: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
    en: 'Intellectual property infringements',
    zh: '侵犯知识产权',
    risk: 'A3.a',
  },
  {
    id: 'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
    en: 'Negative effects on civic discourse or elections',
    zh: '对公共讨论或选举的负面影响',
    risk: 'A1.g',
  },
  { id: 'STATEMENT_CATEGORY_CONSUMER_INFORMATION', en: 'Consumer information infringements', zh: '侵犯消费者知情权', risk: 'A3.b' },
  { id: 'STATEMENT_CATEGORY_ANIMAL_WELFARE', en: 'Animal welfare', zh: '动物福利', risk: 'P.other' },
  {
    id: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
    en: "Other violation of the provider's terms and conditions",
    zh: '其他违反服务条款的情形',
    risk: 'P.other',
  },
  { id: 'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE', en: 'I do not know which category', zh: '不确定属于哪一类', risk: 'P.other' },
]);

const dsaById = new Map(DSA_CATEGORIES.map((c) => [c.id, c]));

/** The eu notice category `id`, or undefined. */
export function getDsaCategory(id: string): DsaCategory | undefined {
  return dsaById.get(id);
}
