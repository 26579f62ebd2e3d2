import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewayDispatchEvents, Locale } from 'discord-api-types/v10';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FakeDiscord, type Recorded } from './fake-discord.js';
import { IDS } from './fixtures/gateway.js';
import { click, shownMessage, slash } from './fixtures/interactions.js';
import { customIdsOf, shown, TOKEN, textOf, visible } from './harness.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

let fake: FakeDiscord;
let dir: string;
let child: ChildProcess | undefined;
beforeEach(async () => {
  fake = await FakeDiscord.start();
  dir = await mkdtemp(join(tmpdir(), 'guidepost-discord-'));
});
afterEach(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  child = undefined;
  await fake.close();
  expect(fake.refused, 'bodies Discord would refuse').toEqual([]);
  await rm(dir, { recursive: true, force: true });
});

/** Runs one of our entry points with only the settings given (no .env, no other tokens). */
function run(script: string, env: Record<string, string>) {
  const proc = spawn(TSX, [script], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, STORE_FILE: join(dir, 'store.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  proc.stdout.on('data', (chunk) => (output.stdout += String(chunk)));
  proc.stderr.on('data', (chunk) => (output.stderr += String(chunk)));
  child = proc;
  return { proc, output };
}

let sequence = 1_930_000_000_000_000_000n;
const nextId = () => String(++sequence);

/** The message the person sees; `npm start` uses the real defer window, so it may follow a defer. */
async function interact(payload: { id: string }): Promise<Recorded> {
  await fake.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
  await fake.until(() => visible(fake.answersTo(payload.id)) !== undefined, `the answer to ${payload.id}`);
  return visible(fake.answersTo(payload.id)) as Recorded;
}

it('npm start logs in, registers the commands and walks /onboard start to 11/11, then stops on SIGTERM', async () => {
  const { proc, output } = run(join(ROOT, 'src/main.ts'), {
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: fake.apiUrl,
  });
  await fake.until(() => fake.requests.some((r) => r.method === 'PUT'), 'command registration', 15_000);
  let view = shown(await interact(slash({ id: nextId(), sub: 'start', locale: Locale.EnglishGB })));
  expect(textOf(view)).toContain('Step 1 of 11');
  for (let i = 0; i < 11; i++) {
    const done = customIdsOf(view).find((id) => id.startsWith('done:')) as string;
    const message = shownMessage(nextId(), view, 'guild');
    view = shown(await interact(click({ id: nextId(), customId: done, message })));
  }
  expect(textOf(shown(await interact(slash({ id: nextId(), sub: 'status' }))))).toContain('11/11');

  proc.kill('SIGTERM');
  const [code] = await once(proc, 'exit');
  expect(code).toBe(0);
  expect(output.stderr).toContain('guidepost stopped');
  expect(output.stderr).not.toContain(TOKEN);
});

it('npm run discord:register puts the command set to the server and empties the global set, without starting the bot', async () => {
  fake.commandSets.set('global', ['onboard', 'onboard-admin']);
  const { proc, output } = run(join(ROOT, 'adapters/discord/register-cli.ts'), {
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: IDS.guild,
  });
  const [code] = await once(proc, 'exit');
  expect(output.stderr).toBe('');
  expect(code).toBe(0);
  expect(output.stdout).toContain(`Registered 2 command(s) to server ${IDS.guild}`);
  expect(output.stdout).toContain('Emptied the command sets the settings no longer ask for: global.');
  expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    'GET /api/v10/applications/@me',
    `PUT /api/v10/applications/${IDS.application}/guilds/${IDS.guild}/commands`,
    'GET /api/v10/users/@me/guilds',
    `PUT /api/v10/applications/${IDS.application}/commands`,
  ]);
  expect(Object.fromEntries(fake.commandSets)).toEqual({
    [IDS.guild]: ['onboard', 'onboard-admin'],
    global: [],
  });
  expect(fake.gateway.identifies).toEqual([]);
});

it('npm run discord:register without a server id registers globally and empties the sets in every server', async () => {
  const other = '1200000000000000003';
  fake.guilds.push(other);
  fake.commandSets.set(IDS.guild, ['onboard', 'onboard-admin']);
  const { proc, output } = run(join(ROOT, 'adapters/discord/register-cli.ts'), {
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: fake.apiUrl,
  });
  const [code] = await once(proc, 'exit');
  expect(output.stderr).toBe('');
  expect(code).toBe(0);
  expect(Object.fromEntries(fake.commandSets)).toEqual({
    global: ['onboard', 'onboard-admin'],
    [IDS.guild]: [],
    [other]: [],
  });
});
