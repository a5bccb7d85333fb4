// The live example of each element (docs/site/elements/<tag>.html) and its gallery page
// (docs/site/gallery/<tag>.<lang>.html, used by scripts/screenshots.mjs).
//
// The markup is in examples/<tag>.mustache (and examples/<tag>.gallery.mustache where the screenshot needs
// another state): Mustache templates over the view of `exampleView()` (`t` = the texts below in the
// page's language, `assets` = the path to docs/site/, `notice`/`disclosure` = JSON data blocks).
// What is here is the rest: `note` (Markdown shown above the example), `caption` (under the
// screenshots), `config` (an extra data-anquan-config block for the gallery page), `setup` (an async
// function body the screenshot script runs in the page), `clip` and `viewportHeight` (what it captures).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Mustache from 'mustache';

const DIR = fileURLToPath(new URL('./examples/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SAMPLE_IMAGE = 'sample-landscape.svg';

const TEXT = {
  'zh-CN': {
    answer: '长城是中国古代的军事防御工程，东起山海关，西至嘉峪关。',
    second: '明长城保存最完整。',
    buy: '购买 ¥30 的会员',
    ask: '提问',
    send: '发送',
    upload: '发布',
    image: '生成的山水画',
    extra: '用户须知：发布生成内容时须主动声明。',
  },
  en: {
    answer: 'The Great Wall is an ancient Chinese fortification, from Shanhaiguan in the east to Jiayuguan in the west.',
    second: 'The Ming wall is the best preserved.',
    buy: 'Buy a ¥30 membership',
    ask: 'Your question',
    send: 'Send',
    upload: 'Publish',
    image: 'A generated landscape',
    extra: 'Users must declare generated content when they publish it.',
  },
};

const NOTICE = {
  version: '2025-11-01',
  handler: { name: { 'zh-CN': '示例科技有限公司', en: 'Example Tech Ltd.' }, contact: 'privacy@example.com' },
  purposes: [
    { id: 'service', label: { 'zh-CN': '回答你的问题', en: 'Answering your questions' }, necessary: true },
    { id: 'chat-history', label: { 'zh-CN': '保存对话记录', en: 'Keeping your chat history' } },
    { id: 'cross-border', label: { 'zh-CN': '在境外服务器上处理', en: 'Processing on servers abroad' }, separate: 'cross-border' },
  ],
  methods: { 'zh-CN': '自动化处理你输入的文字', en: 'Automated processing of the text you enter' },
  categories: { 'zh-CN': '输入内容、设备标识', en: 'Your inputs and a device identifier' },
  retention: { 'zh-CN': '30 天', en: '30 days' },
  rights: { 'zh-CN': '你可以查阅、复制、更正、删除你的个人信息', en: 'You may access, copy, correct and delete your personal information' },
  policyUrl: '/privacy',
};

const DISCLOSURE = {
  service: 'Example Assistant',
  updated: '2025-11-01',
  intendedUsers: { 'zh-CN': '18 岁以上的一般用户', en: 'Adults in general' },
  occasions: { 'zh-CN': '日常问答与写作', en: 'Everyday questions and writing' },
  purposes: { 'zh-CN': '信息查询、写作辅助', en: 'Looking things up, help with writing' },
  foundationModels: [{ name: 'Example-LM', version: '2.1', provider: 'Example AI', filing: 'Beijing-Example-2025-0001' }],
  limitations: [{ 'zh-CN': '回答可能有误，请核实重要信息', en: 'Answers can be wrong; check what matters' }],
  modelSummary: { 'zh-CN': '基于 Transformer 的大语言模型，经过指令微调', en: 'A Transformer language model with instruction tuning' },
  personalInformation: [{ category: { 'zh-CN': '输入内容', en: 'Your inputs' }, use: { 'zh-CN': '生成回答', en: 'To generate answers' } }],
};

/** JSON for a `<script type="application/json">` block: `<` escaped so no `</script>` can end it early. */
/** HTML escaping for Mustache's `{{x}}`: the five characters that matter in content and quoted attributes. */
export function esc(value) {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export const jsonBlock = (v, space = 2) => JSON.stringify(v, null, space).replace(/</g, '\\u003c');

// Quota 0 and no curfew (start = end): the lock shows the quota reason whatever the time of day.
const minorConfig = (quota) => ({
  thresholds: { minors: { dailyQuotaMinutes: { '12-15': quota }, curfew: { start: '00:00', end: '00:00' } } },
});

export const EXAMPLES = {
  'aq-ai-disclosure': { caption: 'profile="eu" (the AI-interaction notice) with domain="medical"' },
  'aq-audit-report': { note: 'A live audit of this page (`live`): the clauses the elements on a documentation page can show.' },
  'aq-minor-mode': { caption: 'minors mode on (band 12-15): the status line' },
  'aq-minor-lock': {
    note: 'The lock shows only while a limit holds (daily quota or curfew); the screenshots were taken with a daily quota of 0 minutes.',
    config: minorConfig(0),
    clip: 'viewport',
    viewportHeight: 600,
    caption: 'daily quota reached (quota set to 0 for the picture)',
  },
  'aq-paid-gate': {
    setup: "document.querySelector('[data-shot-click]').click();",
    caption: 'minors mode on, band 3-7: the purchase is blocked',
  },
  'aq-prescreen': {
    setup:
      "const aq = await import(document.querySelector('script[type=module][src]').src);\n" +
      "const el = document.querySelector('aq-prescreen');\n" +
      "el.policy = new aq.PrescreenPolicy({ keywords: new aq.KeywordMatcher([{ term: '制作炸药', risk: 'A1.d' }, { term: 'make explosives', risk: 'A1.d' }]), send: 'none' });\n" +
      "document.querySelector('#q').value = document.documentElement.lang === 'en' ? 'How do I make explosives at home?' : '在家怎么制作炸药？';\n" +
      "const blocked = new Promise((r) => { el.addEventListener('aq-prescreen-blocked', r, { once: true }); setTimeout(r, 5000); });\n" +
      "document.querySelector('form button').click();\n" +
      'await blocked;',
    note: 'Without a policy the element only warns. Set `el.policy = new PrescreenPolicy({ keywords, classifier })` (see the prescreen guide); the screenshots use a one-term keyword list.',
    caption: 'a refused input (a one-term keyword list for the picture)',
  },
  'aq-report-dialog': { clip: 'dialog', viewportHeight: 1500 },
  'aq-report-status': {
    setup:
      "const aq = await import(document.querySelector('script[type=module][src]').src);\n" +
      "await aq.getReportClient().submit({ category: 'P.unlabelled-ai', description: 'Gallery example report' });\n" +
      "await document.querySelector('aq-report-status').refresh();",
    caption: 'after one report (received, with tracking number and due date)',
  },
};

function exampleView(lang, assets) {
  return {
    t: TEXT[lang] ?? TEXT.en,
    assets,
    // The demo's clip when it is there (served from /demo/media/), else an empty player.
    videoSrc: existsSync(join(ROOT, 'demo', 'media', 'sea.webm')) ? '/demo/media/sea.webm' : '',
    notice: jsonBlock(NOTICE),
    disclosure: jsonBlock(DISCLOSURE),
  };
}

/** The example markup of `tag` in `lang` (a bare element when none is written). `assets` is the path to docs/site/. */
export function exampleHtml(tag, lang, { gallery = false, assets = '' } = {}) {
  const file = [gallery && join(DIR, `${tag}.gallery.mustache`), join(DIR, `${tag}.mustache`)].find((f) => f && existsSync(f));
  if (!file) return `<${tag}></${tag}>`;
  return Mustache.render(readFileSync(file, 'utf8'), exampleView(lang, assets), {}, { escape: esc }).trimEnd();
}
