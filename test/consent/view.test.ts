// The read-only consent view (packages/consent/src/consent-view.ts) that `<aq-training-status>` reads
// on a page with no consent writer (the returning visitor's chat page). It must show what the store
// shows: the records in IndexedDB, another tab's write as it happens, and, once the page has the
// shared store, the records that store keeps in memory when IndexedDB refuses them. The user these
// tests stand for is the one who switched collection off: the line must never say "on" for them.
// They use the SDK's real default database (`anquan`); the runner runs one file at a time.
import { expect, fixture, html } from '@open-wc/testing';
import '../../packages/consent/src/register.js';
import { AnquanStorage, getStorage } from '@anquan/core/storage';
import { TRAINING_PURPOSE } from '../../packages/consent/src/consent-derive.js';
import { ConsentStore, getConsentStore } from '../../packages/consent/src/consent-store.js';
import { getConsentView } from '../../packages/consent/src/consent-view.js';
import type { AqTrainingOptout, AqTrainingStatus } from '../../packages/consent/src/index.js';
import { foreignDatabase } from '../harness/index.js';
import { realClick, until } from './helpers.js';

const DB = 'anquan';
const statusText = (el: AqTrainingStatus) => el.shadowRoot!.querySelector('[part="state"]')!.textContent!.trim();

function deleteDb(): Promise<void> {
  return new Promise((res, rej) => {
    const req = indexedDB.deleteDatabase(DB);
    req.onsuccess = () => res();
    req.onerror = () => rej(req.error);
    req.onblocked = () => rej(new Error('delete blocked: a connection is still open'));
  });
}
const dbExists = async () => (await indexedDB.databases()).some((d) => d.name === DB);

describe('consent view (read-only, for <aq-training-status>)', () => {
  before(async () => {
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('anquan.consent-store')], 'no shared store yet').to.equal(undefined);
    await deleteDb();
  });

  it('[GBT45654-training-status] on a first visit shows the default and never creates the database', async () => {
    // Catches: a view that opens the database with a version (creating it without the storage's
    // schema, so the storage's later open finds no stores and falls back to memory for good).
    const status = await fixture<AqTrainingStatus>(html`<aq-training-status lang="en"></aq-training-status>`);
    await status.ready;
    await getConsentView().load();
    expect(statusText(status)).to.equal('Input collection: off');
    expect(await dbExists(), 'the view created the database').to.be.false;
  });

  it("[GBT45654-training-status] [PIPL-15-withdraw] follows another tab's writes: the same state as that tab's store, within the channel's delivery", async () => {
    // Catches: a view that reads once and never again (the line keeps saying "on" after the user
    // switched collection off in the settings tab), or one that derives the state differently.
    const status = await fixture<AqTrainingStatus>(html`<aq-training-status lang="en"></aq-training-status>`);
    await status.ready;
    const storage = new AnquanStorage(DB);
    const otherTab = new ConsentStore({ storage, outbox: null });
    try {
      await otherTab.load();
      await otherTab.grant(TRAINING_PURPOSE, { noticeVersion: '1', method: 'toggle' });
      await until(() => statusText(status) === 'Input collection: on', 5000, 'the grant to show');
      await otherTab.withdraw(TRAINING_PURPOSE, { noticeVersion: '1', method: 'toggle' });
      await until(() => statusText(status) === 'Input collection: off', 5000, 'the withdrawal to show');
      expect(getConsentView().snapshot.purposes).to.deep.equal(otherTab.snapshot.purposes);
      expect(getConsentView().snapshot.seq).to.equal(otherTab.snapshot.seq);
      // A page loaded afterwards (a reload) reads the same from IndexedDB.
      const reread = await fixture<AqTrainingStatus>(html`<aq-training-status lang="en" default-state="on"></aq-training-status>`);
      await reread.ready;
      expect(statusText(reread), 'the recorded withdrawal beats default-state="on"').to.equal('Input collection: off');
    } finally {
      otherTab.dispose();
      storage.close();
    }
  });

  it('[GBT45654-training-status] once the page writes consent, shows the records kept in memory when IndexedDB refuses them', async () => {
    // Catches: a view that keeps reading IndexedDB after the page's store fell back to memory: the
    // user's withdrawal, held in memory, would not show and the line would say "on".
    await deleteDb();
    // A database at the SDK's schema version without its stores: every write fails (NotFoundError)
    // and the storage keeps the records in memory for the page.
    await foreignDatabase(DB);
    const root = await fixture<HTMLElement>(html`<div lang="en">
      <aq-training-status for="o" default-state="on"></aq-training-status>
      <aq-training-optout id="o" default-state="on"></aq-training-optout>
    </div>`);
    const status = root.querySelector<AqTrainingStatus>('aq-training-status')!;
    const optout = root.querySelector<AqTrainingOptout>('aq-training-optout')!;
    await status.ready;
    await optout.ready;
    const sw = () => optout.shadowRoot!.querySelector<HTMLElement>('[part~="switch"]')!;
    // Switch collection on, then off again: both records go to memory, and the line follows each.
    if (statusText(status) === 'Input collection: off') {
      await realClick(sw());
      await until(() => statusText(status) === 'Input collection: on', 5000, 'the grant kept in memory to show');
    }
    await realClick(sw());
    await until(() => statusText(status) === 'Input collection: off', 5000, 'the withdrawal kept in memory to show');
    expect(sw().getAttribute('aria-checked')).to.equal('false');
    const store = getConsentStore();
    expect(getStorage().degraded, 'the write went to memory').to.be.true;
    expect(getConsentView().snapshot).to.deep.equal(store.snapshot);
  });
});
