import { afterEach, describe, expect, it } from 'vitest';
import { IDS } from './fixtures/gateway.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const OUR_COMMANDS = ['onboard', 'onboard-admin'];

describe('Discord command sets match the settings', () => {
  it('with DISCORD_GUILD_ID, empties the global set an earlier start without it left', async () => {
    h = await startHarness({
      env: { DISCORD_GUILD_ID: IDS.guild },
      prepare: (fake) => fake.commandSets.set('global', OUR_COMMANDS),
    });
    expect(Object.fromEntries(h.fake.commandSets)).toEqual({ [IDS.guild]: OUR_COMMANDS, global: [] });
  });

  it('without it, registers globally and empties the server sets left in the servers the bot is in', async () => {
    h = await startHarness({ prepare: (fake) => fake.commandSets.set(IDS.guild, OUR_COMMANDS) });
    expect(Object.fromEntries(h.fake.commandSets)).toEqual({ global: OUR_COMMANDS, [IDS.guild]: [] });
  });
});
