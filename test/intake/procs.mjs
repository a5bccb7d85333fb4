// Intake processes for the kill tests and the fault benchmark: spawn `anquan-intake`, SIGKILL it,
// and send a burst of records the way the outbox does (every record resent until a 2xx, across
// whichever intakes are up), keeping what was acknowledged.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { report, send } from './helpers.mjs';

const BIN = fileURLToPath(new URL('../../packages/intake/bin/anquan-intake.mjs', import.meta.url));

/** Start `anquan-intake` with `args`; resolves { base, proc, kill(), stop() } once it listens. */
export function spawnIntake(args, env = {}) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [BIN, '--port', '0', '--log', 'error', '--rate', '0', '--concurrency', '10000', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`anquan-intake did not start: ${err}`)), 20_000);
    proc.stderr.on('data', (c) => (err += c));
    proc.stdout.on('data', (c) => {
      out += c;
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line) {
        clearTimeout(timer);
        const base = JSON.parse(line).listening;
        resolve({
          base,
          proc,
          stderr: () => err,
          kill: () => {
            proc.kill('SIGKILL');
            return new Promise((r) => (proc.exitCode !== null || proc.signalCode ? r() : proc.once('exit', r)));
          },
          stop: () => {
            if (proc.exitCode !== null || proc.signalCode) return Promise.resolve();
            proc.kill('SIGTERM');
            return new Promise((r) => proc.once('exit', r));
          },
        });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`anquan-intake exited ${code}: ${err}`));
    });
  });
}

/**
 * Send `bodies` with `concurrency` workers. `targets()` lists the bases up now; each attempt picks
 * one in turn. A record is resent (after `retryMs`) on any error or non-2xx except a final 4xx,
 * until acknowledged or `deadline`. Resolves { acked: Map id → receipt, attempts, failures }.
 * `onAck(n)` is called after each acknowledgement (to kill an intake mid-burst).
 */
export async function burst(bodies, { targets, concurrency = 16, retryMs = 50, deadlineMs = 60_000, onAck } = {}) {
  const acked = new Map();
  let attempts = 0;
  let failures = 0;
  let turn = 0;
  const end = Date.now() + deadlineMs;
  const queue = [...bodies];
  const worker = async () => {
    while (queue.length) {
      const body = queue.shift();
      for (;;) {
        if (Date.now() > end) throw new Error(`burst: ${body.id} not acknowledged in time`);
        const bases = targets();
        const base = bases[turn++ % bases.length];
        attempts++;
        try {
          const r = await send(base, body);
          if (r.status === 200 || r.status === 201) {
            acked.set(body.id, await r.json());
            onAck?.(acked.size);
            break;
          }
          const text = await r.text();
          if (r.status === 400 || r.status === 422) throw new Error(`burst: ${body.id} refused: ${r.status} ${text}`);
          failures++;
        } catch (err) {
          if (String(err.message).startsWith('burst:')) throw err;
          failures++;
        }
        await new Promise((r) => setTimeout(r, retryMs));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { acked, attempts, failures };
}

export const reports = (n, prefix) =>
  Array.from({ length: n }, (_, i) => ({
    ...report({ category: 'A1.g', description: `burst ${i}` }),
    id: `${prefix}-${String(i).padStart(5, '0')}`,
  }));
