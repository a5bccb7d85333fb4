import { AnquanStorage, configure, resetConfig } from '@anquan/core';
import { expect } from '@open-wc/testing';
import { type ConsentSnapshot, ConsentStore } from '../../packages/consent/src/index.js';
import { testIntake } from '../harness/index.js';
import { freshStore, unique, until } from './helpers.js';

describe('consent store', () => {
  afterEach(() => resetConfig());

  it('derives the state per purpose from grant and withdraw records (purpose, notice version, time, method, profile)', async () => {
    const { store } = freshStore();
    await store.load();
    expect(store.state('training')).to.be.undefined;
    const g = await store.grant('training', { noticeVersion: '3', method: 'switch' });
    expect(g).to.include({ purpose: 'training', granted: true, noticeVersion: '3', method: 'switch', profile: 'cn', seq: 0 });
    expect(Date.parse(g.time)).to.be.closeTo(Date.now(), 5000);
    configure({ profile: 'eu' });
    const w = await store.withdraw('training', { noticeVersion: '3', method: 'switch' });
    expect(w).to.include({ granted: false, profile: 'eu', seq: 1 });
    expect(store.isGranted('training')).to.be.false;
    const records = await store.ledger.records();
    expect(records.map((r) => r.type)).to.deep.equal(['grant', 'withdraw']);
    expect(records[1].prevHash).to.equal(records[0].hash);
    expect((await store.ledger.verify()).ok).to.be.true;
  });

  it('rejects a malformed purpose or separate kind without writing', async () => {
    const { store } = freshStore();
    let error: unknown;
    try {
      await store.record([{ purpose: 'Bad Purpose!', granted: true, noticeVersion: '1', method: 'api' }]);
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.contain('Bad Purpose!');
    error = undefined;
    try {
      // @ts-expect-error: not a separate-consent kind
      await store.record([{ purpose: 'x', granted: true, noticeVersion: '1', method: 'api', separate: 'biometric' }]);
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.contain('biometric');
    expect(await store.ledger.records()).to.have.length(0);
  });

  it('[PIPL-14-17-notice] remembers the answered notice version and asks again when it changes', async () => {
    const db = unique('aq-consent-v');
    const { store } = freshStore({ db });
    await store.load();
    expect(store.needsNotice('pipl', '1')).to.be.true;
    await store.acknowledge('pipl', '1', { decision: 'accepted' });
    expect(store.needsNotice('pipl', '1')).to.be.false;
    expect(store.needsNotice('pipl', '2')).to.be.true;
    // A reload (a new store on the same database) keeps it.
    const reloaded = new ConsentStore({ storage: new AnquanStorage(db), outbox: null });
    await reloaded.load();
    expect(reloaded.acknowledgement('pipl')).to.include({ noticeVersion: '1', decision: 'accepted' });
    expect(reloaded.needsNotice('pipl', '2')).to.be.true;
  });

  it('exports the history as JSON with the current state, every record and a verified chain head', async () => {
    const { store } = freshStore();
    await store.grant('analytics', { noticeVersion: '1', method: 'notice' });
    await store.grant('cross-border', { noticeVersion: '1', method: 'separate', separate: 'cross-border' });
    await store.withdraw('analytics', { noticeVersion: '1', method: 'api' });
    const parsed = JSON.parse(await store.exportJson());
    expect(parsed.format).to.equal('anquan-consent-export/1');
    expect(parsed.current.analytics.granted).to.be.false;
    expect(parsed.current['cross-border']).to.include({ granted: true, separate: 'cross-border', method: 'separate' });
    expect(parsed.records).to.have.length(3);
    expect(parsed.verified).to.include({ ok: true, length: 3 });
    expect(parsed.head.seq).to.equal(2);
  });

  it('sends every grant and withdrawal to the endpoint as a ledger record with the chain head', async () => {
    const intake = testIntake();
    configure({ endpoint: intake.endpoint });
    const { store, outbox } = freshStore({ outbox: true });
    await store.grant('training', { noticeVersion: '1', method: 'switch' });
    const last = await store.withdraw('training', { noticeVersion: '1', method: 'switch' });
    await outbox!.flush();
    const got = await intake.received();
    expect(got.map((r) => r.kind)).to.deep.equal(['ledger-record', 'ledger-record']);
    const payload = got[1].payload as { type: string; data: Record<string, unknown>; hash: string };
    expect(payload.type).to.equal('withdraw');
    expect(payload.data).to.include({ purpose: 'training', noticeVersion: '1', method: 'switch', profile: 'cn' });
    expect(got[1].chainHead).to.deep.equal({
      ledger: 'consent',
      chain: (got[0].payload as { chain: string }).chain,
      seq: 1,
      hash: last.hash,
    });
  });

  it('tells subscribers of changes made in another tab (BroadcastChannel)', async () => {
    const db = unique('aq-consent-tabs');
    const tabA = new ConsentStore({ storage: new AnquanStorage(db), outbox: null });
    const tabB = new ConsentStore({ storage: new AnquanStorage(db), outbox: null });
    await Promise.all([tabA.load(), tabB.load()]);
    const seen: { snap: ConsentSnapshot; changed: string[] }[] = [];
    tabB.subscribe((snap, changed) => seen.push({ snap, changed }));
    await tabA.grant('training', { noticeVersion: '1', method: 'switch' });
    await until(() => tabB.isGranted('training'), 3000, 'the other tab to see the grant');
    expect(seen.at(-1)!.changed).to.include('training');
    await tabA.withdraw('training', { noticeVersion: '1', method: 'switch' });
    await until(() => !tabB.isGranted('training'), 3000, 'the other tab to see the withdrawal');
  });
});
