// A page the Node side opens, reloads and inspects (outbox and ledger reliability tests).
// Query: ?db=<database name>&endpoint=<intake base>&delay=<base retry ms>
import { AnquanStorage, configure, Outbox } from '@anquan/core';

const params = new URLSearchParams(location.search);
configure({ endpoint: params.get('endpoint') ?? null });
const storage = new AnquanStorage(params.get('db') ?? 'anquan-outbox-page');
const outbox = new Outbox({ storage, baseDelayMs: Number(params.get('delay') ?? 50), timeoutMs: 5000 });
outbox.start();

declare global {
  interface Window {
    aq: { enqueue(n: number, prefix: string): Promise<string[]>; pending(): Promise<number>; ready: true };
  }
}
window.aq = {
  async enqueue(n, prefix) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const item = await outbox.enqueue(
        'prescreen-decision',
        { verdict: 'allow', risks: [], sources: ['keyword'], at: new Date().toISOString() },
        { id: `${prefix}-${i}-xxxxxxxx` },
      );
      ids.push(item.id);
    }
    return ids;
  },
  async pending() {
    return (await outbox.items()).filter((i) => i.state === 'pending').length;
  },
  ready: true,
};
