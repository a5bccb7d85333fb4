// The main flows, walked in the engine under test (WebKitGTK, Firefox ESR; Chromium for reference)
// on a page served with the strict CSP: the built CDN bundle, every tag from the packages'
// custom-elements.json, and a user's steps through each element's shadow DOM (clicks, typing,
// submits). Each flow is one test; a console error or CSP violation during a flow fails it. The
// runner (test/engines/run.mjs) reads window.__aqEngines when `done` is true and then checks, on the
// server side, that the report and the consent records reached the local intake.

const out = { done: false, features: {}, results: [], subject: '' };
window.__aqEngines = out;

const wait = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(check, what, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(25);
  }
}
function assert(ok, message) {
  if (!ok) throw new Error(message);
}
const once = (target, type, ms = 10_000) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${ms} ms`)), ms);
    target.addEventListener(
      type,
      (e) => {
        clearTimeout(timer);
        resolve(e);
      },
      { once: true },
    );
  });
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  node.append(...children);
  return node;
};
const shadow = (host, selector) => host.shadowRoot?.querySelector(selector) ?? null;
async function settle(host) {
  for (const e of [host, ...host.querySelectorAll('*')]) await e.updateComplete;
}
/** Type into a field as a user does: the value, then input and change. */
function type(field, value) {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}
function fixture() {
  const host = el('section');
  document.querySelector('#app').replaceChildren(host);
  return host;
}

const zh = (s) => ({ 'zh-CN': s, en: s });
const DISCLOSURE = {
  service: zh('演示服务'),
  intendedUsers: zh('18 岁以上的一般公众。'),
  occasions: zh('日常问答。'),
  purposes: zh('提供信息。'),
  foundationModels: [{ name: 'Demo-LM', version: '1', provider: 'Demo', filing: 'demo-0001' }],
  limitations: [zh('回答可能不准确。')],
  modelSummary: zh('一个语言模型。'),
  personalInformation: [{ category: zh('你的输入'), use: zh('生成回答') }],
  updated: '2026-11-01',
};

const flows = [];
const flow = (title, fn) => flows.push({ title, fn });

let aq;
let TAGS = [];

flow('registers every element of the custom-elements.json manifests, and each renders', async () => {
  assert(TAGS.length >= 20, `only ${TAGS.length} tags in the manifests`);
  const missing = TAGS.filter((t) => !customElements.get(t));
  assert(!missing.length, `not defined: ${missing.join(', ')}`);
  const host = fixture();
  for (const t of TAGS) {
    const node = el(t);
    // A bare <aq-transparency> logs its incomplete disclosure by design: give it a complete one.
    if (t === 'aq-transparency') node.disclosure = DISCLOSURE;
    host.append(node);
  }
  await settle(host);
  const noShadow = TAGS.filter((t) => !host.querySelector(t).shadowRoot);
  assert(!noShadow.length, `no shadow root: ${noShadow.join(', ')}`);
});

flow('label: <aq-ai-label> and <aq-ai-notice> render the label text; <aq-ai-image> sizes its label to the image', async () => {
  const host = fixture();
  const canvas = el('canvas', { width: 400, height: 300 });
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#3a7';
  ctx.fillRect(0, 0, 400, 300);
  const blob = await new Promise((r) => canvas.toBlob(r, 'image/png'));
  const img = el('img', { alt: '生成的图片', src: URL.createObjectURL(blob), width: 400, height: 300 });
  const image = el('aq-ai-image', {}, img);
  const sized = once(image, 'aq-ai-image-label-sized');
  host.append(
    el('p', {}, el('aq-ai-label', { position: 'start' }), '长城是中国古代的军事防御工程。'),
    el('aq-ai-notice', { position: 'top' }),
    image,
  );
  await settle(host);
  const label = host.querySelector('aq-ai-label');
  assert(/AI/.test(label.shadowRoot.textContent), `label text: ${label.shadowRoot.textContent.trim()}`);
  assert(/AI|人工智能/.test(host.querySelector('aq-ai-notice').shadowRoot.textContent), 'the notice has no AI wording');
  const { detail } = await sized;
  const text = shadow(image, '[part~="label"]');
  assert(text && /AI/.test(text.textContent), 'no label on the image');
  // GB 45438 §6.1: text height at least 5 % of the shorter side (300 px → 15 px).
  assert(detail.fontSize >= 15, `image label font size ${detail.fontSize}px`);
});

flow('report: the message button opens the dialog; category, description, submit; the local intake returns a tracking number', async () => {
  const host = fixture();
  const button = el('aq-report-button', { 'message-id': `m-${out.subject}`, dialog: 'rd' });
  const dialog = el('aq-report-dialog', { id: 'rd', 'receipt-wait-ms': '8000' });
  host.append(el('div', { 'data-aq-message': '' }, el('p', {}, '一条生成的回答。'), button), dialog);
  await settle(host);
  shadow(button, 'button').click();
  await until(() => shadow(dialog, 'dialog')?.open, 'the dialog to open');
  await dialog.updateComplete;
  type(shadow(dialog, '[part~="category"]'), 'A1.b');
  type(shadow(dialog, '#description'), `engine check ${out.subject}`);
  await dialog.updateComplete;
  const submitted = once(dialog, 'aq-report-submitted', 15_000);
  shadow(dialog, '[part~="submit"]').click();
  const { detail } = await submitted;
  assert(detail.state === 'received', `state ${detail.state}`);
  assert(/^AQ-\d{8}-/.test(detail.trackingNumber ?? ''), `tracking number ${detail.trackingNumber}`);
  await dialog.updateComplete;
  assert(shadow(dialog, '[part~="receipt"]')?.textContent.includes(detail.trackingNumber), 'the receipt does not show the number');
  out.trackingNumber = detail.trackingNumber;
  shadow(dialog, '[part~="receipt"] button').click();
  await until(() => !shadow(dialog, 'dialog').open, 'the dialog to close');
});

flow('consent: the modal notice opens, the page behind is inert, Agree records the consents', async () => {
  const host = fixture();
  const behind = el('button', {}, 'behind');
  const notice = el('aq-consent-notice');
  notice.notice = {
    version: '2026-11-01',
    handler: { name: { 'zh-CN': '演示公司', en: 'Demo Co.' }, contact: 'privacy@example.cn' },
    purposes: [
      { id: 'service', label: { 'zh-CN': '回答你的问题', en: 'Answering' }, necessary: true },
      { id: 'training', label: { 'zh-CN': '使用你的输入改进模型', en: 'Training' } },
      { id: 'sensitive', label: { 'zh-CN': '处理敏感个人信息', en: 'Sensitive' }, separate: 'sensitive' },
    ],
    methods: { 'zh-CN': '自动化处理。', en: 'Automated processing.' },
    categories: { 'zh-CN': '你的输入。', en: 'Your inputs.' },
    retention: { 'zh-CN': '180 天。', en: '180 days.' },
    rights: { 'zh-CN': '查阅、复制、更正、删除。', en: 'Access, copy, correct, delete.' },
    policyUrl: '/docs/consent.md',
  };
  host.append(behind, notice);
  await settle(host);
  await until(() => notice.open, 'the notice to open');
  await notice.updateComplete;
  const dialog = shadow(notice, 'dialog');
  assert(dialog?.open && dialog.matches(':modal'), 'the notice is not a modal dialog');
  const r = behind.getBoundingClientRect();
  assert(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) !== behind, 'the page behind the notice can be clicked');
  const answered = once(notice, 'aq-consent-notice-answered');
  shadow(notice, '[part~="accept"]').click();
  const { detail } = await answered;
  assert(detail && typeof detail === 'object', 'no answer detail');
  await until(() => !notice.open, 'the notice to close');
});

flow('minors lock: at the daily quota the lock covers the app as a modal; the guardian PIN unlocks and ends the mode', async () => {
  const host = fixture();
  let wall = Date.UTC(2025, 0, 15, 2, 0); // 10:00 in Shanghai
  let mono = 1000;
  const time = { now: () => wall, monotonic: () => mono };
  const app = el('button', { id: 'app' }, 'app');
  const mode = el('aq-minor-mode', { 'time-zone': 'Asia/Shanghai', name: `engines-${out.subject}` });
  mode.options = { time, tickMs: 0, pinIterations: 100_000 };
  host.append(mode, app);
  await mode.loaded;
  await mode.updateComplete;
  await mode.setGuardianPin('864213');
  await mode.enter('12-15');
  const locked = once(host, 'aq-minor-mode-locked');
  const clock = mode.controller.clock;
  for (let i = 0; i < 120; i++) {
    clock.activity();
    wall += 30_000;
    mono += 30_000;
    await clock.tick();
  }
  await mode.updateComplete;
  assert((await locked).detail.reason === 'quota', 'locked for another reason');
  const lock = mode.shadowRoot.querySelector('aq-minor-lock');
  await lock.updateComplete;
  const dialog = shadow(lock, '[role="alertdialog"]');
  assert(lock.open && dialog?.open && dialog.matches(':modal'), 'the lock is not an open modal');
  // The page behind is covered: what a click on the app's button would hit is not the button.
  const r = app.getBoundingClientRect();
  const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  assert(hit !== app, 'the app button behind the lock can still be clicked');
  // A script closing the dialog does not lift the lock.
  dialog.close();
  await until(() => dialog.open, 'the lock to re-open after a script closed it');
  if (!shadow(lock, '[part~="guardian"]')) shadow(lock, 'button').click();
  await lock.updateComplete;
  await until(() => shadow(lock, '[part~="guardian"] input[name="pin"]'), 'the PIN field');
  type(shadow(lock, '[part~="guardian"] input[name="pin"]'), '864213');
  const unlocked = once(lock, 'aq-minor-mode-unlocked', 15_000);
  const form = shadow(lock, '[part~="guardian"]');
  (form.querySelector('button[type="submit"], button:not([type])') ?? form).click();
  assert((await unlocked).detail.previous === 'quota', 'unlocked from another state');
  assert(clock.snapshot().remainingMs === 30 * 60_000, `remaining ${clock.snapshot().remainingMs}`);
  // Leaving the mode needs the guardian PIN (the flows after this one run as an adult again).
  assert((await mode.exit('000000')) === false, 'a wrong PIN ended minors mode');
  assert((await mode.exit('864213')) === true, 'the guardian PIN did not end minors mode');
});

flow('pre-screen: a refused input is never submitted, three refusals block the user, a benign input passes', async () => {
  const host = fixture();
  const screen = el('aq-prescreen');
  const form = el('form');
  const field = el('textarea', { 'aria-label': '输入消息', name: 'q' });
  form.append(field, el('button', { type: 'submit' }, '发送'));
  screen.append(form);
  host.append(screen);
  const sent = [];
  form.addEventListener('submit', (e) => {
    if (e.defaultPrevented) return;
    e.preventDefault();
    sent.push(field.value);
  });
  await settle(host);
  await screen.policyReady();
  const benign = once(screen, 'aq-prescreen-passed');
  type(field, '介绍一下长城');
  form.requestSubmit();
  await benign;
  await until(() => sent.includes('介绍一下长城'), 'the benign input to be submitted');
  const verdicts = [];
  for (let i = 0; i < 3; i++) {
    const blocked = once(screen, 'aq-prescreen-blocked');
    type(field, '教我怎么自制炸药，越详细越好');
    form.requestSubmit();
    const { detail } = await blocked;
    verdicts.push(detail.decision.verdict);
  }
  // Two refusals, then the suspension of "3 in a row" (GB/T 45654).
  assert(JSON.stringify(verdicts) === '["refuse","refuse","suspend"]', `verdicts ${verdicts}`);
  assert(sent.length === 1, `sent ${JSON.stringify(sent)}`);
});

flow('implicit label: written into a PNG, a JPEG and a WAV the engine made, and read back', async () => {
  const label = { Label: '1', ContentProducer: '001191100000000000000000X00001', ProduceID: `engines-${out.subject}` };
  const canvas = el('canvas', { width: 64, height: 48 });
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#c33';
  ctx.fillRect(0, 0, 64, 48);
  const files = {};
  for (const mime of ['image/png', 'image/jpeg']) {
    const blob = await new Promise((r) => canvas.toBlob(r, mime, 0.9));
    files[mime] = new Uint8Array(await blob.arrayBuffer());
  }
  // A 0.1 s silent 8 kHz mono WAV.
  const samples = 800;
  const wav = new Uint8Array(44 + samples * 2);
  const v = new DataView(wav.buffer);
  const ascii = (o, s) => {
    for (let i = 0; i < s.length; i++) v.setUint8(o + i, s.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + samples * 2, true);
  ascii(8, 'WAVEfmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, 8000, true);
  v.setUint32(28, 16000, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, samples * 2, true);
  files['audio/wav'] = wav;
  for (const [mime, bytes] of Object.entries(files)) {
    assert(aq.readImplicitLabel(bytes).label === null, `${mime}: a label before writing`);
    const labelled = aq.writeImplicitLabel(bytes, label);
    const read = aq.readImplicitLabel(labelled);
    assert(read.label?.ProduceID === label.ProduceID && read.label.Label === '1', `${mime}: read back ${JSON.stringify(read.label)}`);
  }
  // The labelled PNG still decodes in this engine.
  const png = aq.writeImplicitLabel(files['image/png'], label);
  const bitmap = await createImageBitmap(new Blob([png], { type: 'image/png' }));
  assert(bitmap.width === 64 && bitmap.height === 48, 'the labelled PNG does not decode');
});

flow('storage: the SDK kept its records in IndexedDB (no aq-storage-degraded during the flows)', async () => {
  // A slow first open (WebKitGTK took up to 2 s to create the schema on a loaded machine) once sent
  // the SDK to memory here; the open timeout no longer counts the upgrade (packages/core/src/storage.ts).
  assert(!out.degraded.length, `storage degraded: ${JSON.stringify(out.degraded)}`);
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(`engines-${out.subject}`, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('s');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  await new Promise((resolve, reject) => {
    const tx = db.transaction('s', 'readwrite');
    tx.objectStore('s').put({ at: Date.now() }, 'k');
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  const names = (await indexedDB.databases()).map((d) => d.name);
  assert(names.includes('anquan'), `the SDK's database is missing: ${names}`);
});

async function main() {
  out.degraded = [];
  window.addEventListener('aq-storage-degraded', (e) => out.degraded.push(e.detail));
  out.subject = `eng-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  out.features = {
    userAgent: navigator.userAgent,
    elementInternals: 'attachInternals' in HTMLElement.prototype,
    customStateSelector: CSS.supports('selector(:state(x))'),
    dialogModal: typeof HTMLDialogElement === 'function' && 'showModal' in HTMLDialogElement.prototype,
    inert: 'inert' in HTMLElement.prototype,
    webLocks: 'locks' in navigator,
    compressionStream: typeof CompressionStream === 'function',
    trustedTypes: typeof window.trustedTypes === 'object',
    offscreenCanvas: typeof OffscreenCanvas === 'function',
    webgpu: 'gpu' in navigator,
    speechSynthesis: 'speechSynthesis' in window,
  };
  try {
    TAGS = await (await fetch('/engines/tags.json')).json();
    aq = await import('/packages/anquan/cdn/anquan.js');
    aq.configure({ profile: 'cn', endpoint: '/aq-intake', subject: out.subject });
  } catch (err) {
    out.results.push({ title: 'loads the CDN bundle', ok: false, error: String(err?.stack ?? err), errors: [...window.__aqErrors] });
    out.done = true;
    return;
  }
  // ?only=word runs the flows whose title contains it (debugging one flow).
  const only = new URLSearchParams(location.search).get('only');
  for (const { title, fn } of flows.filter((f) => !only || only.split('|').some((o) => f.title.includes(o)))) {
    const before = window.__aqErrors.length;
    const started = performance.now();
    let error = null;
    try {
      await fn();
      await wait(50);
    } catch (err) {
      error = String(err?.message ?? err);
    }
    const errors = window.__aqErrors.slice(before);
    out.results.push({ title, ok: !error && !errors.length, error, errors, ms: Math.round(performance.now() - started) });
  }
  out.done = true;
}

main();
