import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { createConsoleNotifier } from '../../../adapters/console/notifier.js';
import { createBot } from '../../../src/core/index.js';
import { loadFlows } from '../../../src/flows/load.js';
import { loadTranslator } from '../../../src/i18n/translator.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import { makeTestBot } from '../../helpers/bot.js';
import { typeIntoConsole } from '../../helpers/console-type.js';
import { useTempDirs } from '../../helpers/temp-dir.js';

const tempDir = useTempDirs();

const type = typeIntoConsole;

describe('staff in the console, on an injected clock', () => {
  it('admin list stuck 3 lists exactly the people idle 3+ business days', async () => {
    const tb = await makeTestBot({ admins: ['console:local:me'], at: new Date('2026-11-23T10:00:00Z') }); // Monday
    await type(tb.bot, 'ann', ['start', 'done']);
    tb.clock.set(new Date('2026-11-24T10:00:00Z'));
    await type(tb.bot, 'bob', ['start']);
    tb.clock.set(new Date('2026-11-25T10:00:00Z'));
    await type(tb.bot, 'cat', ['start']);
    tb.clock.set(new Date('2026-11-27T12:00:00Z')); // Friday: ann 4, bob 3, cat 2 business days idle
    const out = await type(tb.bot, 'me', ['admin list stuck 3', 'admin stats']);
    const listed = out.slice(0, out.indexOf('== Onboarding funnel'));
    expect(listed).toContain('== People: 2 · stuck 3 ==');
    expect(listed).toContain('ann (console:local:ann) · Activate your account from the email');
    expect(listed).toContain('bob (console:local:bob) · Fill in the registration form');
    expect(listed).not.toContain('console:local:cat');
    expect(out).toMatch(/ 1 Fill in the registration form\s+3\s+2\s+33% /);
    expect(out).toMatch(/ 2 Activate your account from the email\s+1 /);
  });

  it('admin stats prints the funnel without Markdown fences, its counts aligned in Chinese too', async () => {
    const tb = await makeTestBot({ admins: ['console:local:me'] });
    await type(tb.bot, 'ann', ['start']);
    const out = await type(tb.bot, 'me', ['lang zh-CN', 'admin stats']);
    expect(out).not.toContain('`');
    // Where each step's "reached" count ends, in terminal columns (a Chinese character takes two).
    const ends = [...out.matchAll(/^((?: \d|\d\d|✅) .*?\d+) +(?:\d+|$)/gm)].map((m) =>
      stringWidth(m[1] ?? ''),
    );
    expect(ends).toHaveLength(12);
    expect(new Set(ends).size).toBe(1);
  });

  it('names each person by their console name (CONSOLE_USER), with their key', async () => {
    const tb = await makeTestBot({ admins: ['console:local:me'] });
    await type(tb.bot, 'ann', ['start']);
    const out = await type(tb.bot, 'me', ['admin list', 'admin user ann']);
    expect(out).toContain('ann (console:local:ann) · Fill in the registration form');
    expect(out).toContain('== ann (console:local:ann) ==');
  });

  it('admin export writes the CSV to the export folder, every person who started on a line', async () => {
    const tb = await makeTestBot({ admins: ['console:local:me'] });
    for (let i = 0; i < 1_200; i++) {
      const user = `console:local:p${String(i).padStart(4, '0')}`;
      await tb.bot.handle({ user, text: i % 4 ? 'start' : 'help' });
    }
    const dir = join(await tempDir(), 'exports');
    const out = await type(tb.bot, 'me', ['admin export'], dir);
    expect(out).toContain("Everyone's progress (900 started)");
    const path = join(dir, 'guidepost-reseller-2026-11-27.csv');
    expect(out).toContain(`📄 ${path}`);
    const [header, ...rows] = (await readFile(path, 'utf8')).trimEnd().split('\r\n');
    expect(header).toMatch(/^user,platform,language,current_step/);
    expect(rows).toHaveLength(900);
    expect(rows.every((r) => r.includes(',console,'))).toBe(true);
  });

  it('an export that fails while it is written leaves no half-written file behind', async () => {
    const dir = await tempDir();
    const failing = {
      handle: async () => [
        {
          kind: 'admin' as const,
          text: 'Export',
          language: 'en',
          file: {
            name: 'half.csv',
            mimeType: 'text/csv',
            body: async function* () {
              yield 'user\r\n';
              throw new Error('the store went away');
            },
          },
        },
      ],
    };
    await expect(type(failing, 'me', ['admin export'], dir)).rejects.toThrow('the store went away');
    expect(await readdir(dir)).toEqual([]);
  });

  it('prints reminders only for the person at this terminal; staff notices always', async () => {
    const printed = new PassThrough();
    let text = '';
    printed.on('data', (d: Buffer) => {
      text += d.toString('utf8');
    });
    const notifier = createConsoleNotifier(printed, 'me');
    expect(
      await notifier.notify('console:local:me', [{ kind: 'reminder', text: 'Still there?', language: 'en' }]),
    ).toBe(true);
    // ann typed here in an earlier run with CONSOLE_USER=ann; she is not at this terminal now.
    expect(
      await notifier.notify('console:local:ann', [
        { kind: 'reminder', text: 'ann, still there?', language: 'en' },
      ]),
    ).toBe(false);
    expect(
      await notifier.notify('slack:T1:U1', [
        { kind: 'reminder', text: 'not for the console', language: 'en' },
      ]),
    ).toBe(false);
    await notifier.notifyStaff('console:local:ann', [
      { kind: 'admin', text: 'ann asked for a person', language: 'en' },
    ]);
    expect(text).toContain('── 📣 console:local:me ──\nStill there?');
    expect(text).toContain('── 🛎 staff · console:local:ann ──\nann asked for a person');
    expect(text).not.toContain('ann, still there?');
    expect(text).not.toContain('📣 console:local:ann');
    expect(text).not.toContain('not for the console');
  });

  it("a reminder run on the real bot prints only the terminal person's reminder", async () => {
    let now = new Date('2026-11-23T10:00:00Z'); // Monday
    const printed = new PassThrough();
    let text = '';
    printed.on('data', (d: Buffer) => {
      text += d.toString('utf8');
    });
    const [flows, translator] = await Promise.all([loadFlows(), loadTranslator()]);
    const bot = createBot({
      flows,
      defaultFlow: 'reseller',
      store: createMemoryStore(() => now.getTime()),
      translator,
      clock: { now: () => now },
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      defaultLanguage: 'en',
      notifier: createConsoleNotifier(printed, 'me'),
      remindAfterDays: 3,
    });
    await type(bot, 'ann', ['start']); // an earlier run with CONSOLE_USER=ann
    await type(bot, 'me', ['start']);
    now = new Date('2026-11-27T12:00:00Z'); // Friday: both idle 4 business days
    await bot.remind();
    expect(text).toContain('── 📣 console:local:me ──\nStill on');
    expect(text).not.toContain('console:local:ann');
  });
});
