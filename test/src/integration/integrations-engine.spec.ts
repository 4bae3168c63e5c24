import { expect } from 'chai';
import { RateLimitedError } from '@muster/core';
import { PluginConfigError } from '@muster/plugin-sdk';
import { assertNoSecretIn } from '@muster/plugin-sdk/testing';
import { ANA, type SlackE2E } from '../e2e/slack/harness';
import type { SlackChannel } from '../e2e/slack/slack-payloads';
import { rateLimited, remote, unavailable } from '../fixtures/plugins/fixture-ops';
import { callKeys, LIMA, MAX_ATTEMPTS, OPS, OPS_TOKEN, runCall, startOps, statusOf } from './integrations-support';

/**
 * The integration engine on the real server with the fixture-ops plugin: what declaring, publishing
 * and resolving call, exactly once each; failures shown as `retrying` on the card and timeline once,
 * `failed` after the last attempt, Retry-After honoured; a retry after an unknown outcome finds what
 * the first attempt made instead of making it twice; the incident flow never waits for any of it.
 */
describe('integrations: the engine calls the installed plugins from the outbox', function () {
  this.timeout(120_000);
  let e2e: SlackE2E;
  let room: SlackChannel;

  before(async () => {
    remote.reset();
    e2e = await startOps();
  });
  after(() => e2e?.stop());

  it('on a SEV1 for checkout pages its on-call once, invites the paged person, opens ticket and bridge, posts the runbook', async () => {
    remote.failNext('start_conference', unavailable(), { afterCreate: true });
    const answer = await e2e.command('declare "Checkout errors for EU cards" --sev SEV1 --service checkout');
    expect(answer.status).to.equal(200);
    await e2e.settle();
    room = await e2e.roomOf(1);
    expect(remote.creates('page').map((c) => c.detail)).to.deep.equal([{ dedupKey: `muster:${(await e2e.incident(1)).id}:checkout`, urgency: 'high', target: 'checkout' }]);
    expect(remote.creates('open_ticket')).to.have.length(1);
    expect(remote.calls.filter((c) => c.op === 'runbook_for').map((c) => c.key)).to.deep.equal(['checkout']);
    const statuses = (await e2e.incident(1)).integrations;
    expect(statusOf(statuses, `page:${OPS}:checkout`)).to.deep.include({ state: 'done', provider: 'Fixture Ops', detail: 'paged Ana Lima, Bo Chen' });
    expect(statusOf(statuses, `ticket:${OPS}`)?.link?.url).to.match(/^https:\/\/ops\.example\/open_ticket\//);
    expect(statusOf(statuses, 'runbook:checkout')).to.deep.include({ state: 'done', link: { url: 'https://wiki.example/runbooks/checkout', title: 'checkout runbook' } });
    const invites = e2e.slack.calls('conversations.invite').filter((c) => String(c.args.channel) === room.id);
    expect(invites.map((c) => String(c.args.users)).join(',')).to.include(LIMA.id);
    expect(e2e.postsMentioning(room.id, 'Runbook: checkout runbook')).to.have.length(1);
    expect(e2e.slack.calls('bookmarks.add').map((c) => String(c.args.link))).to.include('https://wiki.example/runbooks/checkout');
  });

  it('retried after the bridge was made but the answer was lost: passes uncertainSince and finds it, never a second meeting', async () => {
    const starts = remote.calls.filter((c) => c.op === 'start_conference');
    expect(starts.map((c) => c.uncertain)).to.deep.equal([false, true]);
    expect([...remote.created.entries()].filter(([, ids]) => ids[0]!.startsWith('start_conference')).map(([, ids]) => ids.length)).to.deep.equal([1]);
    const line = statusOf((await e2e.incident(1)).integrations, `conference:${OPS}`)!;
    expect(line.state).to.equal('done');
    expect(e2e.slack.calls('bookmarks.add').filter((c) => String(c.args.link) === line.link!.url), 'bookmarked once').to.have.length(1);
  });

  it('shows a failing remote as retrying with its last error on the card and timeline once, and never holds up the incident', async () => {
    remote.failNext('open_ticket', unavailable(), { times: 3 });
    const answer = await e2e.command('declare "Search is slow" --sev SEV3');
    expect(answer.status).to.equal(200);
    expect((await e2e.incident(2)).status, 'declared while the tracker is down').to.equal('triage');
    await e2e.settle();
    const timeline = await e2e.timeline(2);
    const retrying = timeline.filter((t) => t.kind === 'integration' && /retrying/.test(t.text));
    expect(retrying.map((t) => t.text)).to.deep.equal(['Fixture Ops ticket: retrying, last error HTTP 503 from ops.example']);
    expect(timeline.filter((t) => /plugin failed on open_ticket/.test(t.text)), 'the guard notes the failure once per call').to.have.length(1);
    expect(statusOf((await e2e.incident(2)).integrations, `ticket:${OPS}`)?.state).to.equal('done');
    const second = (await e2e.incident(2)).id;
    const key = `muster:${second}:open_ticket:incident`;
    expect(remote.calls.filter((c) => c.key === key).map((c) => c.uncertain), 'each retry looks first').to.deep.equal([false, true, true, true]);
    expect(remote.created.get(key), 'one ticket made').to.have.length(1);
    expect(remote.calls.filter((c) => c.op === 'page' && c.key.includes(second)), 'a SEV3 pages nobody').to.deep.equal([]);
    assertNoSecretIn(JSON.stringify(timeline), [OPS_TOKEN]);
  });

  it('gives up as failed on the last attempt, and turns a 429 with Retry-After into a wait that long', async () => {
    const incident = await e2e.incident(2);
    remote.failNext('open_ticket', rateLimited(3_000));
    const limited = await runCall(e2e, { op: 'open_ticket', incidentId: incident.id, callKey: 'muster:test:rate' }).then(() => undefined, (e: unknown) => e);
    expect(limited).to.be.instanceOf(RateLimitedError);
    expect((limited as RateLimitedError).retryAfterMs).to.equal(3_000);
    remote.failNext('open_ticket', unavailable());
    const last = await runCall(e2e, { op: 'open_ticket', incidentId: incident.id, callKey: 'muster:test:last' }, MAX_ATTEMPTS).then(() => undefined, (e: unknown) => e);
    expect(last).to.be.instanceOf(Error).and.not.be.instanceOf(RateLimitedError);
    const line = statusOf((await e2e.incident(2)).integrations, `ticket:${OPS}`)!;
    expect(line).to.deep.include({ state: 'failed', lastError: 'HTTP 503 from ops.example' });
    expect(line.link?.url, 'the ticket made earlier is still linked').to.match(/^https:\/\/ops\.example\//);
  });

  it('gives up at once, saying what to set, when the plugin is misconfigured: no retry will fix a missing secret', async () => {
    const incident = await e2e.incident(2);
    remote.failNext('start_conference', () => new PluginConfigError('Set MUSTER_PLUGIN_FIXTURE_OPS_BRIDGE_KEY to start meetings.'));
    const refused = await runCall(e2e, { op: 'start_conference', incidentId: incident.id, callKey: 'muster:test:misconfigured' }).then(() => undefined, (e: unknown) => e);
    expect(refused, 'a permanent failure: the outbox keeps it as a dead letter instead of retrying').to.have.property('code', 'configuration');
    const line = statusOf((await e2e.incident(2)).integrations, `conference:${OPS}`)!;
    expect(line.state).to.equal('failed');
    expect(line.lastError).to.include('MUSTER_PLUGIN_FIXTURE_OPS_BRIDGE_KEY');
  });

  it('makes a repeated call (a room opened later) wait while the first one\'s outcome is unknown, never calling the remote side beside it', async () => {
    const incident = await e2e.incident(2);
    const call = { op: 'start_conference' as const, incidentId: incident.id, callKey: 'muster:test:bridge' };
    remote.failNext('start_conference', unavailable(), { afterCreate: true });
    expect(await runCall(e2e, call).then(() => 'done', () => 'failed')).to.equal('failed');
    const calls = remote.calls.length;
    const waiting = await runCall(e2e, { ...call, repeat: true }).then(() => undefined, (e: unknown) => e);
    expect(waiting).to.have.property('code', 'unavailable');
    expect(remote.calls.length, 'the repeat asked nothing').to.equal(calls);
    await runCall(e2e, call);
    expect(remote.calls.at(-1)).to.deep.include({ op: 'start_conference', uncertain: true });
    expect(remote.created.get('muster:test:bridge'), 'one meeting').to.have.length(1);
    await runCall(e2e, { ...call, repeat: true });
    expect(remote.calls.length, 'the repeat reuses the stored answer').to.equal(calls + 1);
  });

  it('takes a broken answer for a failure, and never shows a link that is not http(s) or carries credentials', async () => {
    const incident = await e2e.incident(2);
    remote.answerNext('open_ticket', { id: '', url: 'https://ops.example/x' });
    const broken = await runCall(e2e, { op: 'open_ticket', incidentId: incident.id, callKey: 'muster:test:broken' }).then(() => undefined, (e: unknown) => e);
    expect(broken).to.be.instanceOf(Error);
    expect(statusOf((await e2e.incident(2)).integrations, `ticket:${OPS}`)).to.deep.include({ state: 'retrying', lastError: 'TypeError: openIncidentTicket answered no remote id' });
    remote.answerNext('open_ticket', { id: 'T-9', url: 'https://user:pw@ops.example/T-9', title: 'x'.repeat(5_000) });
    await runCall(e2e, { op: 'open_ticket', incidentId: incident.id, callKey: 'muster:test:credentials' });
    const line = statusOf((await e2e.incident(2)).integrations, `ticket:${OPS}`)!;
    expect(line).to.deep.include({ state: 'done', remoteId: 'T-9' });
    expect(line.link, 'no link with credentials').to.equal(undefined);
    expect(line.detail!.length).to.be.at.most(300);
    remote.answerNext('open_ticket', { id: 'T-10', url: 'javascript:alert(1)' });
    await runCall(e2e, { op: 'open_ticket', incidentId: incident.id, callKey: 'muster:test:script-url' });
    expect(statusOf((await e2e.incident(2)).integrations, `ticket:${OPS}`)!.link).to.equal(undefined);
  });

  it('sends a draft or rejected external update nowhere, the approved one once, and the next one to the same public incident', async () => {
    await e2e.command('update external', ANA, room);
    await e2e.settle();
    const [first] = e2e.postsMentioning(room.id, 'External update for INC-1');
    expect(remote.calls.filter((c) => c.op.includes('status_page')), 'a draft is not published').to.deep.equal([]);
    await e2e.click(first!, 'update.reject', ANA, room);
    await e2e.settle();
    expect(remote.calls.filter((c) => c.op.includes('status_page')), 'nor a rejected one').to.deep.equal([]);
    for (let n = 0; n < 2; n++) {
      await e2e.command('update external', ANA, room);
      await e2e.settle();
      const drafts = e2e.postsMentioning(room.id, 'External update for INC-1');
      await e2e.click(drafts.at(-1)!, 'update.approve', ANA, room);
      await e2e.settle();
    }
    const publishes = remote.calls.filter((c) => c.op.includes('status_page'));
    expect(publishes.map((c) => c.op)).to.deep.equal(['publish_status_page', 'update_status_page']);
    const line = statusOf((await e2e.incident(1)).integrations, `status_page:${OPS}`)!;
    expect(publishes[1]!.detail.ref).to.equal(line.remoteId);
  });

  it('on resolve resolves the page, syncs the ticket, ends the bridge and resolves the public incident, once each', async () => {
    const before = remote.calls.length;
    await e2e.command('resolve', ANA, room);
    await e2e.settle();
    const after = remote.calls.slice(before).map((c) => c.op).filter((op) => op !== 'notify').sort();
    expect(after).to.deep.equal(['end_conference', 'resolve_page', 'resolve_status_page', 'sync_ticket']);
    const statuses = (await e2e.incident(1)).integrations;
    expect(statusOf(statuses, `page:${OPS}:checkout`)?.state).to.equal('resolved');
    expect(statusOf(statuses, `status_page:${OPS}`)?.state).to.equal('resolved');
    const pages = await callKeys(e2e, ':page:checkout');
    expect(pages, 'the declaration and its room each asked, once').to.have.length(2);
    expect(remote.calls.filter((c) => c.op === 'page'), 'one page reached the remote in all').to.have.length(1);
  });

  it('counts the calls in /metrics by plugin, op and outcome', async () => {
    const metrics = await (await fetch(`${e2e.server.url}/metrics`)).text();
    expect(metrics).to.match(/muster_plugin_calls_total\{plugin="fixture-ops",operation="page",outcome="ok"\} 1\b/);
    expect(metrics).to.match(/muster_plugin_calls_total\{plugin="fixture-ops",operation="open_ticket",outcome="error"\} \d+/);
  });

  it('invites the paged people into a room that opened while the vendor was answering, at once: not left to the room_linked repeat and its backoff', async () => {
    const release = e2e.slack.holdAll();
    const answer = await e2e.command('declare "Room opens mid-page" --sev SEV3');
    const number = Number(/INC-(\d+)/.exec(answer.text)?.[1]);
    const incident = await e2e.incident(number);
    expect(incident.snapshot().links.rooms, 'Slack is held: no room yet').to.have.length(0);
    remote.whilePaging = async () => {
      release();
      for (let i = 0; i < 200 && (await e2e.incident(number)).snapshot().links.rooms.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    };
    try {
      await runCall(e2e, { op: 'page', incidentId: incident.id, callKey: 'muster:test:mid-page', target: { kind: 'service', name: 'checkout' }, urgency: 'low' });
    } finally {
      remote.whilePaging = undefined;
    }
    const room = await e2e.roomOf(number);
    const rows = (await e2e.store.dataSource.query('SELECT idempotency_key FROM outbox WHERE topic = ?', ['room.invite'])) as { idempotency_key: string }[];
    expect(rows.map((r) => r.idempotency_key), JSON.stringify(rows)).to.include(`room.invite:muster:test:mid-page:invite:${room.id}`);
    await e2e.settle();
    const invites = e2e.slack.calls('conversations.invite').filter((c) => String(c.args.channel) === room.id);
    expect(invites.map((c) => String(c.args.users)).join(',')).to.include(LIMA.id);
  });
});
