// Runs before the SDK: every console.error, uncaught error, unhandled rejection and CSP violation
// in the page lands in window.__aqErrors (WebKitWebDriver has no log endpoint, so the page keeps them).
const errors = [];
window.__aqErrors = errors;
const original = console.error.bind(console);
console.error = (...args) => {
  errors.push(`console.error: ${args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(' ')}`);
  original(...args);
};
window.addEventListener('error', (e) => errors.push(`error: ${e.message || e.target?.src || e.target?.localName || 'resource'}`), true);
window.addEventListener('unhandledrejection', (e) => errors.push(`unhandledrejection: ${e.reason?.stack ?? e.reason}`));
document.addEventListener('securitypolicyviolation', (e) =>
  errors.push(`csp: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
);
