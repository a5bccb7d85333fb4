#!/usr/bin/env node
// Writes anquan-model.json into a model folder: every file in it (the manifest itself excepted) with
// its SHA-256 and size. The classifier worker loads only the files listed there, each checked
// against its hash, so a model served from the host's own server is exactly the one the operator
// published (a stale cache, a half-copied upload or a swapped file fails to load, with its name).
//
//   npx anquan-model-manifest <model folder>        write <folder>/anquan-model.json
//   npx anquan-model-manifest <model folder> --check exit 1 when the manifest is missing or differs
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const MANIFEST = 'anquan-model.json';

/** The manifest object for `dir` (files sorted, POSIX paths). */
export function manifestOf(dir) {
  const files = {};
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const rel = relative(dir, p).split(sep).join('/');
        if (rel === MANIFEST) continue;
        const buf = readFileSync(p);
        files[rel] = { sha256: createHash('sha256').update(buf).digest('hex'), bytes: buf.length };
      }
    }
  };
  walk(dir);
  return { format: 'anquan-model/1', files };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].split(sep).pop());
if (isMain) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: anquan-model-manifest <model folder> [--check]');
    process.exit(2);
  }
  const text = `${JSON.stringify(manifestOf(dir), null, 2)}\n`;
  const target = join(dir, MANIFEST);
  if (process.argv.includes('--check')) {
    let old = '';
    try {
      old = readFileSync(target, 'utf8');
    } catch {}
    if (old !== text) {
      console.error(`${target} is missing or out of date; run anquan-model-manifest ${dir}`);
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target} (${Object.keys(JSON.parse(text).files).length} files)`);
  }
}
