import {
  type APIApplicationCommandSubcommandOption,
  type APIButtonComponentWithURL,
  ApplicationCommandOptionType,
  ButtonStyle,
  ComponentType,
  Locale,
  MessageFlags,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { type LiveDashboard, liveDashboard, openLink, signInLinksIn } from '../../helpers/live-dashboard.js';
import { sharedFile } from '../../helpers/shared-dir.js';
import type { FakeDiscord, Recorded } from './fake-discord.js';
import { alice, type SentBody } from './fixtures/interactions.js';
import {
  ALWAYS_DEFER_MS,
  ANSWER_AT_ONCE_MS,
  ephemeral,
  type Harness,
  type HarnessOptions,
  startHarness,
  textOf,
} from './harness.js';
import { bodyProblems } from './spec-bodies.js';
import { admin, carol, keyOf, noPings } from './staff-helpers.js';

const REFUSAL = 'Sorry, that command is for the onboarding team only.';

let h: Harness | undefined;
let dashboard: LiveDashboard | undefined;
afterEach(async () => {
  // stop() fails the test if Discord's OpenAPI spec refused any body the adapter sent.
  await h?.stop();
  await dashboard?.close();
  h = undefined;
  dashboard = undefined;
});

/** The Discord adapter on the fake, with a bot that hands out links to a real running dashboard. */
async function start(options: HarnessOptions = {}) {
  const live = liveDashboard();
  dashboard = live;
  const hh = await startHarness({ ...options, dashboard: live.links });
  h = hh;
  await live.serve(hh.test.bot.views, hh.test.translator);
  return { hh, live };
}

/** Every body the bot sent Discord (callbacks, edits, follow-ups, DMs, registrations). */
const everything = (fake: FakeDiscord) => JSON.stringify(fake.requests.map((r) => r.body));

/** The link buttons on a shown message. */
const linkButtons = (body: SentBody) =>
  (body.components ?? [])
    .flatMap((row) => row.components)
    .filter(
      (c): c is APIButtonComponentWithURL =>
        c.type === ComponentType.Button && 'style' in c && c.style === ButtonStyle.Link,
    );

/** The one sign-in link on a shown message: a link button (Discord opens it in the browser). */
function linkButton(body: SentBody): string {
  const [button, ...more] = linkButtons(body);
  expect(more).toEqual([]);
  expect(button?.label).toBe('Open the dashboard');
  const [link = '', ...others] = signInLinksIn(button?.url ?? '');
  expect(others).toEqual([]);
  return link;
}

/** Opens the link twice: the first time signs in (a session cookie), the second is refused. */
async function worksOnce(link: string, base: string) {
  expect(link).toMatch(new RegExp(`^${base}/sign-in/[A-Za-z0-9_-]{43}$`));
  const first = await openLink(link);
  expect(first.status).toBe(200);
  expect(first.cookie).toMatch(/^guidepost_session=[A-Za-z0-9_-]{43}$/);
  expect(await openLink(link)).toEqual({ status: 403, cookie: undefined });
}

/** The answer that carries the message: the callback (type 4), or the edit after a deferral. */
const carrier = (answers: Recorded[]) =>
  answers.find((r) => !r.path.endsWith('/callback') || r.body.type === 4);

// Answered at once (the interaction callback carries the link) and deferred first (the edit of the
// deferred reply carries it, the deferral is flagged ephemeral).
describe.each([
  ['answered at once', ANSWER_AT_ONCE_MS],
  ['deferred first', ALWAYS_DEFER_MS],
])('/onboard-admin dashboard from a server manager, %s', (_, deferAfterMs) => {
  it('gives a link only they see (ephemeral), as a link button that works once', async () => {
    const { hh, live } = await start({ tuning: { deferAfterMs } });
    const { answers, first } = await admin(hh, { sub: 'dashboard' });
    expect(ephemeral(answers)).toBe(true);
    if (deferAfterMs === ALWAYS_DEFER_MS) {
      expect(answers[0]?.body).toMatchObject({ type: 5, data: { flags: MessageFlags.Ephemeral } });
      expect(carrier(answers)?.method).toBe('PATCH');
    } else {
      expect(answers[0]?.body).toMatchObject({ type: 4, data: { flags: MessageFlags.Ephemeral } });
    }
    expect(textOf(first)).toContain('It works once, in the next 10 minutes');
    const link = linkButton(first);
    // The link went nowhere else: not in the text, not to a channel, not to a DM.
    expect(signInLinksIn(everything(hh.fake))).toEqual([link]);
    expect(hh.fake.requests.filter((r) => r.path.includes('/channels/'))).toEqual([]);
    noPings(hh);
    await worksOnce(link, live.base());
  });
});

describe('/onboard-admin dashboard in the DM with the bot', () => {
  it('from someone in ADMIN_IDS: the link in the DM (private already, so not flagged), working once', async () => {
    const { hh, live } = await start({ admins: [keyOf(carol)] });
    const { answers, first } = await admin(hh, { sub: 'dashboard', who: carol, where: 'dm' });
    expect(ephemeral(answers)).toBe(false);
    expect(first.flags).toBeUndefined();
    await worksOnce(linkButton(first), live.base());
  });
});

describe('/onboard-admin dashboard from anyone else', () => {
  it('in a server or the DM: the refusal, and no link in anything Discord received', async () => {
    const { hh, live } = await start();
    const inServer = await admin(hh, { sub: 'dashboard', who: alice, permissions: undefined });
    expect(inServer.first.flags).toBe(MessageFlags.Ephemeral);
    expect(textOf(inServer.first).trim()).toBe(REFUSAL);
    const inDm = await admin(hh, { sub: 'dashboard', who: alice, where: 'dm' });
    expect(textOf(inDm.first).trim()).toBe(REFUSAL);
    expect(linkButtons(inServer.first)).toEqual([]);
    expect(everything(hh.fake)).not.toContain('/sign-in/');
    expect(live.opened()).toBe(0);
  });
});

describe('/onboard-admin dashboard with no dashboard configured', () => {
  it('tells the manager, ephemerally, to set DASHBOARD_PORT', async () => {
    h = await startHarness();
    const { answers, first } = await admin(h, { sub: 'dashboard' });
    expect(ephemeral(answers)).toBe(true);
    expect(textOf(first)).toContain('The dashboard is off.');
    expect(textOf(first)).toContain('DASHBOARD_PORT');
    expect(linkButtons(first)).toEqual([]);
    expect(everything(h.fake)).not.toContain('/sign-in/');
  });
});

const SPEC_PRESENT = sharedFile('specs', 'discord-openapi-subset.json') !== undefined;

describe('/onboard-admin dashboard registration', () => {
  /** The PUT that registered the commands, and its /onboard-admin dashboard subcommand. */
  async function registered() {
    h = await startHarness();
    const [put, ...more] = h.fake.requests.filter(
      (r) => r.method === 'PUT' && (r.body as unknown as unknown[]).length > 0,
    );
    expect(more).toEqual([]);
    if (!put) throw new Error('no commands were registered');
    const body = put.body as unknown as RESTPutAPIApplicationCommandsJSONBody;
    const command = body.find((c) => c.name === 'onboard-admin');
    const subs = (
      command && 'options' in command ? command.options : []
    ) as APIApplicationCommandSubcommandOption[];
    return { put, body, sub: subs.find((s) => s.name === 'dashboard') };
  }

  it('registers the subcommand, named in English and Chinese, with no options', async () => {
    const { sub } = await registered();
    expect(sub).toMatchObject({
      type: ApplicationCommandOptionType.Subcommand,
      name: 'dashboard',
      description: 'A one-time link to the staff dashboard in your browser',
      name_localizations: { [Locale.ChineseCN]: '面板' },
      description_localizations: { [Locale.ChineseCN]: '获取浏览器中员工面板的一次性链接' },
    });
    expect(sub?.options ?? []).toEqual([]);
    expect(h?.fake.refused).toEqual([]);
  });

  it.runIf(SPEC_PRESENT)(
    'is a body Discord’s OpenAPI spec accepts (and the spec would catch a bad one)',
    async () => {
      const { put, body, sub } = await registered();
      expect(bodyProblems(put.method, put.path, body)).toBeUndefined();
      // The same body with the subcommand's description past Discord's 100 characters is refused.
      const tooLong = JSON.parse(JSON.stringify(body)) as typeof body;
      const admin = tooLong.find((c) => c.name === 'onboard-admin');
      const options = (
        admin && 'options' in admin ? admin.options : []
      ) as APIApplicationCommandSubcommandOption[];
      const broken = options.find((s) => s.name === sub?.name);
      if (broken) broken.description = 'x'.repeat(101);
      expect(bodyProblems(put.method, put.path, tooLong)).toEqual(expect.any(String));
    },
  );
});
