// Importing any package touches no `window` or `document` at module load, so server-side-rendering
// frameworks can import it: every built package entry imports in plain Node (no DOM globals).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const packages = readdirSync(new URL('../packages/', import.meta.url)).filter((p) =>
  existsSync(new URL(`../packages/${p}/dist/index.js`, import.meta.url)),
);

test('every built package entry imports in Node without window or document', async () => {
  assert.ok(packages.includes('core'), 'packages/core/dist/index.js exists (run npm run build)');
  assert.equal(typeof globalThis.window, 'undefined');
  assert.equal(typeof globalThis.document, 'undefined');
  for (const p of packages) {
    const name = JSON.parse(readFileSync(new URL(`../packages/${p}/package.json`, import.meta.url), 'utf8')).name;
    const mod = await import(name);
    assert.ok(Object.keys(mod).length > 0, `${name} exports something`);
  }
  assert.equal(typeof globalThis.document, 'undefined', 'no package created a document');
});

test('the core works in Node: configuration, taxonomy, ledger hashing', async () => {
  const core = await import('@anquan/core');
  assert.equal(core.getConfig().id, 'cn');
  assert.equal(core.APPENDIX_A_RISKS.length, 31);
  assert.match(await core.sha256Hex('abc'), /^ba7816bf/);
});
