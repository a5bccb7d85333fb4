// The code samples of README.md and docs/*.md (scripts/check-doc-samples.mjs): every ```ts, ```tsx, ```js,
// ```jsx and ```html block type-checks against the built packages, and the check fails on the drift a
// reader would hit (React 19's useRef, renamed props and events, enumerated attribute values).
// Run: node --test test/doc-samples.node.test.mjs (after `npm run build`: .d.ts files and custom-elements.json).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkDocSamples } from '../scripts/check-doc-samples.mjs';

describe('documentation code samples', () => {
  test('every ts, tsx, js, jsx and html sample in README.md and docs/*.md checks against the built packages', () => {
    const { checked, skipped, problems } = checkDocSamples();
    assert.deepEqual(problems, []);
    const count = (lang) => checked.filter((s) => s.lang === lang).length;
    assert.ok(checked.length >= 40, `only ${checked.length} samples checked`);
    for (const lang of ['ts', 'tsx', 'js', 'html']) assert.ok(count(lang) > 0, `no ${lang} sample checked`);
    // Skipping is for samples that cannot stand alone, with a reason, and rare.
    assert.ok(skipped.length <= 3, `${skipped.length} samples skipped: ${skipped.map((s) => `${s.file}:${s.line}`).join(', ')}`);
    for (const s of skipped) assert.ok(s.skip.length > 10, `${s.file}:${s.line}: skipped without a real reason`);
  });

  test('fails on drift: useRef() without a value under React 19, a prop or event by its old name, a value the union does not allow, an unknown attribute or element, bad JSON, a skip without a reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aq-samples-'));
    try {
      const file = join(dir, 'drift.md');
      const md = [
        '# Drift', // 1
        '',
        '```tsx', // 3
        "import { AqReportDialog, AqTrainingStatus } from '@anquan/react';",
        "import { useRef } from 'react';",
        'export function A() {',
        "  const ref = useRef<HTMLElementTagNameMap['aq-report-dialog']>();", // 7
        '  return (',
        '    <>',
        '      <AqReportDialog ref={ref} />',
        '      <AqTrainingStatus for="training-switch" />', // 11
        '      <AqTrainingStatus htmlFor="training-switch" />', // 12: the current name passes
        '    </>',
        '  );',
        '}',
        '```',
        '',
        '```js', // 18
        "document.addEventListener('aq-report-request', (e) => console.log(e.detail.messageId));", // 19: renamed to aq-request-report
        "document.addEventListener('aq-request-report', (e) => console.log(e.detail.messageId));", // 20: passes
        '```',
        '',
        '```html', // 23
        '<aq-ai-label position="top"></aq-ai-label>', // 24
        '<aq-ai-label position="end"></aq-ai-label>', // 25: passes
        '<aq-training-status control="x"></aq-training-status>', // 26
        '<aq-nothing></aq-nothing>', // 27
        '<script type="application/json">{ nope }</script>', // 28
        '```',
        '',
        '<!-- sample: skip -->', // 31
        '```ts',
        'const fine: number = 1;',
        '```',
        '',
      ].join('\n');
      writeFileSync(file, md);
      const { problems } = checkDocSamples({ files: [file] });
      const at = (line) => problems.filter((p) => new RegExp(`drift\\.md:${line}: `).test(p)).join('\n');
      assert.match(at(7), /TS2554: Expected 1 arguments, but got 0/);
      assert.match(at(11), /Property 'for' does not exist/);
      assert.match(at(19), /Property 'detail' does not exist on type 'Event'/);
      assert.match(at(24), /'"top"' is not assignable to type '"start" \| "end" \| "middle"'/);
      assert.match(at(26), /<aq-training-status> has no attribute "control"/);
      assert.match(at(27), /<aq-nothing> is not an element/);
      assert.match(at(28), /the JSON block does not parse/);
      assert.match(at(31), /"sample: skip" needs a reason/);
      for (const line of [12, 20, 25, 33]) assert.equal(at(line), '', `line ${line} should pass`);
      assert.equal(problems.length, 8, problems.join('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
