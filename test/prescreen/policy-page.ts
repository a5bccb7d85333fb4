// A page the Node side opens, reloads and drives as a second tab (policy counters across reloads and tabs).
// Query: ?db=<database name>&user=<user id>
import { AnquanStorage, SafetyContext } from '@anquan/core';
import { KeywordMatcher, PrescreenPolicy } from '@anquan/prescreen';

const params = new URLSearchParams(location.search);
const storage = new AnquanStorage(params.get('db') ?? 'aq-policy-page');
const policy = new PrescreenPolicy({
  keywords: new KeywordMatcher([{ term: '炸药配方', risk: 'A1.d' }]),
  storage,
  outbox: null,
  context: new SafetyContext(() => storage),
  user: params.get('user') ?? 'u',
  thresholds: { consecutive: 3, perDay: 5, durationMinutes: 60, timeZone: 'Asia/Shanghai' },
});

declare global {
  interface Window {
    aq: { check(text: string): Promise<{ verdict: string; consecutive: number; today: number }>; ready: true };
  }
}
window.aq = {
  async check(text) {
    const d = await policy.check(text);
    return { verdict: d.verdict, consecutive: d.counters.consecutive, today: d.counters.today };
  },
  ready: true,
};
