// A page the Node side opens and reloads in the middle of sending (report reliability suite).
// Query: ?db=<database name>&endpoint=<intake base>&delay=<base retry ms>
import { AnquanStorage, configure, Outbox } from '@anquan/core';
import { ReportClient } from '@anquan/report';

const params = new URLSearchParams(location.search);
configure({ endpoint: params.get('endpoint') ?? null });
const storage = new AnquanStorage(params.get('db') ?? 'anquan-report-page');
const outbox = new Outbox({ storage, baseDelayMs: Number(params.get('delay') ?? 30), maxDelayMs: 400, timeoutMs: 3000 });
const client = new ReportClient({ storage, outbox });
client.listen();
const repaired = client.reconcile();

declare global {
  interface Window {
    aq: {
      ready: true;
      submit(from: number, to: number, prefix: string): Promise<number>;
      pending(): Promise<number>;
      summary(): Promise<{ total: number; queued: number; received: number; rejected: number; tracking: number }>;
      repaired: Promise<number>;
    };
  }
}

window.aq = {
  ready: true,
  repaired,
  async submit(from, to, prefix) {
    for (let i = from; i < to; i++) {
      await client.enqueue(
        {
          category: i % 7 === 0 ? 'P.unlabelled-ai' : 'A1.g',
          description: `report ${i}`,
          messageId: `m-${i}`,
          evidence: { messageId: `m-${i}`, time: new Date().toISOString(), pageUrl: location.href },
        },
        `${prefix}-${String(i).padStart(5, '0')}`,
      );
    }
    return to - from;
  },
  async pending() {
    return (await outbox.items()).filter((i) => i.state === 'pending').length;
  },
  async summary() {
    const list = await client.list();
    return {
      total: list.length,
      queued: list.filter((r) => r.state === 'queued').length,
      received: list.filter((r) => r.state === 'received').length,
      rejected: list.filter((r) => r.state === 'rejected').length,
      tracking: new Set(list.map((r) => r.receipt?.trackingNumber).filter(Boolean)).size,
    };
  },
};
