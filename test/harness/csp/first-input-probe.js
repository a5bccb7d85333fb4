// For test/autoloader.test.ts: the page's own handlers, as a chat page has them (document level,
// bubble phase; a classic script, so they are on before any module runs). Each records what reached
// it and which measure-enforcing elements were defined then; the submit handler stands for the chat
// page sending the prompt (it prevents the navigation and records the text it would send).
window.__aqProbe = { seen: [], decisions: [] };
const enforcing = ['aq-prescreen', 'aq-minor-mode', 'aq-minor-lock', 'aq-age-gate'];
const defined = () => enforcing.filter((t) => customElements.get(t));
for (const type of ['keydown', 'beforeinput', 'input', 'paste', 'pointerdown', 'click', 'submit']) {
  document.addEventListener(type, (e) => {
    const record = { type, trusted: e.isTrusted, defined: defined() };
    if (type === 'submit') {
      e.preventDefault();
      record.text = document.getElementById('q').value;
    }
    window.__aqProbe.seen.push(record);
  });
}
for (const type of ['aq-prescreen-blocked', 'aq-prescreen-passed'])
  document.addEventListener(type, (e) =>
    window.__aqProbe.decisions.push({ type, text: document.getElementById('q').value, verdict: e.detail.decision.verdict }),
  );
