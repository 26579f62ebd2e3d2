import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { MANIFEST } from '../../../adapters/slack/manifest.js';
import { leafKeys, readLocales } from '../../../src/i18n/translator.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFile(new URL(path, root), 'utf8');
const sorted = (list: readonly string[]) => [...list].sort();

describe('the Slack manifest and set-up steps match the code', () => {
  it('declares the command, events, scopes, Home tab, interactivity and Socket Mode the adapter uses', async () => {
    const manifest = JSON.parse(await read('slack-manifest.json'));
    const commands = manifest.features.slash_commands as { command: string; should_escape: boolean }[];
    expect(commands.map((c) => c.command)).toEqual([...MANIFEST.commands]);
    // Staff name people by mention: only escaped commands receive them as <@U123|name>.
    expect(commands.find((c) => c.command === '/onboard-admin')?.should_escape).toBe(true);
    expect(sorted(manifest.settings.event_subscriptions.bot_events)).toEqual(sorted(MANIFEST.events));
    expect(sorted(manifest.oauth_config.scopes.bot)).toEqual(sorted(Object.keys(MANIFEST.scopes)));
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('the README names the same command, scopes, events and settings', async () => {
    const setup = await read('README.md');
    for (const word of [...MANIFEST.commands, ...MANIFEST.events, ...Object.keys(MANIFEST.scopes)])
      expect(setup).toContain(`\`${word}\``);
    for (const setting of [
      'SLACK_BOT_TOKEN',
      'SLACK_APP_TOKEN',
      'SLACK_SIGNING_SECRET',
      'PORT',
      'SLACK_API_URL',
      'SLACK_STAFF_CHANNEL',
      'ADMIN_IDS',
    ])
      expect(setup).toContain(setting);
    expect(setup).toContain('/slack/events');
    expect(setup).toContain('connections:write');
  });
});

describe('the Slack texts', () => {
  it('exist in every language with the same keys, and every key the code uses is there', async () => {
    const resources = await readLocales();
    const keys = Object.fromEntries(
      Object.entries(resources).map(([language, ns]) => [language, sorted(leafKeys(ns.slack ?? {}))]),
    );
    expect(keys['zh-CN']).toEqual(keys.en);
    const dir = new URL('adapters/slack/', root);
    const sources = await Promise.all(
      (await readdir(dir)).filter((f) => f.endsWith('.ts')).map((f) => readFile(new URL(f, dir), 'utf8')),
    );
    const used = sources.flatMap((s) => [...s.matchAll(/'slack:([a-z.-]+)'/g)].map((m) => m[1] as string));
    expect(used.length).toBeGreaterThan(5);
    for (const key of used) expect(keys.en).toContain(key);
  });
});
