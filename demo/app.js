// The demo product: a GenAI chat ("灵犀助手") that streams canned replies (no network model) and uses
// every Anquan element. Plain ES modules, no build step: it loads the CDN bundle like a host page.
// DOM is built with createElement only, so the page runs under a strict CSP with Trusted Types.
import * as aq from '/packages/anquan/cdn/anquan.js';

const T = {
  'zh-CN': {
    product: '灵犀助手',
    skip: '跳到输入框',
    nav: '主导航',
    navChat: '对话',
    navTransparency: '服务说明',
    navReports: '我的举报',
    navSettings: '设置',
    profile: '规则',
    language: '语言',
    chatTitle: '对话',
    chatLog: '对话记录',
    inputLabel: '输入消息',
    placeholder: '问点什么……',
    send: '发送',
    tabPrivacy: '隐私与数据',
    tabMinors: '未成年人模式',
    tabAbout: '关于',
    suggest: ['介绍一下长城', '画一只熊猫', '做一个海边日落的视频', '朗读一首诗'],
    greeting: '你好！我是灵犀助手，可以回答问题、写作、画图、生成视频和语音。',
    footer: '投诉举报：电话 400-000-0000 · 邮箱 report@example.cn · 短信 10690000 · 页面内“举报”按钮',
    aboutText: '本演示使用 Anquan 组件展示生成式人工智能服务面向用户的合规措施。客户端措施仅供提示，服务端会再次核验。',
    copy: '复制',
    copied: '已复制（含AI生成标识）',
    download: '下载图片',
    voice: '语音模式',
    voiceOn: '语音模式：开',
    companion: '虚拟伴侣',
    upgrade: '开通会员 ¥30',
    share: '发布到社区',
    shareHint: '选择要发布的文件，平台会读取其中的隐式标识。',
    publish: '发布',
    published: '已发布（演示）',
    privacyIntro: '管理你的数据如何被使用。',
    reviewNotice: '查看个人信息处理规则',
    minorsIntro: '开启后将限制使用时长、夜间使用和付费功能；退出需要监护人验证。',
    ageGateTitle: '本服务仅面向成年人',
    classifierOn: '本地分类模型已启用（{device}）',
    classifierOff: '本地分类模型加载中……',
  },
  en: {
    product: 'Lingxi Assistant',
    skip: 'Skip to the message box',
    nav: 'Main',
    navChat: 'Chat',
    navTransparency: 'About this service',
    navReports: 'My reports',
    navSettings: 'Settings',
    profile: 'Rules',
    language: 'Language',
    chatTitle: 'Chat',
    chatLog: 'Conversation',
    inputLabel: 'Message',
    placeholder: 'Ask anything…',
    send: 'Send',
    tabPrivacy: 'Privacy & data',
    tabMinors: 'Minors mode',
    tabAbout: 'About',
    suggest: ['Tell me about the Great Wall', 'Draw a panda', 'Make a video of the sea', 'Read me a poem'],
    greeting: 'Hello! I am Lingxi. I can answer questions, write, draw, make videos and speak.',
    footer: 'Complaints: phone 400-000-0000 · e-mail report@example.cn · SMS 10690000 · the in-page "Report" button',
    aboutText:
      'This demo shows the user-facing GenAI compliance measures with Anquan elements. Client-side measures are advisory; the server checks again.',
    copy: 'Copy',
    copied: 'Copied (with the AI label)',
    download: 'Download image',
    voice: 'Voice mode',
    voiceOn: 'Voice mode: on',
    companion: 'Virtual companion',
    upgrade: 'Membership ¥30',
    share: 'Share to the community',
    shareHint: 'Pick a file to share; the platform reads its implicit label.',
    publish: 'Publish',
    published: 'Published (demo)',
    privacyIntro: 'Control how your data is used.',
    reviewNotice: 'Review the personal-information notice',
    minorsIntro: 'Limits daily time, night use and purchases; leaving needs the guardian.',
    ageGateTitle: 'This service is for adults only',
    classifierOn: 'On-device classifier enabled ({device})',
    classifierOff: 'Loading the on-device classifier…',
  },
};

const REPLIES = {
  'zh-CN': {
    text: '长城是中国古代的军事防御工程，东起山海关，西至嘉峪关，总长度超过两万公里。它修建于多个朝代，明长城保存最完整。',
    image: '这是为你画的熊猫：',
    video: '这是一段海边的视频：',
    audio: '床前明月光，疑是地上霜。举头望明月，低头思故乡。',
    fallback: '这是一个演示回复：灵犀助手不连接真实模型，回复都是预先写好的。',
  },
  en: {
    text: 'The Great Wall is a series of ancient Chinese fortifications, running from Shanhaiguan in the east to Jiayuguan in the west, over 20,000 km in all.',
    image: 'Here is a panda for you:',
    video: 'Here is a video of the sea:',
    audio:
      'Before my bed the moonlight glows, like frost upon the ground. I raise my head to see the moon, then lower it, thinking of home.',
    fallback: 'This is a demo reply: Lingxi is not connected to a real model; every reply is canned.',
  },
};

const params = new URLSearchParams(location.search);
let lang = localStorage.getItem('demo-lang') || 'zh-CN';
let profile = localStorage.getItem('demo-profile') || 'cn';
let voiceMode = false;
let messageSeq = 0;
const conversationId = `conv-${Date.now().toString(36)}`;
const IMPLICIT = { Label: '1', ContentProducer: '001191100000000000000000X00001', ProduceID: '', ContentPropagator: '', PropagateID: '' };

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === undefined || v === null) continue;
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  node.append(...children);
  return node;
};
const t = (key, p = {}) => {
  const v = T[lang][key];
  return typeof v === 'string' ? v.replace(/\{(\w+)\}/g, (_, k) => p[k] ?? '') : v;
};

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  for (const node of document.querySelectorAll('[data-i18n-placeholder]'))
    node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder));
  document.title = `${t('product')} · Anquan demo`;
  $('#suggestions').replaceChildren(
    ...t('suggest').map((s) => el('button', { type: 'button', class: 'ghost', text: s, onclick: () => submitText(s) })),
  );
  $('#voice-toggle').textContent = voiceMode ? t('voiceOn') : t('voice');
  $('#panel-about').replaceChildren(el('p', { class: 'card', text: t('aboutText') }), el('aq-labelling-notice', { 'heading-level': '2' }));
  renderShare();
  renderPrivacy();
  renderMinors();
}

function applyProfile() {
  aq.configure({ profile });
  const disclosure = $('#ai-disclosure');
  if (disclosure) disclosure.hidden = profile !== 'eu';
}

function route() {
  const name = (location.hash.match(/^#\/(\w+)/) || [])[1] || 'chat';
  for (const view of document.querySelectorAll('.view')) view.hidden = view.dataset.view !== name;
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.route === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function selectTab(id) {
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const on = tab.id === id;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    document.getElementById(tab.getAttribute('aria-controls')).hidden = !on;
  }
}

function setupTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  for (const tab of tabs) {
    tab.addEventListener('click', () => selectTab(tab.id));
    tab.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(tab);
      const next =
        e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length] : null;
      if (next) {
        selectTab(next.id);
        next.focus();
      }
    });
  }
}

function kindOf(text) {
  if (/画|draw|image|图/i.test(text)) return 'image';
  if (/视频|video/i.test(text)) return 'video';
  if (/朗读|read|poem|诗/i.test(text)) return 'audio';
  if (/长城|great wall/i.test(text)) return 'text';
  return 'fallback';
}

/** A "generated" panda, drawn on a canvas: the demo's image model. */
function drawPanda() {
  const canvas = document.createElement('canvas');
  canvas.width = 480;
  canvas.height = 360;
  const g = canvas.getContext('2d');
  g.fillStyle = '#cfe8cf';
  g.fillRect(0, 0, 480, 360);
  const circle = (x, y, r, c) => {
    g.fillStyle = c;
    g.beginPath();
    g.arc(x, y, r, 0, Math.PI * 2);
    g.fill();
  };
  circle(170, 110, 45, '#222');
  circle(310, 110, 45, '#222');
  circle(240, 190, 110, '#fafafa');
  circle(200, 170, 28, '#222');
  circle(280, 170, 28, '#222');
  circle(205, 165, 9, '#fff');
  circle(275, 165, 9, '#fff');
  circle(240, 215, 16, '#222');
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

function addUserMessage(text) {
  $('#chat-log').append(el('li', { class: 'msg user' }, el('div', { class: 'bubble', text })));
}

function tools(id, text) {
  const copy = el('button', { type: 'button', class: 'ghost', text: t('copy') });
  copy.addEventListener('click', async () => {
    await aq.copyLabelledText(text);
    copy.textContent = t('copied');
  });
  return el('div', { class: 'tools' }, el('aq-report-button', { 'message-id': id, 'conversation-id': conversationId }), copy);
}

async function streamInto(node, text) {
  for (let i = 1; i <= text.length; i += 3) {
    node.textContent = text.slice(0, i);
    await new Promise((r) => setTimeout(r, 12));
  }
  node.textContent = text;
}

/** Stream a canned reply into a new assistant message, labelled, reportable and copyable. */
async function addAssistantMessage(kind) {
  const id = `msg-${++messageSeq}`;
  const text = REPLIES[lang][kind];
  const body = el('span', { id: `${id}-text` });
  const bubble = el('div', { class: 'bubble' }, el('aq-ai-label', { position: 'start' }), body);
  const li = el('li', { class: 'msg assistant', 'data-aq-message': '', 'data-message-id': id }, bubble);
  $('#chat-log').append(li);
  if (voiceMode || kind === 'audio') {
    // Voice turn (GB 45438 §5.3): the rhythm cue, then the spoken label where the browser has a voice.
    await aq.playAudioCue().catch(() => {});
    const spoken = new aq.SpokenLabeler({ locale: lang, position: 'start' });
    if (spoken.source.kind !== 'audio-cue') await spoken.speak().catch(() => {});
  }
  await streamInto(body, text);
  if (kind === 'image') {
    const blob = await drawPanda();
    const url = URL.createObjectURL(blob);
    const image = el(
      'aq-ai-image',
      { position: 'bottom-right' },
      el('img', { src: url, alt: lang === 'en' ? 'A cartoon panda' : '卡通熊猫', width: '480', height: '360' }),
    );
    const download = el('button', { type: 'button', class: 'ghost', text: t('download') });
    download.addEventListener('click', async () => {
      const labelled = await aq.downloadLabelled(blob, { ...IMPLICIT, ProduceID: id }, { filename: `panda-${id}.png` });
      window.dispatchEvent(new CustomEvent('demo-downloaded', { detail: labelled }));
    });
    bubble.append(image);
    li.append(tools(id, text), el('div', { class: 'tools' }, download));
    return li;
  }
  if (kind === 'video') {
    bubble.append(
      el('aq-ai-video', {}, el('video', { src: '/demo/media/sea.webm', controls: true, muted: true, playsinline: true, width: '480' })),
    );
  }
  li.append(tools(id, text));
  return li;
}

async function submitText(text) {
  const input = $('#composer-input');
  input.value = text;
  $('#composer').requestSubmit();
}

function renderShare() {
  const file = el('input', { type: 'file', id: 'share-file', accept: 'image/*,audio/*,video/*,.md' });
  const badge = el('aq-aigc-badge', { id: 'share-badge' });
  file.addEventListener('change', () => {
    badge.src = file.files[0] ?? null;
  });
  const form = el(
    'form',
    { class: 'card share', id: 'share-form' },
    el('h2', { text: t('share') }),
    el('p', { text: t('shareHint') }),
    el('label', { for: 'share-file', class: 'visually-hidden', text: t('share') }),
    file,
    badge,
    el('aq-aigc-declare', { name: 'aigc' }),
    el('button', { type: 'submit', class: 'primary', text: t('publish') }),
    el('output', { id: 'share-result' }),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    $('#share-result').textContent = `${t('published')}: aigc=${new FormData(form).get('aigc') ?? 'no'}`;
  });
  $('#share-slot').replaceChildren(form);
}

function renderPrivacy() {
  // The same notice as the first-run one, whose configuration is the JSON block in index.html.
  const notice = el('aq-consent-notice', { mode: 'inline', id: 'notice-inline' });
  notice.notice = JSON.parse(document.querySelector('#consent-first-run > script').textContent);
  const details = el('details', { class: 'card' }, el('summary', { text: t('reviewNotice') }), notice);
  $('#panel-privacy').replaceChildren(
    el('p', { text: t('privacyIntro') }),
    el('div', { class: 'card' }, el('aq-training-optout', { id: 'training-switch' })),
    details,
  );
}

function renderMinors() {
  $('#panel-minors').replaceChildren(
    el('p', { text: t('minorsIntro') }),
    el('div', { class: 'card' }, el('aq-minor-mode-toggle')),
    el('div', { class: 'card' }, el('aq-guardian-settings')),
  );
}

function setupPrescreen() {
  // No policy is set: <aq-prescreen> builds its default one over the bundled sample library (it
  // fails closed; a host with its own library sets library="…" library-key="…"). With `classifier`
  // that built policy also runs the in-browser classifier; submissions made while it loads wait for
  // it (none is screened by keywords alone), and if it cannot load, sending is blocked and the
  // element says so. The CDN bundle's asset base is its own folder: worker, wasm and model are under classifier/.
  const prescreen = $('#prescreen');
  if (params.get('classifier') !== 'off') {
    const status = $('#classifier-status');
    status.textContent = t('classifierOff');
    prescreen.classifier = true;
    prescreen.updateComplete
      .then(() => prescreen.policyReady())
      .then((policy) => policy.classifier.enable())
      .then((info) => {
        status.textContent = t('classifierOn', { device: info.device });
      })
      .catch((err) => {
        status.textContent = String(err.message ?? err);
      });
  } else prescreen.policyReady().catch(() => {});
}

function init() {
  $('#lang-switch').value = lang;
  $('#profile-switch').value = profile;
  $('#lang-switch').addEventListener('change', (e) => {
    lang = e.target.value;
    localStorage.setItem('demo-lang', lang);
    applyLanguage();
  });
  $('#profile-switch').addEventListener('change', (e) => {
    profile = e.target.value;
    localStorage.setItem('demo-profile', profile);
    applyProfile();
  });
  $('#composer').addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = $('#composer-input').value.trim();
    if (!value) return;
    addUserMessage(value);
    $('#composer-input').value = '';
    await addAssistantMessage(kindOf(value));
  });
  $('#voice-toggle').addEventListener('click', () => {
    voiceMode = !voiceMode;
    $('#voice-toggle').setAttribute('aria-pressed', String(voiceMode));
    $('#voice-toggle').textContent = voiceMode ? t('voiceOn') : t('voice');
  });
  document.addEventListener('aq-request-settings', () => {
    history.replaceState(null, '', '#/settings');
    route();
    selectTab('tab-privacy');
  });
  document.addEventListener('aq-minor-mode-locked', () => ($('#composer-input').disabled = true));
  document.addEventListener('aq-minor-mode-unlocked', () => ($('#composer-input').disabled = false));
  window.addEventListener('hashchange', route);
  setupTabs();
  applyProfile();
  applyLanguage();
  route();
  if (params.get('variant') === 'age-gate') $('#age-gate').hidden = false;
  setupPrescreen();
  $('#chat-log').append(el('li', { class: 'msg assistant' }, el('div', { class: 'bubble', text: t('greeting') })));
  window.demo = { submitText, aq };
  document.body.dataset.ready = 'true';
}

init();
