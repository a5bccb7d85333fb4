// Reliability: 200 reports submitted from a real page while the intake fails about 30% of requests
// and drops connections after storing, with two real page reloads in the middle of sending. Every
// report must be stored exactly once, and every local report must end with its own receipt.
import { expect } from '@open-wc/testing';
import { page, testIntake, until } from '../harness/index.js';

const N = 200;

describe('report reliability', () => {
  it(`[INTERIM-15-feedback] ${N} reports, ~30% failures, dropped answers, two reloads mid-send: every report stored exactly once`, async function () {
    this.timeout(55_000);
    const intake = testIntake();
    const faults = async (f: Record<string, number>) =>
      (await fetch(`${intake.endpoint}/__faults`, { method: 'POST', body: JSON.stringify(f) })).json() as Promise<{
        injected: number;
        dropped: number;
      }>;
    await faults({ failRate: 0.3, dropRate: 0.05, delayMs: 2 });
    const db = `aq-report-rel-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const url = `/test/report/report-page.html?db=${db}&endpoint=${encodeURIComponent(intake.endpoint)}&delay=20`;
    const { id } = (await page({ action: 'open', url })) as { id: string };
    const ready = 'new Promise(r => { const t = () => window.aq?.ready ? r(1) : setTimeout(t, 20); t(); })';
    const evaluate = async <T>(expression: string) => ((await page({ action: 'evaluate', id, expression })) as { value: T }).value;
    const stored = async () => (await intake.received()).length;
    await evaluate(ready);

    await evaluate(`window.aq.submit(0, ${N / 2}, 'rel')`);
    await until(async () => (await stored()) >= 20, 40_000);
    const beforeFirst = await stored();
    await page({ action: 'reload', id }); // reload 1, mid-send
    await evaluate(ready);
    await evaluate(`window.aq.submit(${N / 2}, ${N}, 'rel')`);
    await until(async () => (await stored()) >= N / 2 + 20, 40_000);
    const beforeSecond = await stored();
    await page({ action: 'reload', id }); // reload 2, mid-send
    await evaluate(ready);
    await evaluate('window.aq.repaired');

    await until(async () => (await stored()) >= N, 40_000);
    await until(async () => (await evaluate<number>('window.aq.pending()')) === 0, 40_000);
    await until(async () => (await evaluate<{ received: number }>('window.aq.summary()')).received === N, 40_000);
    const summary = await evaluate<{ total: number; queued: number; received: number; rejected: number; tracking: number }>(
      'window.aq.summary()',
    );
    await page({ action: 'close', id });

    const got = await intake.received();
    const posts = await intake.posts();
    const stats = await faults({});
    const ids = got.map((r) => r.id);
    expect(beforeFirst, 'the first reload happened mid-send').to.be.lessThan(N / 2);
    expect(beforeSecond, 'the second reload happened mid-send').to.be.lessThan(N);
    expect(got).to.have.length(N);
    expect(new Set(ids).size).to.equal(N);
    for (let i = 0; i < N; i++) expect(ids).to.include(`rel-${String(i).padStart(5, '0')}`);
    expect(summary).to.deep.equal({ total: N, queued: 0, received: N, rejected: 0, tracking: N });
    // Faults really happened: ~30% of requests failed, some answers were lost after storing.
    const requests = posts.length + stats.injected;
    expect(stats.injected / requests).to.be.within(0.2, 0.4);
    expect(stats.dropped).to.be.greaterThan(0);
    expect(posts.length).to.be.greaterThan(N);
    console.log(
      `[report reliability] ${N} reports, ${requests} requests, ${stats.injected} injected failures (${((100 * stats.injected) / requests).toFixed(1)}%), ${stats.dropped} dropped answers, ${posts.length - N} repeats answered from the idempotency store, reloads at ${beforeFirst} and ${beforeSecond} stored`,
    );
  });
});
