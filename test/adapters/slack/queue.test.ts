import { afterEach, describe, expect, it } from 'vitest';
import { slackConfigOf } from '../../../src/adapter-configs.js';
import { ConfigError, parseConfig } from '../../../src/config.js';
import type { Handle, IncomingEvent } from '../../../src/core/index.js';
import {
  buttonClick,
  directMessage,
  dmOf,
  PERSON,
  slashCommand,
  urlVerification,
} from './fixtures/payloads.js';
import { type Harness, startHarness } from './harness.js';

/** How long to wait for something to happen on a busy machine (it usually takes milliseconds). */
const POLL = { timeout: 10_000 };

/** Slack gives up on a request it has not had an answer to within 3 s; this leaves room for a busy machine. */
const ACK_BOUND_MS = 2500;

const EN_BUSY =
  "I'm handling a lot of requests right now and couldn't take yours. Nothing was changed; please try again in a moment.";
const ZH_BUSY = '我现在同时要处理的请求太多，没能接收您的这条请求，您的进度没有任何变化。请稍后再试一次。';

/**
 * The bot's `handle`, held up until `release()`: every event it is given is recorded (who, what) as it
 * arrives, and answered only once released.
 */
function heldHandle() {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const arrived: { user: string; text: string | undefined }[] = [];
  let answered = 0;
  const wrap =
    (inner: Handle): Handle =>
    async (event: IncomingEvent) => {
      arrived.push({ user: event.user, text: event.text });
      await gate;
      const replies = await inner(event);
      answered += 1;
      return replies;
    };
  return { wrap, release, arrived, answered: () => answered };
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const user = (i: number) => `U${String(9000 + i)}`;
const keyOf = (id: string) => `slack:T0001:${id}`;
const responses = (app: Harness, hook: string) =>
  app.fake.calls.filter((c) => c.method === 'response_url' && c.args.hook === hook).map((c) => c.args);

describe('Slack HTTP mode under load: commands acknowledged at once, DMs once saved, the work queued', () => {
  it('acknowledges a burst of slash commands while the bot has answered none; the DMs once their change is saved', async () => {
    const held = heldHandle();
    const app = await startHarness({ wrapHandle: held.wrap });
    h = app;
    const people = Array.from({ length: 60 }, (_, i) => user(i));
    const commands = people.map(
      (id, i) => () =>
        app.post({ form: slashCommand('start', { user: id, responseUrl: app.fake.responseUrl(`c${i}`) }) }),
    );

    const answers = await Promise.all(
      commands.map(async (send) => {
        const started = performance.now();
        const { status } = await send();
        return { status, ms: performance.now() - started };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(commands.map(() => 200));
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(ACK_BOUND_MS);
    // Every answer arrived while the bot still held every request: acknowledging waited for none of them.
    expect(held.answered()).toBe(0);

    // DMs (Events API, which Slack sends again when unanswered) are answered once the bot saved them.
    let dmsAnswered = 0;
    const dms = people.flatMap((id) =>
      ['status', 'help'].map((text) =>
        app.post({ json: directMessage(text, { user: id }) }).then((answer) => {
          dmsAnswered += 1;
          return answer.status;
        }),
      ),
    );
    // The bot is asked 32 things at once at most; the rest wait their turn.
    await expect.poll(() => held.arrived.length, POLL).toBe(32);
    await app.post({ json: urlVerification('barrier') });
    expect(held.arrived.length).toBe(32);
    expect(dmsAnswered).toBe(0);

    held.release();
    expect(await Promise.all(dms)).toEqual(dms.map(() => 200));
    await app.settle();
    expect(held.answered()).toBe(commands.length + dms.length);
    // Each person's three requests reached the bot in the order they were sent.
    for (const id of people)
      expect(held.arrived.filter((e) => e.user === keyOf(id)).map((e) => e.text)).toEqual([
        'start',
        'status',
        'help',
      ]);
    expect(app.fake.conversation(dmOf(people[0] as string)).at(-1)?.text).toBeTruthy();
    expect(app.logs.filter((l) => l.level === 'warn')).toEqual([]);
  }, 30_000);
});

describe('Slack HTTP mode: a full queue', () => {
  it('tells the person past SLACK_QUEUE_LIMIT that the bot is busy, in their language, and loses nothing below it', async () => {
    const held = heldHandle();
    const app = await startHarness({ wrapHandle: held.wrap, queueLimit: 3 });
    h = app;
    const [ana, ben, chen, dora, fay] = [user(1), user(2), user(3), user(4), user(6)];
    app.fake.locales.set(chen, 'zh-CN');
    // Three requests fill the queue: Ana's DM (answered once saved), Ben's /onboard and Ana's /onboard status.
    const anaFirst = app.post({ json: directMessage('start', { user: ana }) });
    await expect.poll(() => held.arrived.length, POLL).toBe(1);
    expect(
      (
        await app.post({
          form: slashCommand('start', { user: ben, responseUrl: app.fake.responseUrl('ben') }),
        })
      ).status,
    ).toBe(200);
    const anaAgain = slashCommand('status', { user: ana, responseUrl: app.fake.responseUrl('ana') });
    expect((await app.post({ form: anaAgain })).status).toBe(200);

    // Past the limit, still acknowledged at once: Chen's /onboard, Dora's DM, Fay's button click.
    const chenAsks = slashCommand('start', { user: chen, responseUrl: app.fake.responseUrl('chen') });
    expect((await app.post({ form: chenAsks })).status).toBe(200);
    expect((await app.post({ json: directMessage('start', { user: dora }) })).status).toBe(200);
    const fayClicks = buttonClick(
      { action_id: 'status', label: 'Status' },
      {
        message: { channel: dmOf(fay), ts: '1700000000.000100', text: '', blocks: [] },
        user: fay,
        responseUrl: app.fake.responseUrl('fay'),
      },
    );
    expect((await app.post({ form: { payload: JSON.stringify(fayClicks) } })).status).toBe(200);

    // A click on the Home tab has no response_url: the busy answer goes to the DM.
    expect(await app.clickHome('start', 'Start')).toBe(200);

    await expect.poll(() => responses(app, 'chen'), POLL).toHaveLength(1);
    expect(responses(app, 'chen')[0]).toMatchObject({ response_type: 'ephemeral', text: ZH_BUSY });
    await expect.poll(() => app.fake.conversation(dmOf(dora)).map((m) => m.text), POLL).toEqual([EN_BUSY]);
    await expect.poll(() => responses(app, 'fay'), POLL).toHaveLength(1);
    expect(responses(app, 'fay')[0]).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: EN_BUSY,
    });
    await expect.poll(() => app.fake.conversation(dmOf(PERSON)).map((m) => m.text), POLL).toEqual([EN_BUSY]);
    // No refused request reached the bot.
    for (const refused of [chen, dora, fay, PERSON])
      expect(held.arrived.map((e) => e.user)).not.toContain(keyOf(refused));

    const warning = app.logs.find((l) => l.level === 'warn');
    expect(warning?.context).toMatchObject({ queued: 3, limit: 3 });
    expect(JSON.stringify(app.logs)).not.toContain('"start"');

    held.release();
    expect((await anaFirst).status).toBe(200);
    await app.settle();
    // Everything accepted was answered, each person's in the order sent.
    expect(held.arrived.filter((e) => e.user === keyOf(ana)).map((e) => e.text)).toEqual(['start', 'status']);
    expect(held.answered()).toBe(3);
    expect(app.fake.conversation(dmOf(ana)).at(-1)?.text).toContain('0/11 steps done');
    expect(app.fake.conversation(dmOf(ben)).length).toBeGreaterThan(0);
    expect(await app.tb.store.load(keyOf(chen))).toBeUndefined();

    // With the queue drained, Chen's second try goes through.
    const again = slashCommand('start', { user: chen, responseUrl: app.fake.responseUrl('chen-2') });
    expect((await app.post({ form: again })).status).toBe(200);
    await app.settle();
    expect(app.fake.conversation(dmOf(chen)).length).toBeGreaterThan(0);
    expect(await app.tb.store.load(keyOf(chen))).toBeDefined();
  }, 30_000);

  it('tells a person who keeps typing that the bot is busy once, not once per message', async () => {
    const held = heldHandle();
    const app = await startHarness({ wrapHandle: held.wrap, queueLimit: 1 });
    h = app;
    const eve = user(5);
    const busyInDm = () => app.fake.conversation(dmOf(eve)).filter((m) => m.text === EN_BUSY).length;
    // Eve's first message fills the queue (the bot holds it, so it is not answered yet); she types five more.
    const first = app.post({ json: directMessage('start', { user: eve }) });
    await expect.poll(() => held.arrived.length, POLL).toBe(1);
    for (let i = 0; i < 5; i++)
      expect((await app.post({ json: directMessage('status', { user: eve }) })).status).toBe(200);
    await expect.poll(busyInDm, POLL).toBe(1);

    held.release();
    expect((await first).status).toBe(200);
    await app.settle();
    // Her first message was answered; the busy answer stayed single.
    expect(app.fake.conversation(dmOf(eve)).length).toBeGreaterThan(1);
    expect(busyInDm()).toBe(1);
    expect(app.logs.find((l) => l.level === 'warn')?.context).toMatchObject({ queued: 1, limit: 1 });
  }, 30_000);
});

describe('the SLACK_QUEUE_LIMIT setting', () => {
  it('defaults to 1000 and reaches the Slack adapter', () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    expect(slackConfigOf(parseConfig(env)).queueLimit).toBe(1000);
    expect(slackConfigOf(parseConfig({ ...env, SLACK_QUEUE_LIMIT: '50' })).queueLimit).toBe(50);
  });

  it.each(['0', '-5', '2.5', 'lots', '1000000'])('names the setting when it is %s', (value) => {
    let problems: string[] = [];
    try {
      parseConfig({ SLACK_QUEUE_LIMIT: value });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([expect.stringMatching(/^SLACK_QUEUE_LIMIT\b.*from 1 to 100000/)]);
  });
});
