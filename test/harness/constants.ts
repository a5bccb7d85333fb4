/** The CSP the harness serves under /test/harness/csp/ (see server-plugins.mjs). */
export const STRICT_CSP_NOTE =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'";
