// A page the Node side opens and reloads: the PIN lockout must survive a real reload.
// Query: ?db=<database name>
import { AnquanStorage } from '@anquan/core';
import { GuardianPin } from '@anquan/minor-mode';

const db = new URLSearchParams(location.search).get('db') ?? 'aq-pin-page';
const pin = new GuardianPin({ storage: new AnquanStorage(db), iterations: 100_000 });

declare global {
  interface Window {
    aq: { set(p: string): Promise<void>; verify(p: string): Promise<unknown>; plainPinStored(): Promise<boolean> };
    aqReady: boolean;
  }
}
window.aq = {
  set: (p) => pin.set(p),
  verify: (p) => pin.verify(p),
  async plainPinStored() {
    const conn = await new Promise<IDBDatabase>((res) => {
      const r = indexedDB.open(db);
      r.onsuccess = () => res(r.result);
    });
    const values = await new Promise<unknown[]>((res) => {
      const r = conn.transaction('kv').objectStore('kv').getAll();
      r.onsuccess = () => res(r.result);
    });
    conn.close();
    return /(^|[^0-9A-Za-z+/])482915([^0-9A-Za-z+/=]|$)/.test(JSON.stringify(values));
  },
};
window.aqReady = true;
