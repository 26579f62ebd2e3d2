import { InteractionResponseType } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import type { Recorded } from './fake-discord.js';
import { IDS } from './fixtures/gateway.js';
import { alice, slash } from './fixtures/interactions.js';
import {
  ALWAYS_DEFER_MS,
  ANSWER_AT_ONCE_MS,
  callbackType,
  customIdsOf,
  nextId,
  pressOn,
  shown,
  textOf,
  visible,
} from './harness.js';
import { startInstances } from './instances.js';
import { admin, onboard, userOption, walkTo } from './staff-helpers.js';

type Instances = Awaited<ReturnType<typeof startInstances>>;
let bots: Instances | undefined;
afterEach(async () => {
  await bots?.stop();
  bots = undefined;
});

const callbacks = (answers: Recorded[]) => answers.filter((r) => r.path.endsWith('/callback'));

/** Every instance finished its interactions without a failure (a second callback would be one). */
function noneFailed(instances: Instances) {
  const failed = instances.instances.flatMap((h) =>
    h.logs.entries.filter((e) => e.message === 'discord interaction failed'),
  );
  expect(failed).toEqual([]);
}

// A store slower than the defer window is what makes an instance defer before it knows whether the
// interaction is its own; deferring first always (`ALWAYS_DEFER_MS`) stands for it without a timed test.
describe.each([
  ['answered at once', ANSWER_AT_ONCE_MS],
  ['deferred first', ALWAYS_DEFER_MS],
])('two Discord instances on one store, %s', (_, deferAfterMs) => {
  it('answer a slash command and a button press once, and the press counts once', async () => {
    bots = await startInstances(2, { tuning: { deferAfterMs } });
    const started = await bots.asOne.interact(slash({ id: nextId(), sub: 'start', who: alice }));
    expect(callbacks(started)).toHaveLength(1);
    // The instance that claimed it still defers when its answer is slow (Discord's 3 seconds).
    expect(callbackType(callbacks(started)[0])).toBe(
      deferAfterMs === ALWAYS_DEFER_MS
        ? InteractionResponseType.DeferredChannelMessageWithSource
        : InteractionResponseType.ChannelMessageWithSource,
    );
    const view = shown(visible(started));
    expect(textOf(view)).toContain('Fill in the registration form');

    const done = customIdsOf(view).find((id) => id.startsWith('done:'));
    const pressed = await pressOn(bots.asOne, view, done ?? 'done:?', { who: alice });
    expect(callbacks(pressed)).toHaveLength(1);
    expect(textOf(shown(visible(pressed)))).not.toContain('Fill in the registration form');

    expect(textOf(await onboard(bots.asOne, 'status', alice))).toContain('1/11');
    noneFailed(bots);
  });

  it('answer a staff command once, and its DM to the person goes out once', async () => {
    bots = await startInstances(2, { tuning: { deferAfterMs } });
    await walkTo(bots.asOne, alice, 'verification-review');
    const dmsBefore = bots.fake.dmsTo(IDS.alice).length;
    const { answers, first } = await admin(bots.asOne, { sub: 'approve', options: [userOption(alice)] });
    expect(callbacks(answers)).toHaveLength(1);
    expect(textOf(first)).toContain('now on “Enter your company information”');
    const dms = bots.fake.dmsTo(IDS.alice).slice(dmsBefore);
    expect(dms.map((dm) => textOf(shown(dm)))).toEqual([expect.stringContaining('your review was approved')]);
    expect(textOf(await onboard(bots.asOne, 'status', alice))).toContain('7/11');
    noneFailed(bots);
  });
});
