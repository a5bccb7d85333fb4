#!/usr/bin/env node
// `npm test`: every browser suite in Chromium (web-test-runner), then the main flows in WebKitGTK and
// Firefox ESR (test/engines/run.mjs), then the Node-side suites (test/**/*.node.test.mjs, e.g. Node
// imports of the built packages), and one closing line "N passed, N failed". Extra arguments go to
// web-test-runner (e.g. --group core).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

// System packages first (Chromium, fonts, ffmpeg, exiftool, PostgreSQL): installed as root on
// Debian, otherwise a stop with the exact command (scripts/preflight.mjs).
const preflight = spawnSync(process.execPath, ['scripts/preflight.mjs'], { stdio: 'inherit' });
if (preflight.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

if (!process.env.AQ_SKIP_BUILD) {
  // The CDN and Node-import tests need the build; tsc -b is incremental.
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

// The React test bundles React (CommonJS only) with esbuild first.
const fixture = spawnSync(process.execPath, ['test/react/build-fixture.mjs'], { stdio: 'inherit' });
if (fixture.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const summaryFile = '.wtr-summary.json';
rmSync(summaryFile, { force: true });
const args = process.argv.slice(2);
const wtr = spawnSync('npx', ['wtr', '--config', 'web-test-runner.config.mjs', ...args], { stdio: 'inherit' });
let passed = 0;
let failed = 0;
let skipped = 0;
const results = [];
if (existsSync(summaryFile)) {
  const s = JSON.parse(readFileSync(summaryFile, 'utf8'));
  results.push(...s.tests);
  passed += s.passed;
  failed += s.failed;
  skipped += s.skipped;
  for (const t of [...s.failedTitles, ...s.erroredFiles]) console.log(`FAILED ${t}`);
} else {
  console.log('web-test-runner wrote no summary');
  failed++;
}
if (wtr.status !== 0 && failed === 0) failed++;

// A partial run (arguments, or AQ_FILES=a.test.ts,b.test.ts for browser files) skips the other
// engines, the Node suites and the conformance matrix, which need every suite.
const partial = args.length > 0 || Boolean(process.env.AQ_FILES);

// The main flows in the other engines: WebKitGTK (WebKitWebDriver under Xvfb) and Firefox ESR.
if (!partial) {
  const enginesFile = '.engines-summary.json';
  rmSync(enginesFile, { force: true });
  const engines = spawnSync(process.execPath, ['test/engines/run.mjs', '--json', enginesFile], { stdio: 'inherit', timeout: 300_000 });
  if (existsSync(enginesFile)) {
    const s = JSON.parse(readFileSync(enginesFile, 'utf8'));
    results.push(...s.tests);
    passed += s.passed;
    failed += s.failed;
    for (const t of s.tests) if (t.result === 'failed') console.log(`FAILED ${t.title}`);
  } else {
    console.log('the cross-engine suite (test/engines/run.mjs) wrote no summary');
    failed++;
  }
  if (engines.status !== 0 && failed === 0) failed++;
}
const nodeTests = partial
  ? []
  : readdirSync('test', { recursive: true })
      .filter((f) => f.endsWith('.node.test.mjs'))
      .map((f) => `test/${f}`);
if (nodeTests.length) {
  const node = spawnSync(process.execPath, ['--test', '--test-reporter=tap', ...nodeTests], { encoding: 'utf8' });
  process.stdout.write(node.stdout);
  process.stderr.write(node.stderr);
  const count = (name) => Number(node.stdout.match(new RegExp(`^# ${name} (\\d+)`, 'm'))?.[1] ?? 0);
  for (const m of node.stdout.matchAll(/^(not ok|ok) \d+ - (.*?)(?: # (SKIP|TODO).*)?$/gm)) {
    results.push({ file: 'node', title: m[2], result: m[3] ? 'skipped' : m[1] === 'ok' ? 'passed' : 'failed' });
  }
  passed += count('pass');
  failed += count('fail');
  skipped += count('skipped');
  if (node.status !== 0 && count('fail') === 0) failed++;
}
writeFileSync('.test-results.json', JSON.stringify({ finishedAt: new Date().toISOString(), results }, null, 1));
if (!partial) {
  // Conformance matrix: clause IDs in test titles → docs/conformance.md (and a gate, see the script).
  const conf = spawnSync(process.execPath, ['scripts/conformance.mjs', '.test-results.json'], { stdio: 'inherit' });
  if (conf.status !== 0) failed++;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
