// Injected by test/engines/run.mjs at the end of the demo page it serves (after errors.js at the
// start): once the demo is ready, answers the first-run consent notice, asks for a text, an image and
// a video reply as a user of the demo would, waits for the on-device classifier, and leaves what it
// saw in window.__aqDemo for the runner.
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
window.__aqDemo = { done: false };

async function check() {
  for (let i = 0; i < 200 && document.body.dataset.ready !== 'true'; i++) await wait(100);
  if (document.body.dataset.ready !== 'true') throw new Error('the demo never became ready');
  const notice = document.querySelector('#consent-first-run');
  for (let i = 0; i < 50 && !notice.open; i++) await wait(100);
  if (notice.open) await notice.answer(true);
  const replies = () => document.querySelectorAll('#chat-log li.assistant[data-message-id]').length;
  for (const [n, text] of ['介绍一下长城', '画一只熊猫', '做一个海边日落的视频'].entries()) {
    await window.demo.submitText(text);
    for (let i = 0; i < 100 && replies() < n + 1; i++) await wait(100);
  }
  const status = document.querySelector('#classifier-status');
  for (let i = 0; i < 240 && /…|\.\.\./.test(status.textContent); i++) await wait(250);
  await wait(500);
  const tags = [...new Set([...document.querySelectorAll('*')].map((e) => e.localName).filter((n) => n.startsWith('aq-')))];
  return {
    tags: tags.length,
    undefinedTags: tags.filter((t) => !customElements.get(t)),
    replies: replies(),
    labelled: document.querySelectorAll('#chat-log li.assistant[data-message-id] aq-ai-label').length,
    imageLabel: !!document.querySelector('aq-ai-image')?.shadowRoot?.querySelector('[part~="label"]'),
    videoLabel: !!document.querySelector('aq-ai-video')?.shadowRoot?.querySelector('[part~="persistent"]'),
    classifier: status.textContent.trim(),
  };
}

check().then(
  (result) => Object.assign(window.__aqDemo, { done: true, result }),
  (err) => Object.assign(window.__aqDemo, { done: true, error: String(err?.stack ?? err) }),
);
