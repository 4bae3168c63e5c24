import { PassThrough } from 'node:stream';
import { TOKENS, type InboundPort } from '@muster/core';
import { expect } from 'chai';
import { createConsoleHarness } from '../testing/console-harness';
import { ConsoleSession } from './console-session';

const ESC = '\x1b';

/** The port's methods bound to it, so a spec can replace one and keep the rest. */
const bound = (port: InboundPort): InboundPort => ({
  command: port.command.bind(port), action: port.action.bind(port), form: port.form.bind(port), captureMessage: port.captureMessage.bind(port),
  captureEdit: port.captureEdit.bind(port), captureDelete: port.captureDelete.bind(port), captureHighlight: port.captureHighlight.bind(port),
  welcome: port.welcome.bind(port),
});

describe('ConsoleSession: what people type', () => {
  it('strips terminal escape sequences from typed text and prints <!channel> literally', async () => {
    const h = createConsoleHarness();
    const printed = await h.script(
      `/incident declare "Checkout ${ESC}]0;pwned\x07errors <!channel> ${ESC}[2J" --sev SEV1`,
      `rolled back ${ESC}[31mdeploy 42 @everyone`,
      '/incident timeline',
    );
    expect(printed).not.to.contain(ESC);
    expect(printed).not.to.contain('\x07');
    expect(printed).to.contain('INC-1 declared: Checkout ]0;pwnederrors <!channel> [2J (SEV1)');
    expect(printed).to.contain('you: rolled back [31mdeploy 42 @everyone');
  });

  it('keeps its own colours but never the user\'s escape sequences when colours are on', async () => {
    const h = createConsoleHarness({ color: true });
    const printed = await h.script(`/incident declare "Checkout ${ESC}]0;pwned\x07errors ${ESC}[2J" --sev SEV1`);
    expect(printed).to.contain(`${ESC}[1mINC-1 declared${ESC}[22m`);
    expect(printed).not.to.contain(`${ESC}]0;`);
    expect(printed).not.to.contain(`${ESC}[2J`);
  });

  it('switches the person with :as @who, and explains a handle it cannot take', async () => {
    const h = createConsoleHarness();
    const printed = await h.script(':as @responder-2', ':whoami', ':as @Responder Two');
    expect(printed).to.contain('You are @responder-2 now.');
    expect(printed).to.contain('responder-2@#general> :whoami\nYou are @responder-2, in #general.');
    expect(printed).to.contain('@Responder is not a handle. Handles are lowercase letters, digits, -, _ and .');
  });

  it('moves between rooms with :join (by reference or #name) and lists them with :rooms', async () => {
    const h = createConsoleHarness();
    await h.script('/incident declare "Checkout errors" --sev SEV1');
    const printed = await h.script(':join #general', ':rooms', ':join INC-1', ':join INC-9', ':join #nowhere');
    expect(printed).to.contain('→ You are in #general now.');
    expect(printed).to.contain('→ #general');
    expect(printed).to.contain('  #inc-1-checkout-errors  INC-1 · SEV1 · Checkout errors');
    expect(printed).to.contain('→ You are in #inc-1-checkout-errors now.');
    expect(printed).to.contain('INC-9 has no room here; act on it from anywhere with /incident INC-9 status.');
    expect(printed).to.contain('There is no room #nowhere. :rooms lists them.');
  });

  it('acts on the incident of the room it is in, and says where a chat message is not recorded', async () => {
    const h = createConsoleHarness();
    await h.script('/incident declare "Checkout errors" --sev SEV1', ':join #general');
    const lobby = await h.script('anyone looking at checkout?', '/incident status');
    expect(lobby).to.contain('#general is not an incident room, so that was not recorded.');
    expect(lobby).to.contain('This is not an incident room.');
    const room = await h.script(':join INC-1', '/incident status');
    expect(room).to.contain('INC-1 · SEV1 · Checkout errors');
  });

  it('gives every request a fresh idempotency key: the same note typed twice is noted twice', async () => {
    const h = createConsoleHarness();
    await h.script('/incident declare "Checkout errors" --sev SEV1');
    const printed = await h.script('/incident note rollback started', '/incident note rollback started');
    expect(printed.match(/📝 Noted on INC-1's timeline\./g)).to.have.length(2);
    expect(printed).not.to.contain('already on');
  });

  it('lists the console commands with :help and points to /incident help for the incident ones', async () => {
    const h = createConsoleHarness();
    const printed = await h.script(':help');
    for (const command of [':as @who <line>', ':whoami', ':join INC-3', ':rooms', ':press <n>', ':help', ':quit']) expect(printed).to.contain(command);
    expect(printed).to.contain('/incident help');
  });

  it('answers mistyped console and incident commands with what to type instead', async () => {
    const h = createConsoleHarness();
    const printed = await h.script(':jion INC-1', ':press 1', ':press x', '/incident resolv');
    expect(printed).to.contain('There is no console command :jion. `:help` lists them.');
    expect(printed).to.contain('No card with buttons has been shown yet.');
    expect(printed).to.contain('Say which button: `:press 1`');
    expect(printed).to.contain('Did you mean `resolve`?');
  });

  it('reads typed lines from its input stream in order until the input ends', async () => {
    const h = createConsoleHarness();
    const printed = await h.type('/incident declare "Checkout errors" --sev SEV1', '/incident note first', '/incident ack');
    expect(printed.indexOf('INC-1 declared')).to.be.lessThan(printed.indexOf('Noted on INC-1'));
    expect(printed.indexOf('Noted on INC-1')).to.be.lessThan(printed.indexOf('acknowledged and under investigation (by @you)'));
  });

  it('stops at :quit and leaves the remaining lines alone', async () => {
    const h = createConsoleHarness();
    const printed = await h.type(':quit', '/incident declare "Never declared"');
    expect(printed).to.contain('Bye.');
    expect(printed).not.to.contain('Never declared');
  });

  it('prints one friendly line for an unexpected failure, without its details, and goes on with the next line', async () => {
    const h = createConsoleHarness();
    // A port whose command breaks the way a bug would; core's own port turns errors into replies.
    const inbound = h.container.get<InboundPort>(TOKENS.InboundPort);
    const broken: InboundPort = { ...bound(inbound), command: async () => { throw new Error('db exploded at /srv/secret/config.yaml'); } };
    const session = new ConsoleSession({ input: new PassThrough(), transport: h.transport, inbound: broken, flush: async () => {} });
    const printed = await h.printedDuring(() => session.runScript(['/incident status', ':whoami']));
    expect(printed).to.contain('Something unexpected went wrong with that line.');
    expect(printed).not.to.contain('exploded');
    expect(printed).not.to.contain('    at ');
    expect(printed).to.contain('You are @you, in #general.');
  });
});

describe('ConsoleSession: the declare form', () => {
  it('starts from what was typed with declare and asks again for a missing title', async () => {
    const h = createConsoleHarness();
    // Title: Enter (refused), then a title; severity: Enter keeps SEV1; services: Enter keeps; description: Enter; private: Enter keeps y.
    const printed = await h.script('/incident declare --sev SEV1 --service checkout --private', '', 'Checkout errors', '', '', '', '');
    expect(printed).to.contain('Severity: type a number [Enter: SEV1]');
    expect(printed).to.contain('This is required: at least 3 characters.');
    expect(printed).to.match(/Private incident .*\? y\/n \[Enter: y\]/);
    expect(printed).to.match(/INC-1 declared.* as a private incident: Checkout errors \(SEV1\)/);
  });
});

describe('ConsoleSession: rooms and buttons as they stand', () => {
  it(':rooms shows the current severity and status, and still lists the rooms after a restart', async () => {
    const before = createConsoleHarness();
    await before.script('/incident declare "Checkout errors" --sev SEV3', '/incident sev SEV1', '/incident ack');
    const listed = await before.script(':rooms');
    expect(listed).to.contain('#inc-1-checkout-errors  INC-1 · SEV1 · Checkout errors — investigating');
    expect(listed).not.to.contain('SEV3');

    const after = createConsoleHarness({ store: before.store });
    const restarted = await after.script(':rooms', ':join INC-1', '/incident status');
    expect(restarted).to.contain('→ #general');
    expect(restarted).to.contain('#inc-1-checkout-errors  INC-1 · SEV1 · Checkout errors — investigating');
    expect(restarted).to.contain('→ You are in #inc-1-checkout-errors now.');
    expect(restarted).to.match(/Status: +🟠 Investigating/);
  });

  it('does not press the buttons of a rejected draft, and refuses a press before asking to confirm', async () => {
    const h = createConsoleHarness();
    await h.script('/incident declare "Checkout errors" --sev SEV1', '/incident update');
    const rejected = await h.script(':press 3');
    expect(rejected).to.match(/✖ Rejected by @you/);
    const again = await h.script(':press 1', 'y');
    expect(again).to.contain('The latest card was decided or replaced, so its buttons do nothing any more.');
    expect(again, 'nothing asked, nothing approved').not.to.match(/y\/n|Approved/);

    await h.script('/incident update');
    const refused = await h.script(':as @responder-2 :press 1');
    expect(refused).to.contain('⚠ Only the Incident Commander or Communications Lead can approve stakeholder updates on INC-1.');
    expect(refused).not.to.contain('y/n');
    const updates = await h.script('/incident timeline');
    expect(updates, 'the refused press published nothing').not.to.contain('update published');
  });
});
