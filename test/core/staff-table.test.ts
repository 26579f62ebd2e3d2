import { describe, expect, it } from 'vitest';
import {
  type ArgumentKind,
  parseAdmin,
  STAFF_COMMANDS,
  type StaffCommandSpec,
  staffCommandFrom,
  usageText,
} from '../../src/core/index.js';
import { makeTestBot } from '../helpers/bot.js';
import { staff, withPingCommand } from '../helpers/staff.js';

/** A value of each kind as typed, and the field it becomes. */
const SAMPLES: Record<ArgumentKind, { typed: string[]; fields: Record<string, unknown> }> = {
  person: { typed: ['Ann'], fields: { who: 'Ann' } },
  step: { typed: ['Bind-Card'], fields: { stepId: 'bind-card' } },
  'audit-id': { typed: ['a3'], fields: { id: 'A3' } },
  'list-filter': { typed: ['stuck', '4'], fields: { filter: 'stuck', days: 4 } },
  page: { typed: ['page', '2'], fields: { page: 2 } },
  flow: { typed: ['flow', 'Contract'], fields: { flow: 'contract' } },
};

const typed = (c: StaffCommandSpec) => [...c.words, ...c.args.flatMap((a) => SAMPLES[a.kind].typed)];
const expected = (c: StaffCommandSpec) =>
  Object.assign({ type: c.name }, ...c.args.map((a) => SAMPLES[a.kind].fields));

describe('the staff command table', () => {
  it('has one entry per name, and typed words no two entries share', () => {
    const names = STAFF_COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const words = STAFF_COMMANDS.map((c) => c.words.join(' '));
    expect(new Set(words).size).toBe(words.length);
  });

  it.each(STAFF_COMMANDS.map((c) => [c.name, c] as const))(
    'the text parser reads %s, and a missing required argument gives the usage',
    (_, c) => {
      expect(parseAdmin(typed(c))).toEqual(expected(c));
      expect(parseAdmin(typed(c).map((w) => w.toUpperCase())).type).toBe(c.name);
      const required = c.args.findIndex((a) => a.required);
      if (required >= 0) expect(parseAdmin([...c.words]).type).toBe('usage');
    },
  );

  it.each(STAFF_COMMANDS.map((c) => [c.name, c] as const))(
    'a platform that reads %s option by option gets what the typed words give',
    (_, c) => {
      const values: Record<ArgumentKind, string | number> = {
        person: ' Ann ',
        step: 'Bind-Card',
        'audit-id': 'a3',
        'list-filter': ' Stuck   4 ',
        page: 2,
        flow: 'Contract',
      };
      expect(staffCommandFrom(c.name, (a) => values[a.kind])).toEqual(expected(c));
      expect(staffCommandFrom(c.name, () => undefined)).toEqual(parseAdmin([...c.words]));
    },
  );

  it('the usage text names every command of the table, in every language', async () => {
    const { translator } = await makeTestBot();
    for (const language of translator.languages) {
      const usage = usageText((k) => translator.t(language, k));
      for (const c of STAFF_COMMANDS) {
        expect(translator.has(language, c.help), `${language} ${c.help}`).toBe(true);
        expect(usage, `${language} ${c.name}`).toContain(`**${c.words.join(' ')}**`);
      }
    }
  });

  it('a new entry shows up in the text parser and the usage text', () => {
    withPingCommand(() => {
      expect(parseAdmin(['ping', 'ann'])).toEqual({ type: 'ping', who: 'ann' });
      expect(parseAdmin(['ping']).type).toBe('usage');
      expect(usageText((k) => k).split('\n')).toContain('ping-help');
      expect(staffCommandFrom('ping', () => 'ann')).toEqual({ type: 'ping', who: 'ann' });
    });
  });

  it('`admin` alone, or an unknown word, answers with the usage text (the same text as before the table)', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    const [alone] = await tb.bot.handle({ user: staff, text: 'admin' });
    const [unknown] = await tb.bot.handle({ user: staff, text: 'admin frobnicate' });
    expect(alone).toEqual({ kind: 'admin', language: 'en', text: unknown?.text });
    expect(alone?.text.split('\n')).toEqual([
      'Staff commands (**admin** and then):',
      '**stats** [flow <id>]: the funnel, step by step',
      '**list** [step | stage | waiting | stuck [days] | done] [page N] [flow <id>]: who matches',
      "**user** <person>: one person's timeline",
      '**approve** <person>: their review came through; move them on',
      '**move** <person> <step id>: put them on a step (asks first)',
      '**reset** <person>: back to the beginning (asks first)',
      '**assign** <person> <flow id>: put them in another flow (their place in this one is kept)',
      '**nudge** <person> | **nudge stuck** [flow <id>]: send a reminder now',
      "**export** [flow <id>]: everyone's progress in one flow as CSV",
      '**audit**: the latest admin actions',
      '**dashboard**: a link to the staff dashboard in your browser (works once, for 10 minutes)',
      '**undo** <id>: undo an admin action',
      'Name a person by their full key (console:local:dave), a mention, or their name on this platform.',
    ]);
  });
});

describe('a staff command the platform already understood', () => {
  it('is answered like the typed one, and refused the same way to someone who is not staff', async () => {
    const tb = await makeTestBot({ admins: [staff] });
    const typed = await tb.bot.handle({ user: staff, text: 'admin list all page 1' });
    const given = await tb.bot.handle({
      user: staff,
      staffCommand: { type: 'list', filter: 'all', page: 1, flow: '' },
    });
    expect(given).toEqual(typed);
    const refused = await tb.bot.handle({
      user: 'console:local:eve',
      staffCommand: { type: 'stats', flow: '' },
    });
    expect(refused).toEqual([
      { kind: 'warning', language: 'en', text: 'Sorry, that command is for the onboarding team only.' },
    ]);
  });
});
