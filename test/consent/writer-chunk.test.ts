// The consent notice alone, as a first visit loads it: it reads the state through the read-only view
// and loads the recording module (the store, ledger, storage and outbox) as a chunk after its first
// render. The user here agrees while the network loses that chunk: the choice must not look recorded
// when it was not, and once the network is back the same click records it, once.
// This file imports only the notice's registration, so nothing has loaded the store before.
import '../../packages/consent/src/consent-notice/aq-consent-notice.ts';
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { AqConsentNotice } from '../../packages/consent/src/index.js';
import { ConsentNoticeHarness, until } from '../harness/index.js';

const block = (patterns: string[]) => executeServerCommand('aq-block-requests', { patterns });
const STORE_CHUNK = 'packages/consent/src/consent-store';

/** The consent ledger's records in the SDK's database (read raw, as an assessor would). */
function consentRecords(): Promise<unknown[]> {
  return new Promise((resolve) => {
    const req = indexedDB.open('anquan');
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onerror = () => resolve([]);
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('ledger')) {
        db.close();
        resolve([]);
        return;
      }
      const all = db
        .transaction('ledger')
        .objectStore('ledger')
        .getAll(IDBKeyRange.bound(['consent', 0], ['consent', Number.MAX_SAFE_INTEGER]));
      all.onsuccess = () => {
        db.close();
        resolve(all.result);
      };
    };
  });
}

describe('consent notice: the recording module is a chunk', () => {
  before(
    () =>
      new Promise<void>((res) => {
        const req = indexedDB.deleteDatabase('anquan');
        req.onsuccess = req.onerror = req.onblocked = () => res();
      }),
  );
  after(() => block([]));

  it('[PIPL-14-17-notice] the chunk fails: agreeing shows an alert that the choice is not recorded, the notice stays open, nothing is recorded; back online the same click records it once', async () => {
    // Catches: a notice that closes (looks answered) when the write never happened, or one that fails
    // silently; and a retry that records the choice twice.
    await block([STORE_CHUNK]);
    const wrap = await fixture<HTMLElement>(html`<div lang="en">
      <aq-consent-notice
        mode="banner"
        .notice=${{
          version: 'v1',
          handler: { name: { en: 'Example Ltd.' }, contact: 'privacy@example.com' },
          purposes: [{ id: 'service', label: { en: 'Answering your questions' }, necessary: true }],
          policyUrl: '/privacy',
        }}
      ></aq-consent-notice>
    </div>`);
    const el = wrap.querySelector<AqConsentNotice>('aq-consent-notice')!;
    await el.ready;
    await until(() => el.open, 5000, 'the notice opens on a first visit');
    const user = new ConsentNoticeHarness(el);
    await user.agree();
    await until(() => !!el.shadowRoot!.querySelector('[part="write-error"]'), 5000, 'the write error');
    const alert = el.shadowRoot!.querySelector('[part="write-error"]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('could not be recorded');
    expect(el.open, 'the notice stays open: the choice has not taken effect').to.be.true;
    expect(await consentRecords()).to.deep.equal([]);

    await block([]);
    await user.agree();
    await until(() => !el.open, 5000, 'the notice closes once the choice is recorded');
    expect(el.shadowRoot!.querySelector('[part="write-error"]'), 'the alert goes').to.equal(null);
    await until(async () => (await consentRecords()).length > 0, 5000, 'the record in IndexedDB');
    const records = (await consentRecords()) as { type: string; data: { notice?: string } }[];
    expect(
      records.filter((r) => r.type === 'acknowledge'),
      'one acknowledgement',
    ).to.have.length(1);
  });
});
