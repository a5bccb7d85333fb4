// A page the Node side opens and reloads: the age gate's outcome must survive a real reload.
// Query: ?name=<gate name> (a unique key in the page's default storage).
import type { AqAgeGate } from '@anquan/minor-mode';
import '@anquan/minor-mode/register';

const name = new URLSearchParams(location.search).get('name') ?? 'aq-age-gate-page';
const gate = document.createElement('aq-age-gate') as AqAgeGate;
gate.setAttribute('name', name);
document.body.append(gate);

declare global {
  interface Window {
    aq: { type(age: string): Promise<string>; state(): Promise<string>; stored(): Promise<string> };
    aqReady: Promise<boolean>;
  }
}
window.aq = {
  /** Type an age the way the child would: into the form if there is one, then submit. */
  async type(age) {
    await gate.restored;
    await gate.updateComplete;
    const input = gate.shadowRoot!.querySelector<HTMLInputElement>('input[name="age"]');
    if (input) {
      input.value = age;
      gate.shadowRoot!.querySelector('form')!.requestSubmit();
      for (let i = 0; i < 50 && gate.state === 'ask'; i++) await new Promise((r) => setTimeout(r, 20));
    }
    return gate.state;
  },
  async state() {
    await gate.restored;
    return gate.state;
  },
  /** Everything the gate stored on the device, as text (it must not hold the age). */
  async stored() {
    const conn = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('anquan');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const value = await new Promise<unknown>((res) => {
      const r = conn.transaction('kv').objectStore('kv').get(`age-gate:outcome:${name}`);
      r.onsuccess = () => res(r.result);
    });
    conn.close();
    return JSON.stringify(value ?? null);
  },
};
window.aqReady = gate.restored.then(() => true);
