#!/usr/bin/env node
// `npm run sabotage`: proves that the clause tests can fail. Each mutation of
// test/sabotage/mutations.mjs breaks one measure in the source (an exact snippet, found exactly once,
// replaced); the runner applies it in place, runs only the tests whose titles carry the mutation's clause
// ID (browser: web-test-runner with AQ_FILES + AQ_GREP; Node: node --test --test-name-pattern), restores
// the file, and counts the mutation as "killed" only when at least one of those tests failed. A target
// that moved (snippet absent or not unique), a file left dirty, a mutation no test noticed, or a run that
// only errored (a file that failed to load proves nothing) fails the run.
//
//   npm run sabotage                  every mutation
//   npm run sabotage -- --fast        one mutation per capability (the `fast: true` ones)
//   npm run sabotage -- --only X      mutations whose name or clause is X (repeatable, comma lists)
//   npm run sabotage -- --list        print the mutations and the clauses none covers; run nothing
//
// Results: .sabotage-results.json (read by scripts/conformance.mjs; each outcome carries the SHA-256 of
// the file it mutated, so a proof stops counting once that file changes); `--record` also writes
// docs/sabotage-results.json, the committed record of the last full run. Logs: .sabotage-logs/<name>.log.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mutations, unmutable } from '../test/sabotage/mutations.mjs';

const RESULTS = '.sabotage-results.json';
const RECORD = 'docs/sabotage-results.json';
const JOURNAL = '.sabotage-restore.json';
const LOGS = '.sabotage-logs';
const PER_RUN_TIMEOUT_MS = 10 * 60_000;

const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const only = argv.flatMap((a, i) => (argv[i - 1] === '--only' ? a.split(',') : [])).filter(Boolean);

const clausesPath = ['../shared/spec/clauses.json', 'shared/spec/clauses.json'].find((p) => existsSync(p));
if (!clausesPath) {
  console.log('sabotage: shared/spec/clauses.json not found');
  process.exit(1);
}
const clauses = JSON.parse(readFileSync(clausesPath, 'utf8'));
const capabilityOf = new Map(clauses.map((c) => [c.id, c.capability]));

// A run that died (SIGKILL, power) left a journal: put the originals back before anything else.
// A journal of a run that is still alive is left alone (and a second run refuses to start).
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
function restoreJournal() {
  if (!existsSync(JOURNAL)) return true;
  const j = JSON.parse(readFileSync(JOURNAL, 'utf8'));
  if (j.pid && j.pid !== process.pid && alive(j.pid)) return false;
  writeFileSync(j.file, j.original);
  rmSync(JOURNAL, { force: true });
  console.log(`sabotage: restored ${j.file} from an interrupted run`);
  return true;
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const occurrences = (hay, needle) => hay.split(needle).length - 1;

// Which test files carry which clause ID (a title, or a describe title, containing "[ID]").
const testFiles = readdirSync('test', { recursive: true })
  .map(String)
  .filter((f) => (f.endsWith('.test.ts') || f.endsWith('.node.test.mjs')) && !f.startsWith('bench'))
  .map((f) => join('test', f));
const sources = new Map(testFiles.map((f) => [f, readFileSync(f, 'utf8')]));
const filesFor = (clause) => testFiles.filter((f) => sources.get(f).includes(`[${clause}]`));

// Declarations are checked before anything runs.
const problems = [];
const names = new Set();
for (const m of mutations) {
  for (const key of ['name', 'clause', 'file', 'find', 'replace', 'why']) {
    if (typeof m[key] !== 'string' || (!m[key] && key !== 'replace')) problems.push(`${m.name ?? '?'}: missing ${key}`);
  }
  if (names.has(m.name)) problems.push(`${m.name}: duplicate name`);
  names.add(m.name);
  if (!capabilityOf.has(m.clause)) problems.push(`${m.name}: unknown clause ${m.clause}`);
  if (m.find === m.replace) problems.push(`${m.name}: replace equals find`);
}
if (problems.length) {
  for (const p of problems) console.log(`sabotage: ${p}`);
  process.exit(1);
}

const covered = new Set(mutations.map((m) => m.clause));
const uncovered = clauses.filter((c) => !covered.has(c.id) && !unmutable[c.id]);

if (flag('--list')) {
  // Also checks every target: the snippet must occur exactly once.
  for (const m of mutations) {
    const n = existsSync(m.file) ? occurrences(readFileSync(m.file, 'utf8'), m.find) : -1;
    const target = n === 1 ? '' : n < 0 ? '  TARGET MOVED (no file)' : `  TARGET MOVED (${n} occurrences)`;
    console.log(`${m.fast ? '*' : ' '} ${m.name.padEnd(34)} ${m.clause.padEnd(30)} ${m.file}${target}`);
  }
  for (const [id, why] of Object.entries(unmutable)) console.log(`  (not mutated) ${id}: ${why}`);
  for (const c of uncovered) console.log(`  (NO MUTATION) ${c.id}`);
  process.exit(0);
}

if (!restoreJournal()) {
  console.log(`sabotage: another run is applying a mutation (${JOURNAL}); wait for it to finish`);
  process.exit(1);
}

let selected = mutations;
if (flag('--fast')) selected = selected.filter((m) => m.fast);
if (only.length) selected = selected.filter((m) => only.includes(m.name) || only.includes(m.clause));
if (selected.length === 0) {
  console.log('sabotage: no mutation selected');
  process.exit(1);
}

let current = null; // { file, original } while a mutation is applied
let child = null; // the test run in progress (its own process group)
function restore() {
  if (!current) return;
  writeFileSync(current.file, current.original);
  current = null;
  rmSync(JOURNAL, { force: true });
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
    }
    restore();
    console.log(`sabotage: ${sig}, source restored`);
    process.exit(130);
  });
}
process.on('exit', restore);

/** Runs a command in its own process group (so an interrupt can stop it and its browsers); never blocks signals. */
function run(cmd, args, env = process.env) {
  return new Promise((resolve) => {
    let out = '';
    child = spawn(cmd, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, PER_RUN_TIMEOUT_MS);
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      child = null;
      resolve({ status, out });
    });
  });
}

const gitClean = (file) => spawnSync('git', ['diff', '--quiet', '--', file]).status === 0;

mkdirSync(LOGS, { recursive: true });

async function runBrowser(files, clause, log) {
  rmSync('.wtr-summary.json', { force: true });
  const r = await run('npx', ['wtr', '--config', 'web-test-runner.config.mjs'], {
    ...process.env,
    AQ_SKIP_BUILD: '1',
    AQ_FILES: files.join(','),
    AQ_GREP: escapeRe(`[${clause}]`),
  });
  log.push(r.out);
  if (!existsSync('.wtr-summary.json')) return { ran: 0, failed: [], errored: [`web-test-runner wrote no summary (status ${r.status})`] };
  const s = JSON.parse(readFileSync('.wtr-summary.json', 'utf8'));
  rmSync('.wtr-summary.json', { force: true });
  // Mocha's grep leaves the other tests unrun; web-test-runner lists them as not passed. Only the
  // tests that carry the clause count.
  const tagged = s.tests.filter((t) => t.title.includes(`[${clause}]`) && t.result !== 'skipped');
  return {
    ran: tagged.length,
    failed: tagged.filter((t) => t.result === 'failed').map((t) => `${t.file.replace(`${process.cwd()}/`, '')}: ${t.title}`),
    errored: s.erroredFiles,
  };
}

async function runNode(files, clause, log) {
  const r = await run(process.execPath, ['--test', '--test-reporter=tap', `--test-name-pattern=${escapeRe(`[${clause}]`)}`, ...files]);
  log.push(r.out);
  const out = r.out;
  const failed = [...out.matchAll(/^\s*not ok \d+ - (.*)$/gm)].map((m) => m[1]).filter((t) => t.includes(`[${clause}]`));
  const ran = [...out.matchAll(/^\s*(?:not ok|ok) \d+ - (.*?)(?: # (SKIP|TODO).*)?$/gm)].filter(
    (m) => !m[2] && m[1].includes(`[${clause}]`),
  ).length;
  return { ran, failed, errored: r.status !== 0 && failed.length === 0 ? [`node --test exited ${r.status}`] : [] };
}

async function build(pkg, log) {
  // 'cdn': the CDN folder (packages/anquan/cdn/), which the browser tests of the autoloader load.
  const steps =
    pkg === 'cdn'
      ? [
          ['tsc', '-b', 'tsconfig.json'],
          ['rollup', '-c', 'rollup.config.mjs', '--silent'],
        ]
      : [['tsc', '-b', pkg]];
  for (const step of steps) {
    const r = await run('npx', step);
    log.push(`$ npx ${step.join(' ')}\n`, r.out);
    if (r.status !== 0) return false;
  }
  return true;
}

const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')).mutations ?? []) : [];
const outcomes = new Map(previous.map((o) => [o.name, o]));
const commit = spawnSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
const started = Date.now();
let bad = 0;
for (const m of selected) {
  const t0 = Date.now();
  const log = [];
  const outcome = { name: m.name, clause: m.clause, capability: capabilityOf.get(m.clause), file: m.file, why: m.why };
  const files = (m.tests ?? filesFor(m.clause)).filter((f) => sources.has(f));
  const browserFiles = files.filter((f) => f.endsWith('.test.ts'));
  const nodeFiles = files.filter((f) => f.endsWith('.node.test.mjs'));
  outcome.tests = files;
  try {
    if (!existsSync(m.file)) throw new Error(`target moved: ${m.file} does not exist`);
    if (!gitClean(m.file)) throw new Error(`${m.file} has uncommitted changes; commit or stash them first`);
    if (files.length === 0) throw new Error(`no test file carries [${m.clause}]`);
    const original = readFileSync(m.file, 'utf8');
    const n = occurrences(original, m.find);
    if (n !== 1) throw new Error(`target moved: the snippet occurs ${n} times in ${m.file} (must be exactly once)`);
    // The proof holds for this source only: scripts/conformance.mjs ignores it once the file changed.
    outcome.sourceSha256 = createHash('sha256').update(original).digest('hex');
    writeFileSync(JOURNAL, JSON.stringify({ pid: process.pid, file: m.file, original }));
    current = { file: m.file, original };
    writeFileSync(
      m.file,
      original.replace(m.find, () => m.replace),
    );
    if (m.build && !(await build(m.build, log))) throw new Error(`the mutated ${m.build} did not build (a mutation must type-check)`);
    const runs = [];
    if (browserFiles.length) runs.push(await runBrowser(browserFiles, m.clause, log));
    if (nodeFiles.length) runs.push(await runNode(nodeFiles, m.clause, log));
    outcome.ran = runs.reduce((a, r) => a + r.ran, 0);
    outcome.failedTests = runs.flatMap((r) => r.failed);
    outcome.errored = runs.flatMap((r) => r.errored);
    outcome.result = outcome.failedTests.length > 0 ? 'killed' : outcome.errored.length ? 'errored' : 'survived';
  } catch (e) {
    outcome.result = 'broken';
    outcome.error = e.message;
  } finally {
    restore();
    if (m.build) await build(m.build, log);
    if (!gitClean(m.file)) {
      outcome.result = 'broken';
      outcome.error = `${m.file} is not clean after the restore`;
    }
  }
  outcome.durationS = Math.round((Date.now() - t0) / 100) / 10;
  outcome.at = new Date().toISOString();
  writeFileSync(join(LOGS, `${m.name}.log`), log.join('\n'));
  outcomes.set(m.name, outcome);
  if (outcome.result !== 'killed') bad++;
  const detail =
    outcome.result === 'killed'
      ? `${outcome.failedTests.length}/${outcome.ran} tagged tests failed`
      : (outcome.error ??
        `${outcome.ran} tagged tests ran, none failed${outcome.errored?.length ? `; errors: ${outcome.errored.join('; ')}` : ''}`);
  console.log(`sabotage: ${outcome.result.padEnd(8)} ${m.name} [${m.clause}] ${outcome.durationS} s — ${detail}`);
  // Written after every mutation, so an interrupted run keeps what it measured.
  const json = JSON.stringify({ finishedAt: new Date().toISOString(), commit, unmutable, mutations: [...outcomes.values()] }, null, 1);
  writeFileSync(RESULTS, json);
  if (flag('--record')) writeFileSync(RECORD, `${json}\n`);
}

const total = Math.round((Date.now() - started) / 1000);
if (!only.length) for (const c of uncovered) console.log(`sabotage: no mutation for clause ${c.id}`);
console.log(
  `sabotage: ${selected.length - bad} of ${selected.length} mutations killed in ${total} s${flag('--fast') ? ' (fast subset)' : ''}`,
);
process.exit(bad || (!flag('--fast') && !only.length && uncovered.length) ? 1 : 0);
