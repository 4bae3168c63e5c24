import { expect } from 'chai';
import { MusterError, RateLimitedError } from '../../errors';
import type { CommandReply } from '../commands/command-reply';
import { textOf, type FormView, type View } from '../views/view';
import type { ReplyDocument, ReplySurface } from './inbound.port';
import { deliverReply } from './reply-delivery';

const view = (text: string): View => ({ fallback: text, blocks: [{ type: 'text', text: [text] }] });
const form: FormView = { formId: 'incident.declare', title: 'Declare an incident', submitLabel: 'Declare', fallback: 'Declare', blocks: [] };
const doc: ReplyDocument = { filename: 'INC-1-postmortem.md', title: 'Postmortem INC-1', markdown: '# INC-1' };
const words = (v: View) => v.blocks.map((b) => ('text' in b && typeof b.text !== 'string' ? textOf(b.text) : '')).join(' ');

/** A surface that records what reached it; `fail` makes a method throw (once per listed error). */
function recording(can: { replace?: boolean; redraw?: boolean; openForm?: boolean; attach?: boolean; direct?: boolean; hasConversation?: boolean } = {}, fail: Partial<Record<string, Error[]>> = {}) {
  const seen: string[] = [];
  const step = async (what: string) => {
    const error = fail[what.split(':')[0] as string]?.shift();
    if (error) throw error;
    seen.push(what);
  };
  const surface: ReplySurface = {
    ...(can.hasConversation === false ? { hasConversation: false } : {}),
    show: (v, visibility) => step(`show:${visibility}:${words(v)}`),
    ...(can.direct ? { direct: (v: View) => step(`direct:${words(v)}`) } : {}),
    ...(can.replace ? { replace: (v: View) => step(`replace:${words(v)}`) } : {}),
    ...(can.redraw ? { redraw: (v: View) => step(`redraw:${words(v)}`) } : {}),
    ...(can.openForm !== false ? { openForm: (f: FormView) => step(`openForm:${f.formId}`) } : {}),
    ...(can.attach !== false ? { attach: (d: ReplyDocument) => step(`attach:${d.filename}`) } : {}),
  };
  return { surface, seen };
}

describe('deliverReply', () => {
  it('shows the view, then attaches the document, then opens the form, each once', async () => {
    const { surface, seen } = recording();
    const reply: CommandReply = { visibility: 'in_channel', view: view('Postmortem of INC-1'), document: doc, form };
    expect(await deliverReply(reply, surface)).to.deep.equal([]);
    expect(seen).to.deep.equal(['show:in_channel:Postmortem of INC-1', 'attach:INC-1-postmortem.md', 'openForm:incident.declare']);
  });

  it('replaces the pressed message when asked and able, and shows beside it when the surface cannot replace', async () => {
    const reply: CommandReply = { visibility: 'in_channel', view: view('Approved'), replaceOriginal: true };
    const able = recording({ replace: true });
    await deliverReply(reply, able.surface);
    expect(able.seen).to.deep.equal(['replace:Approved']);
    const unable = recording();
    await deliverReply(reply, unable.surface);
    expect(unable.seen).to.deep.equal(['show:in_channel:Approved']);
  });

  it('redraws the incident card for the presser after the notice where the surface can, and leaves it to the outbox elsewhere', async () => {
    const reply: CommandReply = { visibility: 'in_channel', view: view('INC-1 is now SEV1'), refreshedCard: view('INC-1 · SEV1') };
    const able = recording({ redraw: true });
    expect(await deliverReply(reply, able.surface)).to.deep.equal([]);
    expect(able.seen).to.deep.equal(['show:in_channel:INC-1 is now SEV1', 'redraw:INC-1 · SEV1']);
    const unable = recording();
    await deliverReply(reply, unable.surface);
    expect(unable.seen).to.deep.equal(['show:in_channel:INC-1 is now SEV1']);
  });

  it('does not show a view the platform already showed (Slack: in the ack), and still delivers the rest', async () => {
    const { surface, seen } = recording();
    await deliverReply({ visibility: 'ephemeral', view: view('Declared'), form }, surface, { viewShown: true });
    expect(seen).to.deep.equal(['openForm:incident.declare']);
  });

  it('tells the requester when a form cannot open here, or failed to open, and reports the failure', async () => {
    const none = recording({ openForm: false });
    expect(await deliverReply({ visibility: 'ephemeral', form }, none.surface)).to.deep.equal([]);
    expect(none.seen).to.have.length(1);
    expect(none.seen[0]).to.match(/^show:ephemeral:The form "Declare an incident" could not be opened here\..*\/incident help/);

    const expired = new Error('expired_trigger_id');
    const broken = recording({}, { openForm: [expired] });
    const failures = await deliverReply({ visibility: 'ephemeral', form }, broken.surface, { prefix: '@Muster' });
    expect(failures).to.deep.equal([{ part: 'form', error: expired }]);
    expect(broken.seen).to.have.length(1);
    expect(broken.seen[0]).to.match(/^show:ephemeral:The form "Declare an incident" could not be opened here/);
  });

  it('says a document could not be attached with our own reason, never another error\'s message, and points to the REST API', async () => {
    const ours = recording({}, { attach: [new MusterError('unavailable', 'Slack did not accept the document\'s bytes (upload answered HTTP 500).')] });
    const [failure] = await deliverReply({ visibility: 'in_channel', view: view('Postmortem'), document: doc }, ours.surface);
    expect(failure?.part).to.equal('document');
    expect(ours.seen).to.deep.equal([
      'show:in_channel:Postmortem',
      'show:ephemeral:The document INC-1-postmortem.md could not be attached (Slack did not accept the document\'s bytes (upload answered HTTP 500).) — fetch it from Muster\'s REST API instead.',
    ]);

    const leaky = recording({}, { attach: [new Error('PUT https://files.example/upload?token=xoxb-secret failed')] });
    await deliverReply({ visibility: 'in_channel', document: doc }, leaky.surface);
    expect(leaky.seen.join('\n')).to.include('could not be attached — fetch it').and.not.include('xoxb-secret');

    const unable = recording({ attach: false });
    await deliverReply({ visibility: 'in_channel', document: doc }, unable.surface);
    expect(unable.seen).to.deep.equal(['show:ephemeral:The document INC-1-postmortem.md cannot be attached here — fetch it from Muster\'s REST API instead.']);
  });

  it('sends views straight to the requester when the request came from no conversation', async () => {
    const { surface, seen } = recording({ hasConversation: false, direct: true, attach: false });
    await deliverReply({ visibility: 'in_channel', view: view('Declared'), document: doc }, surface);
    expect(seen).to.deep.equal(['direct:Declared', 'direct:The document INC-1-postmortem.md cannot be attached here — fetch it from Muster\'s REST API instead.']);
  });

  it('retries a part refused with 429 (it did nothing), so it appears once, and never retries any other failure', async () => {
    const limited = recording({}, { show: [new RateLimitedError(1, 'Slack chat.postMessage')] });
    expect(await deliverReply({ visibility: 'in_channel', view: view('Resolved') }, limited.surface)).to.deep.equal([]);
    expect(limited.seen).to.deep.equal(['show:in_channel:Resolved']);

    const timeout = new MusterError('unavailable', 'timed out');
    const ambiguous = recording({}, { show: [timeout] });
    expect(await deliverReply({ visibility: 'in_channel', view: view('Resolved'), form }, ambiguous.surface)).to.deep.equal([{ part: 'view', error: timeout }]);
    expect(ambiguous.seen, 'not shown twice, and the form still opens').to.deep.equal(['openForm:incident.declare']);
  });

  it('never rejects, even when the fallback itself fails', async () => {
    const { surface, seen } = recording({}, { openForm: [new Error('no')], show: [new Error('also no')] });
    const failures = await deliverReply({ visibility: 'ephemeral', form }, surface);
    expect(failures.map((f) => f.part)).to.deep.equal(['form']);
    expect(seen).to.deep.equal([]);
  });
});
