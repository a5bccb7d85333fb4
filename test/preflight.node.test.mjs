// scripts/preflight.mjs: npm test finds what it needs or says exactly what to install.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

/** A folder for PATH holding links to just these tools (those this machine has). */
function pathWith(tools) {
  const bin = mkdtempSync(join(tmpdir(), 'aq-preflight-'));
  for (const tool of tools) {
    const at = execFileSync('sh', ['-c', `command -v ${tool} || true`], { encoding: 'utf8' }).trim();
    if (at) symlinkSync(at, join(bin, tool));
  }
  return bin;
}

test('a missing system package stops the run at once with the exact apt-get command', () => {
  const r = spawnSync(process.execPath, ['scripts/preflight.mjs'], {
    encoding: 'utf8',
    env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', AQ_NO_APT: '1' },
  });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /apt-get install -y chromium\b/);
});

test('on this machine everything the tests use is present', () => {
  const r = spawnSync(process.execPath, ['scripts/preflight.mjs'], { encoding: 'utf8', env: { ...process.env, AQ_NO_APT: '1' } });
  assert.equal(r.status, 0, r.stderr);
});

test('without the other engines on PATH it names exactly webkit2gtk-driver and xvfb; without Firefox ESR, firefox-esr', () => {
  // A PATH with everything the other checks look for, but not WebKitWebDriver or Xvfb.
  const bin = pathWith(['sh', 'ffmpeg', 'ffprobe', 'exiftool', 'fc-list', 'perl', 'pg_ctl', 'soffice']);
  try {
    const run = (env) =>
      spawnSync(process.execPath, ['scripts/preflight.mjs'], {
        encoding: 'utf8',
        env: { ...process.env, AQ_NO_APT: '1', PATH: bin, ...env },
      });
    const engines = run({});
    assert.equal(engines.status, 1);
    assert.match(engines.stderr, /sudo apt-get install -y webkit2gtk-driver xvfb\n/);
    const firefox = run({ FIREFOX_PATH: '/nonexistent/firefox-esr' });
    assert.match(firefox.stderr, /sudo apt-get install -y firefox-esr webkit2gtk-driver xvfb\n/);
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});

test('without LibreOffice it names libreoffice-writer-nogui, to be installed without recommends (no desktop)', () => {
  const bin = pathWith(['sh', 'ffmpeg', 'ffprobe', 'exiftool', 'fc-list', 'perl', 'pg_ctl', 'WebKitWebDriver', 'Xvfb']);
  try {
    const r = spawnSync(process.execPath, ['scripts/preflight.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, AQ_NO_APT: '1', PATH: bin },
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui\n/);
    assert.doesNotMatch(r.stderr, /install -y libreoffice/);
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});
