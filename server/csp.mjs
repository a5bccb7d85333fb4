// The strict Content-Security-Policy the SDK supports: `npm start` sends it with every page it serves,
// and the docs site (scripts/docs.mjs) also puts it in a <meta> of every page it writes.
export const DEMO_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: data:; require-trusted-types-for 'script'";
