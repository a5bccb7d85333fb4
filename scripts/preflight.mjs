#!/usr/bin/env node
// What `npm test` needs from the system: Debian's Chromium, CJK fonts (label measurements), ffmpeg and
// ffprobe, exiftool (implicit-label cross-checks), PostgreSQL (the intake's store suite), and for the
// cross-engine suite (test/engines) Firefox ESR, WebKitGTK's WebDriver and Xvfb. Run as
// root on Debian, it installs what is missing with apt-get; otherwise it stops at once with the exact
// command to run. `npm test` and `.ci/run` call it first. Only Node built-ins: it runs before `npm ci`.
//
// Then the one native module the Node suites need: better-sqlite3 (the intake's SQLite driver on
// Node 20). `npm install` does not build it (`allowScripts` denies its install script, so the
// default `npm install && npm start` needs no compiler; the demo then keeps a journal file). Once
// node_modules is there, this builds it with `npm rebuild` (a C++ compile, about 4 minutes: its
// prebuilt binary would come from GitHub), after installing a compiler (build-essential, python3)
// as root on Debian where none is found.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const onPath = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
const pgBin = () => {
  try {
    return readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/pg_ctl`));
  } catch {
    return onPath('pg_ctl');
  }
};
const cjkFont = () => {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
};

/** Debian package → whether what the tests use from it is here. */
const NEEDS = [
  ['chromium', () => existsSync(chromium)],
  ['fonts-noto-cjk', cjkFont],
  ['ffmpeg', () => onPath('ffmpeg') && onPath('ffprobe')],
  ['libimage-exiftool-perl', () => onPath('exiftool')],
  ['postgresql', pgBin],
  ['firefox-esr', () => existsSync(process.env.FIREFOX_PATH || '/usr/bin/firefox-esr')],
  ['webkit2gtk-driver', () => onPath('WebKitWebDriver')],
  ['xvfb', () => onPath('Xvfb')],
  // LibreOffice opens the DOCX exports as an office suite would (test/label/documents.test.ts); installed
  // without recommends (44 packages, about 35 s here), see LEAN.
  ['libreoffice-writer-nogui', () => onPath('soffice')],
];
/** Packages apt-get installs with --no-install-recommends (their recommends pull in a desktop). */
const LEAN = new Set(['libreoffice-writer-nogui']);

const REBUILD = ['rebuild', 'better-sqlite3', '--dangerously-allow-all-scripts', '--foreground-scripts'];
const compiler = () => onPath('make') && (onPath('g++') || onPath('c++')) && onPath('python3');
/** node_modules/better-sqlite3 is absent (before `npm ci`: nothing to build yet) or opens a database. */
export function sqliteBuilt() {
  if (process.env.AQ_SQLITE_MODULE === 'unbuilt') return false;
  if (!existsSync('node_modules/better-sqlite3/package.json')) return true;
  const probe = "new (require('better-sqlite3'))(':memory:').close()";
  return spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore' }).status === 0;
}

export function missingPackages() {
  const missing = NEEDS.filter(([, ok]) => !ok()).map(([pkg]) => pkg);
  if (!sqliteBuilt() && !compiler()) missing.push('build-essential', 'python3');
  return missing;
}

function main() {
  const status = installPackages();
  if (status !== 0 || sqliteBuilt()) return status;
  if (process.env.AQ_SQLITE_MODULE === 'unbuilt') {
    console.error(`preflight: better-sqlite3 is not built. Run:\n\n  npm ${REBUILD.join(' ')}\n`);
    return 1;
  }
  console.log('preflight: building better-sqlite3 (the Node suites use it; a C++ compile, about 4 minutes)');
  const rebuilt = spawnSync('npm', REBUILD, { stdio: 'inherit' });
  if (rebuilt.status !== 0 || !sqliteBuilt()) {
    console.error(`preflight: better-sqlite3 did not build; run: npm ${REBUILD.join(' ')}`);
    return 1;
  }
  return 0;
}

function installPackages() {
  const missing = missingPackages();
  if (!missing.length) return 0;
  const plain = missing.filter((p) => !LEAN.has(p));
  const lean = missing.filter((p) => LEAN.has(p));
  const command = [
    plain.length ? `apt-get install -y ${plain.join(' ')}` : '',
    lean.length ? `apt-get install -y --no-install-recommends ${lean.join(' ')}` : '',
  ]
    .filter(Boolean)
    .join(' && sudo ');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !onPath('apt-get') || process.env.AQ_NO_APT) {
    console.error(`preflight: the tests need ${missing.join(', ')}. Run:\n\n  sudo apt-get update && sudo ${command}\n`);
    return 1;
  }
  console.log(`preflight: installing ${missing.join(' ')} (apt-get, as root)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt-get may hold the lock (unattended upgrades, a parallel install): wait up to 10 minutes.
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  const update = spawnSync('apt-get', [...lock, 'update', '-qq'], { stdio: 'inherit', env });
  const aptInstall = (pkgs, extra = []) =>
    pkgs.length ? spawnSync('apt-get', [...lock, 'install', '-y', '-qq', ...extra, ...pkgs], { stdio: 'inherit', env }) : { status: 0 };
  let install = update;
  if (update.status === 0) {
    install = aptInstall(plain);
    if (install.status === 0) install = aptInstall(lean, ['--no-install-recommends']);
  }
  const still = missingPackages();
  if (install.status !== 0 || still.length) {
    console.error(`preflight: apt-get could not install ${still.join(', ') || missing.join(', ')}; run: ${command}`);
    return 1;
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main());
