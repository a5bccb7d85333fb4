// Runs inside an iframe served with the strict CSP and Trusted Types. Reads its task from the URL
// hash ({ modules, html, waitMs }), imports the modules, renders the markup, waits, and posts every
// securitypolicyviolation and error back to the parent.
const violations = [];
const errors = [];
document.addEventListener('securitypolicyviolation', (e) => {
  violations.push({ directive: e.violatedDirective, blockedURI: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber });
});
window.addEventListener('error', (e) => errors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => errors.push(String(e.reason?.stack ?? e.reason)));

const task = JSON.parse(decodeURIComponent(location.hash.slice(1)) || '{}');
// The fixture markup passes through a Trusted Types policy of the harness (the test's own HTML).
const policy = window.trustedTypes.createPolicy('aq-test-harness', { createHTML: (s) => s });

(async () => {
  try {
    for (const m of task.modules ?? []) await import(m);
    const host = document.createElement('div');
    host.id = 'fixture';
    host.innerHTML = policy.createHTML(task.html ?? '');
    document.body.append(host);
    if (task.script) await (await import(task.script)).default(host);
    await new Promise((r) => setTimeout(r, task.waitMs ?? 300));
  } catch (err) {
    errors.push(String(err?.stack ?? err));
  }
  parent.postMessage({ type: 'aq-csp-result', id: task.id, violations, errors, text: document.body.textContent }, '*');
})();
