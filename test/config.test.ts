import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  adaptersFor,
  ConfigError,
  ConfigSchema,
  discordStaffGuilds,
  loadConfig,
  parseConfig,
} from '../src/config.js';

const dir = await mkdtemp(join(tmpdir(), 'guidepost-config-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const problems = (env: Record<string, string>) => {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
};

describe('settings', () => {
  it('need nothing: defaults give the console on data/onboarding.json in English', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      STORE_FILE: 'data/onboarding.json',
      DEFAULT_LANGUAGE: 'en',
      CONSOLE_USER: 'me',
      PORT: 3000,
    });
    expect(adaptersFor(config)).toEqual(['console']);
  });

  it('turn on Slack and Discord by their tokens (empty values count as unset)', () => {
    expect(adaptersFor(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }))).toEqual([
      'slack',
    ]);
    expect(adaptersFor(parseConfig({ DISCORD_TOKEN: 'abc', SLACK_BOT_TOKEN: '' }))).toEqual(['discord']);
  });

  it('name each bad setting and never repeat its value', () => {
    const found = problems({
      PORT: '70000',
      SLACK_BOT_TOKEN: 'xoxp-s3cr3t',
      SLACK_APP_TOKEN: 'bad-s3cr3t',
      DEFAULT_LANGUAGE: 'fr',
      CONSOLE_USER: 'a b',
      DISCORD_GUILD_ID: 'guild-s3cr3t',
      SLACK_API_URL: 'not a url s3cr3t',
    });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual(
      [
        'CONSOLE_USER',
        'DEFAULT_LANGUAGE',
        'DISCORD_GUILD_ID',
        'PORT',
        'SLACK_API_URL',
        'SLACK_APP_TOKEN',
        'SLACK_BOT_TOKEN',
      ].sort(),
    );
    expect(found.join('\n')).not.toContain('s3cr3t');
  });

  it('read DISCORD_STAFF_GUILD_IDS as server ids, named when one is not', () => {
    const config = parseConfig({
      DISCORD_GUILD_ID: '1200000000000000002',
      DISCORD_STAFF_GUILD_IDS: ' 1200000000000000003, ',
    });
    expect([...discordStaffGuilds(config)].sort()).toEqual(['1200000000000000002', '1200000000000000003']);
    expect(discordStaffGuilds(parseConfig({})).size).toBe(0);
    expect(problems({ DISCORD_STAFF_GUILD_IDS: '1200000000000000003,my-server-s3cr3t' })).toEqual([
      expect.stringMatching(/^DISCORD_STAFF_GUILD_IDS: expected comma-separated numeric Discord server ids/),
    ]);
  });

  it('ask for the signing secret in Slack HTTP mode, and for the bot token when Slack is half set up', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET: required/),
    ]);
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toEqual([]);
    expect(problems({ SLACK_APP_TOKEN: 'xapp-1' })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: required/),
    ]);
  });

  it('read .env, with the real environment winning', async () => {
    const file = join(dir, '.env');
    await writeFile(file, 'CONSOLE_USER=fromfile\nSTORE_FILE=/tmp/from-file.json\n# a comment\n');
    const env: NodeJS.ProcessEnv = { CONSOLE_USER: 'fromenv' };
    const config = loadConfig(file, env);
    expect(config.CONSOLE_USER).toBe('fromenv');
    expect(config.STORE_FILE).toBe('/tmp/from-file.json');
  });

  it('list every setting in the README’s configuration table', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const key of Object.keys(ConfigSchema.shape))
      expect(readme).toMatch(new RegExp(`^\\| \`${key}\`\\s+\\|`, 'm'));
  });

  it('list every setting in .env.example', async () => {
    const example = await readFile(new URL('../.env.example', import.meta.url), 'utf8');
    const keys = Object.keys(ConfigSchema.shape);
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) expect(example).toMatch(new RegExp(`^${key}=`, 'm'));
  });
});

describe('staff and reminder settings', () => {
  it('parse lists of staff keys and holidays, and reject bad items by name', () => {
    const config = parseConfig({
      ADMIN_IDS: 'slack:T1:U1, console:local:me',
      HOLIDAYS: '2026-12-25,2027-01-01',
    });
    expect(config.ADMIN_IDS).toEqual(['slack:T1:U1', 'console:local:me']);
    expect(config.HOLIDAYS).toEqual(['2026-12-25', '2027-01-01']);
    expect(config.REMIND_AFTER_DAYS).toBe(3);
    const found = problems({
      ADMIN_IDS: 'bob',
      HOLIDAYS: 'Christmas',
      REMIND_AFTER_DAYS: '0',
      REMINDER_CHECK_MINUTES: 'x',
    });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual([
      'ADMIN_IDS',
      'HOLIDAYS',
      'REMINDER_CHECK_MINUTES',
      'REMIND_AFTER_DAYS',
    ]);
  });
});

describe('dashboard settings', () => {
  it('are off unless DASHBOARD_PORT is set; DASHBOARD_URL is where staff open it', () => {
    expect(parseConfig({}).DASHBOARD_PORT).toBeUndefined();
    const config = parseConfig({ DASHBOARD_PORT: '8081', DASHBOARD_URL: 'https://onboarding.example.com/' });
    expect(config).toMatchObject({ DASHBOARD_PORT: 8081, DASHBOARD_URL: 'https://onboarding.example.com/' });
    expect(parseConfig({ DASHBOARD_PORT: '0', HEALTH_PORT: '0' }).DASHBOARD_PORT).toBe(0);
  });

  it('refuse DASHBOARD_URL without DASHBOARD_PORT, naming DASHBOARD_PORT', () => {
    expect(problems({ DASHBOARD_URL: 'https://onboarding.example.com' })).toEqual([
      expect.stringMatching(/^DASHBOARD_PORT: required when DASHBOARD_URL is set/),
    ]);
  });

  it('refuse DASHBOARD_PORT on the port HEALTH_PORT (or, in Slack HTTP mode, PORT) takes', () => {
    expect(problems({ DASHBOARD_PORT: '8080', HEALTH_PORT: '8080' })).toEqual([
      expect.stringMatching(/^DASHBOARD_PORT: must differ from HEALTH_PORT/),
    ]);
    const slackHttp = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    expect(problems({ ...slackHttp, DASHBOARD_PORT: '3000' })).toEqual([
      expect.stringMatching(/^DASHBOARD_PORT: must differ from HEALTH_PORT \(and from PORT/),
    ]);
    // In Socket Mode nothing listens on PORT.
    expect(
      problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', DASHBOARD_PORT: '3000' }),
    ).toEqual([]);
  });

  it.each([
    'ftp://s3cr3t.example.com',
    'https://s3cr3t.example.com/?a=1',
    'https://s3cr3t.example.com/#top',
    's3cr3t.example.com',
  ])('refuse DASHBOARD_URL %s by name, without repeating it', (value) => {
    const found = problems({ DASHBOARD_PORT: '8081', DASHBOARD_URL: value });
    expect(found).toEqual([
      expect.stringMatching(/^DASHBOARD_URL: expected an http\(s\) address without \? or #/),
    ]);
    expect(found.join('\n')).not.toContain('s3cr3t');
  });
});
