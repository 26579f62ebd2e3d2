import { describe, expect, it } from 'vitest';
import { consoleUser, parseLine } from '../../../adapters/console/parse.js';
import { renderReplies } from '../../../adapters/console/render.js';
import { type Bot, createBot, type IncomingEvent } from '../../../src/core/index.js';
import { loadFlows } from '../../../src/flows/load.js';
import { loadTranslator } from '../../../src/i18n/translator.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import { typeIntoConsole } from '../../helpers/console-type.js';

const [flows, translator] = await Promise.all([loadFlows(), loadTranslator()]);
const newBot = (): Bot =>
  createBot({
    flows,
    defaultFlow: 'reseller',
    store: createMemoryStore(() => 0),
    translator,
    clock: { now: () => new Date('2026-11-23T10:00:00Z') },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    defaultLanguage: 'en',
  });

const type = (bot: Bot, lines: string[]) => typeIntoConsole(bot, 'me', lines);

describe('console buttons have letter keys; checklist items keep numbers', () => {
  it('shows buttons as [letter] label, never a digit', async () => {
    const out = await type(newBot(), ['start']);
    expect(out).toContain('[d] Done   [h] Help');
    expect(out).not.toMatch(/\[\d+\] /);
  });

  it('typing 1 on a step with a checklist ticks item 1 and the step is not done', async () => {
    const out = await type(newBot(), ['start', '1']);
    expect(out).toContain('[x] 1. Registration details');
    expect(out).not.toContain('Step 2 of 11');
  });

  it('typing d, D or the label Done presses Done', async () => {
    for (const key of ['d', 'D', 'Done', 'done']) {
      const out = await type(newBot(), ['start', key]);
      expect(out).toContain('Step 2 of 11');
    }
  });

  it('a bare number never presses a button, even with no checklist on screen', () => {
    const choices = renderReplies([
      { kind: 'step', text: 'x', language: 'en', buttons: [{ id: 'done:a', label: 'Done' }] },
    ]).choices;
    // Keys are letters: the number reaches the core as typed (which ticks item 1), never as a click.
    expect(parseLine('1', consoleUser('me'), choices)).toEqual({ user: 'console:local:me', text: '1' });
  });

  it('exit, quit and /exit end the console as the end of input does', async () => {
    for (const word of ['exit', 'QUIT', '/exit']) {
      const out = await type(newBot(), ['start', word, 'done']);
      expect(out).toContain('Step 1 of 11');
      expect(out).not.toContain('Step 2 of 11');
    }
  });

  it('no key means two things on any screen of the reseller flow, in en and zh-CN', async () => {
    for (const language of ['en', 'zh-CN']) {
      const bot = newBot();
      const user = consoleUser(`walker-${language}`);
      const events: IncomingEvent[] = [
        { user, text: `lang ${language}` },
        { user, view: 'status' },
        { user, text: 'start' },
      ];
      let screens = 0;
      const check = (replies: Awaited<ReturnType<Bot['handle']>>) => {
        const { choices } = renderReplies(replies);
        const keys = choices.map((c) => c.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const key of keys) expect(key).toMatch(/^[a-z]$/);
        screens += 1;
        return choices;
      };
      for (const event of events) check(await bot.handle(event));
      for (let i = 0; i < 12; i++) {
        check(await bot.handle({ user, text: 'help' }));
        check(await bot.handle({ user, text: 'status' }));
        check(await bot.handle({ user, text: 'done' }));
      }
      check(await bot.handle({ user, text: 'flows' }));
      check(await bot.handle({ user, text: 'restart' }));
      expect(screens).toBeGreaterThan(20);
    }
  });
});
