import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { adminCommand } from '../../../adapters/discord/admin-commands.js';
import { STAFF_COMMANDS } from '../../../src/core/index.js';
import { loadFlows } from '../../../src/flows/load.js';
import { loadTranslator } from '../../../src/i18n/translator.js';
import { withPingCommand } from '../../helpers/staff.js';

const translator = await loadTranslator();
const flows = await loadFlows();
const subcommands = () => adminCommand(translator, 'global', flows).options ?? [];

const OPTION_NAMES = {
  person: 'user',
  step: 'step',
  'list-filter': 'filter',
  page: 'page',
  'audit-id': 'id',
  flow: 'flow',
};

describe("/onboard-admin is built from the core's staff command table", () => {
  it('one subcommand per table entry, in table order, each with its arguments as options', () => {
    const subs = subcommands();
    expect(subs.map((s) => s.name)).toEqual(STAFF_COMMANDS.map((c) => c.name));
    for (const [i, c] of STAFF_COMMANDS.entries()) {
      const sub = subs[i];
      if (sub?.type !== ApplicationCommandOptionType.Subcommand)
        throw new Error(`${c.name}: not a subcommand`);
      expect(
        (sub.options ?? []).map((o) => [o.name, o.required]),
        c.name,
      ).toEqual(c.args.map((a) => [OPTION_NAMES[a.kind], a.required]));
    }
  });

  it('every table entry has its subcommand name and description in every language', () => {
    for (const language of translator.languages) {
      for (const c of STAFF_COMMANDS) {
        for (const part of ['name', 'description']) {
          const key = `discord:admin.${c.name}.${part}`;
          expect(translator.has(language, key), `${language} ${key}`).toBe(true);
        }
      }
    }
  });

  it('a new table entry becomes a new subcommand with its options', () => {
    withPingCommand(() => {
      const ping = subcommands().at(-1);
      expect(ping?.name).toBe('ping');
      expect(ping && 'options' in ping ? ping.options : []).toEqual([
        expect.objectContaining({ type: ApplicationCommandOptionType.User, name: 'user', required: true }),
      ]);
    });
  });
});
