// For test/autoloader.test.ts: which measure-enforcing elements are defined when the document has
// loaded and when the first input event arrives (a classic script, so it runs before any module).
window.__aqProbe = { domContentLoaded: null, firstInput: null };
const enforcing = ['aq-prescreen', 'aq-minor-mode', 'aq-minor-lock', 'aq-age-gate'];
const defined = () => enforcing.filter((t) => customElements.get(t));
document.addEventListener('DOMContentLoaded', () => {
  window.__aqProbe.domContentLoaded = defined();
});
for (const type of ['keydown', 'beforeinput', 'input', 'pointerdown']) {
  window.addEventListener(
    type,
    () => {
      window.__aqProbe.firstInput ??= { type, defined: defined() };
    },
    { capture: true },
  );
}
