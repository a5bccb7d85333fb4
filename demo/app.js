// The demo product: a GenAI chat ("灵犀助手") that streams canned replies (no network model) and uses
// every Anquan element. Plain ES modules, no build step: it loads the CDN bundle like a host page would.
// It builds DOM with createElement only (the page runs under a strict CSP with Trusted Types).
import * as aq from '/packages/anquan/cdn/anquan.js';

const T = {
  'zh-CN': {
    product: '灵犀助手', skip: '跳到输入框', nav: '主导航', navChat: '对话', navTransparency: '服务说明', navReports: '我的举报', navSettings: '设置',
    profile: '规则', language: '语言', chatTitle: '对话', chatLog: '对话记录', inputLabel: '输入消息', placeholder: '问点什么……', send: '发送',
    tabPrivacy: '隐私与数据', tabMinors: '未成年人模式', tabAbout: '关于', you: '你', assistant: '灵犀助手',
    suggest: ['介绍一下长城', '画一只熊猫', '生成一段海边的视频', '朗读一首诗'],
    greeting: '你好！我是灵犀助手，可以回答问题、写作、画图、生成视频和语音。',
    footer: '投诉举报渠道：电话 400-000-0000 · 邮箱 report@example.cn · 短信 10690000 · 页面内“举报”按钮',
    aboutText: '本演示使用 Anquan 组件展示生成式人工智能服务面向用户的合规措施。客户端措施仅供提示，服务端会再次核验。',
  },
  en: {
    product: 'Lingxi Assistant', skip: 'Skip to the message box', nav: 'Main', navChat: 'Chat', navTransparency: 'About this service', navReports: 'My reports', navSettings: 'Settings',
    profile: 'Rules', language: 'Language', chatTitle: 'Chat', chatLog: 'Conversation', inputLabel: 'Message', placeholder: 'Ask anything…', send: 'Send',
    tabPrivacy: 'Privacy & data', tabMinors: 'Minors mode', tabAbout: 'About', you: 'You', assistant: 'Lingxi',
    suggest: ['Tell me about the Great Wall', 'Draw a panda', 'Make a video of the sea', 'Read me a poem'],
    greeting: 'Hello! I am Lingxi. I can answer questions, write, draw, make videos and speak.',
    footer: 'Complaints: phone 400-000-0000 · e-mail report@example.cn · SMS 10690000 · the in-page "Report" button',
    aboutText: 'This demo shows the user-facing GenAI compliance measures with Anquan elements. Client-side measures are advisory; the server checks again.',
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
    text: 'The Great Wall is a series of ancient Chinese fortifications. It runs from Shanhaiguan in the east to Jiayuguan in the west, over 20,000 km in all.',
    image: 'Here is a panda for you:',
    video: 'Here is a video of the sea:',
    audio: 'Before my bed the moonlight glows, like frost upon the ground. I raise my head to see the moon, then lower it, thinking of home.',
    fallback: 'This is a demo reply: Lingxi is not connected to a real model; every reply is canned.',
  },
};

let lang = localStorage.getItem('demo-lang') || 'zh-CN';
let profile = localStorage.getItem('demo-profile') || 'cn';
let messageSeq = 0;
const conversationId = `conv-${Date.now().toString(36)}`;

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
const t = (key) => T[lang][key];

function applyLanguage() {
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.setAttribute('placeholder', t(node.dataset.i18nPlaceholder));
  document.title = `${t('product')} · Anquan demo`;
  const sugg = $('#suggestions');
  sugg.replaceChildren(...t('suggest').map((s) => el('button', { type: 'button', class: 'ghost', text: s, onclick: () => send(s) })));
  $('#footer').replaceChildren(el('span', { text: t('footer') }));
  $('#panel-about').replaceChildren(el('p', { class: 'card', text: t('aboutText') }));
}

function applyProfile() {
  aq.configure({ profile });
}

function route() {
  const name = (location.hash.match(/^#\/(\w+)/) || [])[1] || 'chat';
  for (const view of document.querySelectorAll('.view')) view.hidden = view.dataset.view !== name;
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.route === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function setupTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const select = (tab) => {
    for (const other of tabs) {
      const on = other === tab;
      other.setAttribute('aria-selected', String(on));
      other.tabIndex = on ? 0 : -1;
      document.getElementById(other.getAttribute('aria-controls')).hidden = !on;
    }
    tab.focus();
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(tab);
      if (e.key === 'ArrowRight') select(tabs[(i + 1) % tabs.length]);
      if (e.key === 'ArrowLeft') select(tabs[(i - 1 + tabs.length) % tabs.length]);
    });
  }
}

function kindOf(text) {
  if (/画|draw|image|图/i.test(text)) return 'image';
  if (/视频|video/i.test(text)) return 'video';
  if (/朗读|读|read|poem|诗/i.test(text)) return 'audio';
  if (/长城|great wall/i.test(text)) return 'text';
  return 'fallback';
}

function addUserMessage(text) {
  const li = el('li', { class: 'msg user' }, el('div', { class: 'bubble', text }));
  $('#chat-log').append(li);
}

/** Stream a canned reply into a new assistant message, then add its tools (label, report, copy). */
async function addAssistantMessage(kind) {
  const id = `msg-${++messageSeq}`;
  const text = REPLIES[lang][kind];
  const bubble = el('div', { class: 'bubble', id: `${id}-text` });
  const li = el('li', { class: 'msg assistant', 'data-message-id': id }, bubble);
  $('#chat-log').append(li);
  for (let i = 1; i <= text.length; i += 3) {
    bubble.textContent = text.slice(0, i);
    await new Promise((r) => setTimeout(r, 12));
  }
  bubble.textContent = text;
  bubble.prepend(el('aq-ai-label', { position: 'start' }));
  window.dispatchEvent(new CustomEvent('demo-reply', { detail: { id, kind, li, bubble, text } }));
  li.append(el('div', { class: 'tools' }, el('aq-report-button', { 'message-id': id, 'conversation-id': conversationId })));
  return li;
}

async function send(text) {
  const value = text.trim();
  if (!value) return;
  addUserMessage(value);
  $('#composer-input').value = '';
  await addAssistantMessage(kindOf(value));
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
  $('#composer').addEventListener('submit', (e) => {
    e.preventDefault();
    send($('#composer-input').value);
  });
  window.addEventListener('hashchange', route);
  setupTabs();
  applyProfile();
  applyLanguage();
  route();
  $('#notice-slot').append(el('aq-ai-notice', { position: 'top' }));
  const greeting = el('li', { class: 'msg assistant' }, el('div', { class: 'bubble', text: t('greeting') }));
  $('#chat-log').append(greeting);
  window.demo = { send, aq };
  document.body.dataset.ready = 'true';
}

init();
